package dev.hotpath.reporting.it;

import dev.hotpath.reporting.ReportingMain;
import dev.hotpath.reporting.ingest.BatchListener;
import dev.hotpath.reporting.ingest.ReportingIngest;
import dev.hotpath.reporting.projection.BarInterval;
import dev.hotpath.reporting.projection.OrderStatsRow;
import dev.hotpath.reporting.projection.PositionRow;
import dev.hotpath.reporting.store.Database;
import dev.hotpath.reporting.store.ReportingQueries;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The engine runs in one child JVM with a random order flow; the reporting process ({@code hotpath reporting},
 * the real main) runs in another and is killed with {@code kill -9} several times while the engine writes,
 * then restarted, and finally stopped with SIGTERM. The database must then hold exactly what the engine did:
 * every trade once, positions and counters as counted straight from the journal, and the very same rows as a
 * single uninterrupted ingest of the same journal. Runs on the default store (DuckDB);
 * {@code -Dreporting.store=h2} runs it on H2.
 */
@Tag("slow") // engine and reporting child JVMs, restarted
class ReportingRestartIT
{
    private static final int KILLS = Integer.getInteger("reporting.kills", 3);
    /** {@code default} (DuckDB) or {@code h2}: the store under test. */
    private static final String STORE = System.getProperty("reporting.store", "default");

    @TempDir
    Path dir;

    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    void shouldIngestExactlyOnceAcrossKillMinus9() throws Exception
    {
        final long seed = Long.getLong("reporting.seed", System.nanoTime());
        System.out.println("ReportingRestartIT seed " + seed + " (rerun with -Dreporting.seed=" + seed + ")");
        final SplittableRandom random = new SplittableRandom(seed);
        final Path engineDir = dir.resolve("engine");
        final Path dbFile = dir.resolve("db/reporting");
        final Database db = store(dbFile);

        final CountDownLatch engineReady = new CountDownLatch(1);
        final AtomicLong engineDone = new AtomicLong();
        try (ChildJvm engine = new ChildJvm("engine", EngineChild.class,
            List.of(engineDir.toString(), Long.toString(seed), "30000", "6000"), line ->
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

            long committedBefore = 0;
            for (int kill = 1; kill <= KILLS; kill++)
            {
                final AtomicLong committed = new AtomicLong();
                try (ChildJvm reporting = startReporting(engineDir, db, committed))
                {
                    final long before = committedBefore;
                    // Once the engine is done there may be nothing left to commit: then kill the idle process.
                    await("reporting run " + kill + " makes progress").atMost(Duration.ofSeconds(60))
                        .until(() -> committed.get() > before || engineDone.get() > 0);
                    Thread.sleep(random.nextInt(300)); // a random moment to crash: the wait is the point
                    reporting.killHard();
                    committedBefore = Math.max(committedBefore, committed.get());
                }
            }

            final AtomicLong committed = new AtomicLong();
            try (ChildJvm reporting = startReporting(engineDir, db, committed))
            {
                await("engine child finishes").atMost(Duration.ofMinutes(2)).until(() -> engineDone.get() > 0);
                final long last = engineDone.get();
                await("reporting catches up").atMost(Duration.ofMinutes(1)).until(() -> committed.get() == last);
                final int exit = reporting.stopGracefully();
                assertTrue(exit == 0 || exit == 143, "graceful exit code " + exit + ": " + reporting.output());
            }
            assertTrue(engine.process().waitFor(60, TimeUnit.SECONDS), "engine child exits");
        }

        final JournalFacts facts = JournalFacts.read(engineDir.resolve("events"));
        assertTrue(facts.trades > 100, "the flow traded: " + facts.trades);
        final ReportingQueries q = new ReportingQueries(db);
        assertEquals(facts.lastSequence, q.ingestPosition()[1], "position");
        checkAgainstJournal(q, facts);

        final Database single = store(dir.resolve("db/single"));
        try (ReportingIngest ingest =
            new ReportingIngest(engineDir.resolve("events"), single, BatchListener.NONE).start())
        {
            await().atMost(Duration.ofMinutes(1)).failFast(() -> ingest.failure() != null)
                .until(() -> ingest.committedSequence() == facts.lastSequence);
        }
        assertEquals(TableDump.dump(single), TableDump.dump(db), "killed and restarted equals one clean run");
    }

    private static Database store(final Path file)
    {
        return "h2".equals(STORE) ? Database.h2File(file) : Database.file(file);
    }

    private static void checkAgainstJournal(final ReportingQueries q, final JournalFacts facts) throws Exception
    {
        long trades = 0;
        long volumeFromBars = 0;
        for (final var instrument : q.instruments())
        {
            trades += instrument.tradeCount();
            assertEquals(facts.volume.get(instrument.instrumentId()), instrument.volume(), "volume");
            for (final BarInterval interval : BarInterval.values())
            {
                final long barVolume = q.bars(instrument.instrumentId(), interval, 0, 0, 1_000_000).stream()
                    .mapToLong(b -> b.volume()).sum();
                assertEquals(instrument.volume(), barVolume, interval + " bars add up to the volume");
                volumeFromBars += barVolume;
            }
        }
        assertEquals(facts.trades, trades, "every trade counted once");
        assertTrue(volumeFromBars > 0);
        for (int instrument = 0; instrument < 2; instrument++)
        {
            final List<?> tape = q.instrumentTrades(instrument, 1_000_000);
            assertEquals(facts.volume.getOrDefault(instrument, 0L) > 0, !tape.isEmpty());
        }
        assertEquals(facts.lastTradeId, facts.trades, "trade ids run from 1 without gaps");
        for (long account = 1; account <= 6; account++)
        {
            final Map<Integer, Long> net = new java.util.TreeMap<>();
            for (final PositionRow p : q.positions(account))
            {
                net.put(p.instrumentId(), p.quantity());
                assertEquals(facts.netQuantity.getOrDefault(account + "/" + p.instrumentId(), 0L), p.quantity(),
                    "net position of " + account + "/" + p.instrumentId());
            }
            final OrderStatsRow stats = q.orderStats(account);
            assertEquals(facts.placed.getOrDefault(account, 0L), stats.placed(), "placed by " + account);
            assertEquals(facts.rejected.getOrDefault(account, 0L), stats.rejected(), "rejected of " + account);
            assertEquals(facts.filled.getOrDefault(account, 0L), stats.filled(), "filled of " + account);
            assertEquals(facts.cancelled.getOrDefault(account, 0L), stats.cancelled(), "cancelled of " + account);
            assertEquals(stats.rejected(), stats.rejectedByReason().values().stream().mapToLong(Long::longValue).sum());
        }
    }

    private static ChildJvm startReporting(final Path engineDir, final Database db, final AtomicLong committed)
        throws Exception
    {
        return new ChildJvm("reporting", ReportingMain.class, List.of("--engine-dir", engineDir.toString(),
            "--db-url", db.url(), "--http-port", "-1", "--grpc-port", "-1", "--batch-frames", "512", "--progress"),
            line ->
            {
                if (line.startsWith("committed "))
                {
                    committed.accumulateAndGet(Long.parseLong(line.split(" ")[1]), Math::max);
                }
            });
    }
}
