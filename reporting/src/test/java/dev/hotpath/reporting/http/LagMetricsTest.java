package dev.hotpath.reporting.http;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.hotpath.engine.codec.FrameLayout;
import dev.hotpath.engine.journal.EventJournalReader;
import dev.hotpath.reporting.config.AccountDirectory;
import dev.hotpath.reporting.ingest.IngestLag;
import dev.hotpath.reporting.ingest.ReportingIngest;
import dev.hotpath.reporting.store.Database;
import dev.hotpath.reporting.store.ReportingQueries;
import dev.hotpath.reporting.testing.Scenario;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The lag behind the event journal on {@code /metrics} and {@code /api/status}: with the writer held after its
 * first commit, the figures are the commands and the command time between that frame and the journal's last;
 * once it goes on, both fall to 0.
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class LagMetricsTest
{
    @TempDir
    static Path engineDir;

    @TempDir
    Path dir;

    private final HttpClient client = HttpClient.newHttpClient();

    @BeforeAll
    static void runEngine() throws InterruptedException
    {
        Scenario.runEngine(engineDir);
    }

    @Test
    void shouldExportHowFarTheDatabaseIsBehindTheJournal() throws Exception
    {
        final Map<Long, Long> timestamps = timestampsBySequence(engineDir.resolve("events"));
        final Database db = Database.file(dir.resolve("db/reporting"));
        final CountDownLatch release = new CountDownLatch(1);
        // one frame a batch, one batch queued: the writer is held after committing frame 1
        try (ReportingIngest ingest = new ReportingIngest(engineDir.resolve("events"), db, batch -> hold(release),
            1, 1).start())
        {
            final DashboardServer server = new DashboardServer(new InetSocketAddress("127.0.0.1", 0),
                new ReportingQueries(db), AccountDirectory.EMPTY, dir.resolve("reports"), ingest).start();
            try
            {
                await().atMost(Duration.ofSeconds(30)).failFast(() -> ingest.failure() != null)
                    .until(() -> ingest.committedSequence() == 1 && ingest.lag().journalSequence() == Scenario.COMMANDS);
                final long behindMs = TimeUnit.NANOSECONDS.toMillis(timestamps.get(Scenario.COMMANDS) - timestamps.get(1L));
                assertTrue(behindMs > 0, "the scenario's commands span time: " + behindMs);
                assertEquals(new IngestLag(Scenario.COMMANDS, 1, Scenario.COMMANDS - 1, behindMs), ingest.lag());

                final Map<String, Long> metrics = metrics(get(server, "/metrics"));
                assertEquals(Scenario.COMMANDS - 1, metrics.get("hotpath_reporting_lag_commands"));
                assertEquals(behindMs, metrics.get("hotpath_reporting_lag_milliseconds"));
                assertEquals(Scenario.COMMANDS, metrics.get("hotpath_reporting_journal_sequence"));
                assertEquals(1L, metrics.get("hotpath_reporting_committed_sequence"));
                final JsonObject status = JsonParser.parseString(get(server, "/api/status").body()).getAsJsonObject();
                assertEquals(Scenario.COMMANDS - 1, status.get("lagCommands").getAsLong());
                assertEquals(behindMs, status.get("lagMillis").getAsLong());

                release.countDown();
                await().atMost(Duration.ofSeconds(30)).failFast(() -> ingest.failure() != null)
                    .until(() -> ingest.committedSequence() == Scenario.COMMANDS);
                assertEquals(new IngestLag(Scenario.COMMANDS, Scenario.COMMANDS, 0, 0), ingest.lag());
                final Map<String, Long> caughtUp = metrics(get(server, "/metrics"));
                assertEquals(0L, caughtUp.get("hotpath_reporting_lag_commands"));
                assertEquals(0L, caughtUp.get("hotpath_reporting_lag_milliseconds"));
            }
            finally
            {
                release.countDown();
                server.close();
            }
        }
    }

    @Test
    void shouldNotServeMetricsWithoutAnIngest() throws Exception
    {
        final DashboardServer server = new DashboardServer(new InetSocketAddress("127.0.0.1", 0),
            new ReportingQueries(Database.file(dir.resolve("db/none"))), AccountDirectory.EMPTY,
            dir.resolve("reports"), null).start();
        try
        {
            assertEquals(404, get(server, "/metrics").statusCode());
        }
        finally
        {
            server.close();
        }
    }

    private static void hold(final CountDownLatch latch)
    {
        try
        {
            latch.await();
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
    }

    private HttpResponse<String> get(final DashboardServer server, final String path) throws Exception
    {
        return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path)).build(),
            HttpResponse.BodyHandlers.ofString());
    }

    private static Map<String, Long> metrics(final HttpResponse<String> response)
    {
        assertEquals(200, response.statusCode());
        assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("text/plain"));
        final Map<String, Long> out = new HashMap<>();
        for (final String line : response.body().split("\n"))
        {
            if (!line.startsWith("#") && !line.isBlank())
            {
                final String[] parts = line.trim().split(" ");
                out.put(parts[0], Long.parseLong(parts[1]));
            }
        }
        return out;
    }

    private static Map<Long, Long> timestampsBySequence(final Path events)
    {
        final Map<Long, Long> out = new HashMap<>();
        try (EventJournalReader reader = new EventJournalReader(events))
        {
            while (reader.poll((frame, length, index) -> out.put(
                frame.getLong(FrameLayout.SEQUENCE_OFFSET, ByteOrder.LITTLE_ENDIAN),
                frame.getLong(FrameLayout.TIMESTAMP_OFFSET, ByteOrder.LITTLE_ENDIAN)), 100) > 0)
            {
                assertTrue(out.size() <= Scenario.COMMANDS);
            }
        }
        return out;
    }
}
