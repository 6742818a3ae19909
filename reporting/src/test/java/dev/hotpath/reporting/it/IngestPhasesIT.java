package dev.hotpath.reporting.it;

import dev.hotpath.engine.api.EventSink;
import dev.hotpath.engine.api.NoOpEventSink;
import dev.hotpath.engine.codec.EventDecoder;
import dev.hotpath.engine.codec.FrameLayout;
import dev.hotpath.engine.journal.EventJournalReader;
import dev.hotpath.reporting.ingest.BatchListener;
import dev.hotpath.reporting.ingest.ReportingIngest;
import dev.hotpath.reporting.projection.Batch;
import dev.hotpath.reporting.projection.Projector;
import dev.hotpath.reporting.read.ReportingReads;
import dev.hotpath.reporting.store.Database;
import dev.hotpath.reporting.store.ProjectionWriter;
import dev.hotpath.reporting.store.ReportingQueries;
import dev.hotpath.reporting.store.WriteTimes;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Where ingest time goes, on the event journal of workload W1: a measurement that prints a table, not a
 * pass/fail on time. {@code -Dingest.commands=N} sets the measured commands after W1's prefill (default
 * 500,000), {@code -Dingest.batchFrames=N} the most frames per transaction (default: as shipped),
 * {@code -Dingest.stores=duckdb,h2} the stores measured, in order (default: the default store only),
 * {@code -Dingest.flow=random} EngineChild's trade-heavy random flow instead of W1 (no prefill).
 *
 * <p>Every run starts from an empty database and replays the whole journal: that is also the catch-up after a
 * restart onto an empty store. Per store, five runs over the same journal:
 * <ol>
 *   <li><b>pipeline, cold</b>: {@link ReportingIngest} as the service runs it (tailer and writer threads), in
 *       a JVM that has not run it yet: the commands/s figure of a fresh start;</li>
 *   <li><b>decode</b>: reading the journal and decoding every event into a sink that does nothing;</li>
 *   <li><b>phases</b>: the same work as the pipeline on one thread, timed step by step: read, decode and
 *       project (less the decode run: projection), each table's SQL, and the commit;</li>
 *   <li><b>pipeline, warm</b>: the first run again, now that the JIT has compiled the writer and the
 *       projection;</li>
 *   <li><b>pipeline, queried</b>: once more while another thread queries the store as the dashboard does (an
 *       account's trades page, its positions, an instrument's 1 s bars) back to back: their latency percentiles
 *       are printed.</li>
 * </ol>
 * Shares are of the single-thread run's total; the pipeline overlaps projection with SQL, so its time is
 * less than that total.
 */
@Tag("slow") // an engine child JVM and a W1 journal
class IngestPhasesIT
{
    private static final int BATCH_FRAMES = Integer.getInteger("ingest.batchFrames",
        ReportingIngest.DEFAULT_BATCH_FRAMES);

    private static final int IDLE_QUERY_ROUNDS = 300;
    /** {@code w1} (default) or {@code random}: EngineChild's flow, 6 accounts, about one trade per two commands. */
    private static final String FLOW = System.getProperty("ingest.flow", "w1");

    @TempDir
    Path dir;

    @Test
    @Timeout(value = 10, unit = TimeUnit.MINUTES)
    void shouldPrintWhereIngestTimeGoes() throws Exception
    {
        final int commands = Integer.getInteger("ingest.commands", 500_000);
        final Path engineDir = dir.resolve("engine");
        final long last = FLOW.equals("random") ? randomFlow(engineDir, commands) : W1Journal.write(engineDir, commands);
        final Path events = engineDir.resolve("events");
        final Decoded decoded = decodeOnly(events);
        assertEquals(last, decoded.frames, "every command has a frame");
        for (final String store : System.getProperty("ingest.stores", "default").split(","))
        {
            measure(store.trim(), events, last, commands, decoded);
        }
    }

    private void measure(final String store, final Path events, final long last, final int commands,
        final Decoded decoded) throws Exception
    {
        final double coldSeconds = pipeline(events, database(store, "cold"), last, null, false);
        final Phases phases = phases(events, database(store, "phases"));
        assertEquals(last, phases.frames, "the single-thread run read every frame");
        final Database warm = database(store, "warm");
        final double warmSeconds = pipeline(events, warm, last, null, false);
        final QueryLoad sqlQueries = new QueryLoad();
        final double sqlQueriedSeconds = pipeline(events, database(store, "queried-sql"), last, sqlQueries, false);
        final QueryLoad queries = new QueryLoad();
        final double queriedSeconds = pipeline(events, database(store, "queried"), last, queries, true);
        final long trades = new ReportingQueries(warm).instruments().stream().mapToLong(i -> i.tradeCount()).sum();
        final QueryLoad idle = new QueryLoad();
        idle.run(new ReportingReads(new ReportingQueries(warm), null), IDLE_QUERY_ROUNDS);

        final StringBuilder table = new StringBuilder();
        table.append(String.format(Locale.ROOT, "INGEST PHASES (" + FLOW + ", %s = %s): %,d commands (%,d prefill), %,d events, " +
            "%,d trades, %d frames a batch%n", store, warm.kind(), last, last - commands, decoded.events, trades,
            BATCH_FRAMES));
        table.append(String.format(Locale.ROOT, "  pipeline, cold (2 threads): %.2f s = %,.0f commands/s, " +
            "%,.0f events/s%n", coldSeconds, last / coldSeconds, decoded.events / coldSeconds));
        table.append(String.format(Locale.ROOT, "  pipeline, warm (2 threads): %.2f s = %,.0f commands/s, " +
            "%,.0f events/s%n", warmSeconds, last / warmSeconds, decoded.events / warmSeconds));
        table.append(String.format(Locale.ROOT, "  pipeline, warm, queried meanwhile (SQL only): %.2f s = %,.0f " +
            "commands/s%n", sqlQueriedSeconds, last / sqlQueriedSeconds));
        table.append(String.format(Locale.ROOT, "  pipeline, warm, queried meanwhile (ReportingReads): %.2f s = %,.0f " +
            "commands/s%n", queriedSeconds, last / queriedSeconds));
        final double total = phases.totalNs / 1e9;
        table.append(String.format(Locale.ROOT, "  single thread: %.2f s = %,.0f commands/s%n", total, last / total));
        table.append(String.format(Locale.ROOT, "  %-22s %10s %7s %12s%n", "phase", "seconds", "share", "ns/command"));
        row(table, "read+decode", decoded.nanos, phases.totalNs, last);
        row(table, "projection", Math.max(0, phases.readProjectNs - decoded.nanos), phases.totalNs, last);
        row(table, "drain (batch rows)", phases.drainNs, phases.totalNs, last);
        for (final Map.Entry<WriteTimes.Phase, Long> e : phases.write.nanos().entrySet())
        {
            final String name = e.getKey() == WriteTimes.Phase.COMMIT ? "commit" :
                "sql " + e.getKey().name().toLowerCase(Locale.ROOT);
            row(table, name, e.getValue(), phases.totalNs, last);
        }
        table.append("  queries during the queried pipeline, SQL only (ms):\n").append(sqlQueries.report());
        table.append("  queries during the queried pipeline, ReportingReads: memory where it can (ms):\n")
            .append(queries.report());
        table.append("  queries on the idle store afterwards, SQL only (ms):\n").append(idle.report());
        System.out.print(table);
    }

    /** EngineChild's random flow as fast as the engine takes it; the prefill is 0. */
    private static long randomFlow(final Path engineDir, final int commands) throws Exception
    {
        EngineChild.main(new String[] {engineDir.toString(), "42", Integer.toString(commands), "100000000"});
        return JournalFacts.read(engineDir.resolve("events")).lastSequence;
    }

    private Database database(final String store, final String run)
    {
        final Path file = dir.resolve("db-" + store + "-" + run + "/reporting");
        return switch (store)
        {
            case "default" -> Database.file(file);
            case "duckdb" -> Database.duckDbFile(file);
            case "h2" -> Database.h2File(file);
            default -> throw new IllegalArgumentException("ingest.stores: default, duckdb or h2, not " + store);
        };
    }

    private static void row(final StringBuilder table, final String name, final long nanos, final long totalNs,
        final long commands)
    {
        table.append(String.format(Locale.ROOT, "  %-22s %10.3f %6.1f%% %12.0f%n", name, nanos / 1e9,
            100.0 * nanos / totalNs, (double)nanos / commands));
    }

    private static double pipeline(final Path events, final Database db, final long last, final QueryLoad queries,
        final boolean fromMemory) throws Exception
    {
        final long startNs = System.nanoTime();
        try (ReportingIngest ingest = new ReportingIngest(events, db, BatchListener.NONE, BATCH_FRAMES, 4).start())
        {
            if (queries != null)
            {
                queries.start(new ReportingReads(new ReportingQueries(db), fromMemory ? ingest : null),
                    () -> ingest.committedSequence() == last);
            }
            await().atMost(Duration.ofMinutes(8)).pollInterval(Duration.ofMillis(5))
                .failFast(() -> ingest.failure() != null)
                .until(() -> ingest.committedSequence() == last);
        }
        final double seconds = (System.nanoTime() - startNs) / 1e9;
        if (queries != null)
        {
            queries.stop();
        }
        return seconds;
    }

    private static Decoded decodeOnly(final Path events)
    {
        final Decoded d = new Decoded();
        final EventSink sink = NoOpEventSink.INSTANCE; // decodes into nothing: reading and decoding alone
        final long startNs = System.nanoTime();
        try (EventJournalReader reader = new EventJournalReader(events))
        {
            while (reader.poll((frame, length, index) ->
            {
                d.events += EventDecoder.decode(frame, FrameLayout.HEADER_LENGTH, FrameLayout.eventsLength(frame),
                    sink);
                d.frames++;
            }, BATCH_FRAMES) > 0)
            {
                d.nanos = System.nanoTime() - startNs;
            }
        }
        d.nanos = System.nanoTime() - startNs;
        return d;
    }

    private static Phases phases(final Path events, final Database db) throws Exception
    {
        db.createSchema();
        final Phases p = new Phases();
        final Projector projector = new Projector();
        final long startNs = System.nanoTime();
        try (EventJournalReader reader = new EventJournalReader(events);
            ProjectionWriter writer = ProjectionWriter.open(db))
        {
            while (true)
            {
                final long t0 = System.nanoTime();
                final int frames = reader.poll(projector::onFrame, BATCH_FRAMES);
                final long t1 = System.nanoTime();
                p.readProjectNs += t1 - t0;
                if (frames == 0)
                {
                    break;
                }
                p.frames += frames;
                final Batch batch = projector.drain();
                p.drainNs += System.nanoTime() - t1;
                writer.write(batch, p.write);
            }
        }
        p.totalNs = System.nanoTime() - startNs;
        return p;
    }

    private static final class Decoded
    {
        long frames;
        long events;
        long nanos;
    }

    private static final class Phases
    {
        final WriteTimes write = WriteTimes.recording();
        long frames;
        long readProjectNs;
        long drainNs;
        long totalNs;
    }
}
