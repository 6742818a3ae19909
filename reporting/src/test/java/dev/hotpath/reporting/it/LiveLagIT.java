package dev.hotpath.reporting.it;

import dev.hotpath.reporting.ReportingMain;
import dev.hotpath.reporting.ingest.ReportingIngest;
import dev.hotpath.reporting.ingest.WriteStallTracker;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Reporting keeping up with a live engine, each in its own JVM on this machine: the engine sends a random flow at
 * {@code -Dlag.rate} commands/s (default 250,000) for {@code -Dlag.seconds} (default 4; 60 for the README's
 * figure); {@code hotpath reporting} (the real main, default store, {@code -Xmx2g} unless {@code -Dlag.reportingHeap})
 * tails it; {@code -Dlag.warmupSeconds=N} sends N seconds more first and leaves them out of the maximum. Every second the test reads the
 * lag from {@code /api/status}; every 50 ms it times the dashboard's queries over HTTP (the tape, an account's
 * positions, 1 s bars; {@code -Dlag.queries=false}: none). Prints every lag sample and the query percentiles: a measurement, not a pass/fail on
 * time. It fails only when the reporting process stops, a query fails, or the ingest does not end on the
 * engine's last command.
 */
@Tag("slow") // engine and reporting in two child JVMs
class LiveLagIT
{
    private static final Pattern NUMBER = Pattern.compile("\"%s\":(\\d+)");
    private static final String[] QUERIES = {"/api/trades?instrument=0&limit=50", "/api/positions",
        "/api/bars?instrument=0&interval=1s&limit=60"};

    /** {@code -Dlag.queries=false}: only the lag is sampled, no queries. */
    private static final boolean QUERYING = Boolean.parseBoolean(System.getProperty("lag.queries", "true"));

    /** {@code -Dlag.batchFrames=N}: reporting's {@code --batch-frames} (default: the service's default). */
    private static final int BATCH_FRAMES = Integer.getInteger("lag.batchFrames", ReportingIngest.DEFAULT_BATCH_FRAMES);

    /** {@code -Dlag.dbSettings=?name=value&...}: DuckDB settings appended to reporting's {@code --db-url}. */
    private static final String DB_SETTINGS = System.getProperty("lag.dbSettings", "");

    /**
     * {@code -Dlag.reportingHeap=512m}: the reporting JVM's {@code -Xmx}. Default 2g: {@code hotpath reporting} runs
     * with the JVM's default heap (a quarter of the memory); at 512m its young collections came every second and
     * took 60 - 135 ms while a backlog of large batches was live.
     */
    private static final String REPORTING_HEAP = System.getProperty("lag.reportingHeap", "2g");

    /**
     * {@code -Dlag.warmupSeconds=N}: the engine sends for N seconds more, first; their samples are printed but left out
     * of the measured window's maximum (a cold reporting JVM's first seconds, as loadgen's {@code --warmup}).
     */
    private static final int WARMUP_SECONDS = Integer.getInteger("lag.warmupSeconds", 0);

    @TempDir
    Path dir;

    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    void shouldPrintTheLagBehindALiveEngine() throws Exception
    {
        final long rate = Long.getLong("lag.rate", 250_000);
        final int seconds = Integer.getInteger("lag.seconds", 4);
        final Path engineDir = dir.resolve("engine");
        final Path accounts = dir.resolve("accounts.json");
        Files.writeString(accounts, "{\"accounts\":[{\"id\":1,\"name\":\"one\",\"key\":\"test-key-0001-NOT-SECRET\"}]}");
        final CountDownLatch engineReady = new CountDownLatch(1);
        final AtomicLong engineDone = new AtomicLong();
        try (ChildJvm engine = new ChildJvm("engine", EngineChild.class, List.of(engineDir.toString(), "18",
            Long.toString(rate * (seconds + WARMUP_SECONDS)), Long.toString(rate), "wait"), line ->
            {
                if (line.equals("READY"))
                {
                    engineReady.countDown();
                }
                else if (line.startsWith("DONE "))
                {
                    engineDone.set(Long.parseLong(line.substring(5).trim()));
                }
            }))
        {
            assertTrue(engineReady.await(60, TimeUnit.SECONDS), "engine child did not start: " + engine.output());
            final AtomicReference<String> ready = new AtomicReference<>();
            final CountDownLatch reportingReady = new CountDownLatch(1);
            try (ChildJvm reporting = new ChildJvm("reporting", ReportingMain.class, List.of("-Xmx" + REPORTING_HEAP),
                List.of("--engine-dir",
                engineDir.toString(), "--db-url", "jdbc:duckdb:" + dir.resolve("db/reporting.duckdb") + DB_SETTINGS,
                "--http-port", "0", "--grpc-port", "-1", "--accounts", accounts.toString(),
                "--reports-dir", dir.resolve("reports").toString(), "--batch-frames", Integer.toString(BATCH_FRAMES)),
                line ->
                {
                    if (line.startsWith("READY "))
                    {
                        ready.set(line);
                        reportingReady.countDown();
                    }
                }))
            {
                assertTrue(reportingReady.await(60, TimeUnit.SECONDS), "reporting did not start: " + reporting.output());
                final Matcher port = Pattern.compile("http=(\\d+)").matcher(ready.get());
                assertTrue(port.find(), ready.get());
                final String base = "http://127.0.0.1:" + port.group(1);
                final HttpClient http = HttpClient.newHttpClient();
                engine.process().getOutputStream().write("go\n".getBytes(StandardCharsets.UTF_8));
                engine.process().getOutputStream().flush();

                final List<long[]> lags = new ArrayList<>();
                final long[][] queryNs = new long[QUERIES.length][100_000];
                final int[] counts = new int[QUERIES.length];
                final long startNs = System.nanoTime();
                long nextSampleNs = startNs;
                while (engineDone.get() == 0)
                {
                    assertTrue(reporting.process().isAlive(), "reporting stopped: " + reporting.output());
                    assertTrue(engine.process().isAlive() || engineDone.get() != 0,
                        "engine stopped: " + engine.output());
                    final long now = System.nanoTime();
                    if (now >= nextSampleNs)
                    {
                        final String status = get(http, base + "/api/status");
                        lags.add(new long[] {TimeUnit.NANOSECONDS.toMillis(now - startNs),
                            number(status, "lagCommands"), number(status, "lagMillis"),
                            number(status, "lastWriteMillis"), number(status, "lastWriteFrames"),
                            number(status, "longestWriteMillis"), number(status, "writeStalls")});
                        nextSampleNs += TimeUnit.SECONDS.toNanos(1);
                    }
                    for (int q = 0; q < (QUERYING ? QUERIES.length : 0); q++)
                    {
                        final long t0 = System.nanoTime();
                        get(http, base + QUERIES[q]);
                        if (counts[q] < queryNs[q].length)
                        {
                            queryNs[q][counts[q]++] = System.nanoTime() - t0;
                        }
                    }
                    Thread.sleep(50); // the pace of the dashboard's polling, not a wait for a condition
                }
                final long last = engineDone.get();
                await("reporting catches up").atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(100))
                    .until(() -> number(get(http, base + "/api/status"), "committedSequence") == last);
                print(rate, seconds, lags, queryNs, counts);
                assertTrue(lags.size() >= seconds / 2, "lag sampled every second: " + lags.size());
                final int exit = reporting.stopGracefully();
                assertTrue(exit == 0 || exit == 143, "graceful exit code " + exit + ": " + reporting.output());
            }
            assertTrue(engine.process().waitFor(60, TimeUnit.SECONDS), "engine child exits");
            assertEquals(rate * (seconds + WARMUP_SECONDS), engineDone.get(), "the engine sent every command");
        }
    }

    private static void print(final long rate, final int seconds, final List<long[]> lags, final long[][] queryNs,
        final int[] counts)
    {
        final StringBuilder out = new StringBuilder(String.format(Locale.ROOT,
            "LIVE LAG: engine at %,d commands/s for %d s (+ %d s warm-up), reporting (DuckDB, -Xmx%s) in another JVM%n",
            rate, seconds, WARMUP_SECONDS, REPORTING_HEAP));
        long maxCommands = 0;
        long maxMillis = 0;
        long measured = 0;
        for (final long[] l : lags)
        {
            if (l[0] < TimeUnit.SECONDS.toMillis(WARMUP_SECONDS))
            {
                out.append(String.format(Locale.ROOT, "  (warm-up) t=%6d ms  lag %,9d commands %6d ms%n", l[0], l[1],
                    l[2]));
                continue;
            }
            measured++;
            out.append(String.format(Locale.ROOT, "  t=%6d ms  lag %,9d commands %6d ms   last write %5d ms of " +
                "%,7d frames, longest %5d ms, %d over %d ms%n", l[0], l[1], l[2], l[3], l[4], l[5], l[6],
                WriteStallTracker.THRESHOLD_MS));
            maxCommands = Math.max(maxCommands, l[1]);
            maxMillis = Math.max(maxMillis, l[2]);
        }
        out.append(String.format(Locale.ROOT, "  max lag over %d samples%s: %,d commands, %d ms%n", measured,
            WARMUP_SECONDS == 0 ? "" : " after " + WARMUP_SECONDS + " s of warm-up", maxCommands, maxMillis));
        for (int q = 0; q < QUERIES.length; q++)
        {
            final long[] sorted = Arrays.copyOf(queryNs[q], counts[q]);
            Arrays.sort(sorted);
            out.append(String.format(Locale.ROOT, "  %-46s n=%,6d p50 %7.3f ms  p99 %7.3f ms  max %8.3f ms%n",
                QUERIES[q], sorted.length, at(sorted, 0.5), at(sorted, 0.99),
                sorted.length == 0 ? 0 : sorted[sorted.length - 1] / 1e6));
        }
        System.out.print(out);
    }

    private static double at(final long[] sorted, final double quantile)
    {
        return sorted.length == 0 ? 0 :
            sorted[(int)Math.min(sorted.length - 1, Math.ceil(quantile * sorted.length) - 1)] / 1e6;
    }

    private static String get(final HttpClient http, final String url) throws Exception
    {
        final HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url))
            .header("X-Api-Key", "test-key-0001-NOT-SECRET").timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), url + ": " + response.body());
        return response.body();
    }

    private static long number(final String json, final String field)
    {
        final Matcher m = Pattern.compile(String.format(Locale.ROOT, NUMBER.pattern(), field)).matcher(json);
        assertTrue(m.find(), field + " in " + json);
        return Long.parseLong(m.group(1));
    }
}
