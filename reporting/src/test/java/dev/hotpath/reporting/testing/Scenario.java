package dev.hotpath.reporting.testing;

import dev.hotpath.engine.api.Command;
import dev.hotpath.engine.api.Instrument;
import dev.hotpath.engine.api.OrderType;
import dev.hotpath.engine.api.Side;
import dev.hotpath.engine.pipeline.Engine;
import dev.hotpath.engine.pipeline.EngineConfig;
import dev.hotpath.reporting.ingest.BatchListener;
import dev.hotpath.reporting.ingest.ReportingIngest;
import dev.hotpath.reporting.store.Database;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;

/**
 * A small hand-checked order flow on instrument 0: partial fills across two levels, a reject, an amend that
 * moves an order, a self-trade prevention cancel, a market order sweeping two levels, a cancel, a cancel of an
 * unknown order, and two orders left resting. The expected projections are worked out in the test that uses it.
 */
public final class Scenario
{
    /** Aligned to a minute, so the 1 s and 1 min bars start here. */
    public static final long T0 = 1_700_000_040_000_000_000L;
    public static final long COMMANDS = 12;

    private Scenario()
    {
    }

    public static void run(final Engine engine)
    {
        final Command c = new Command();
        long corr = 0;
        engine.publish(c.place(T0, 1, 1, 0, Side.SELL.code(), OrderType.LIMIT.code(), 100, 10), ++corr);
        engine.publish(c.place(T0 + 100_000_000L, 2, 1, 0, Side.SELL.code(), OrderType.LIMIT.code(), 101, 5), ++corr);
        engine.publish(c.place(T0 + 500_000_000L, 3, 2, 0, Side.BUY.code(), OrderType.LIMIT.code(), 101, 12), ++corr);
        engine.publish(c.place(T0 + 600_000_000L, 4, 2, 0, Side.BUY.code(), OrderType.LIMIT.code(), 0, 5), ++corr);
        engine.publish(c.amend(T0 + 700_000_000L, 2, 1, 102, 3), ++corr);
        engine.publish(c.place(T0 + 800_000_000L, 5, 3, 0, Side.BUY.code(), OrderType.LIMIT.code(), 99, 4), ++corr);
        engine.publish(c.place(T0 + 900_000_000L, 6, 3, 0, Side.SELL.code(), OrderType.LIMIT.code(), 99, 1), ++corr);
        engine.publish(c.place(T0 + 1_200_000_000L, 7, 2, 0, Side.BUY.code(), OrderType.MARKET.code(), 0, 2), ++corr);
        engine.publish(c.cancel(T0 + 1_300_000_000L, 2, 1), ++corr);
        engine.publish(c.cancel(T0 + 1_400_000_000L, 999, 2), ++corr);
        engine.publish(c.place(T0 + 1_500_000_000L, 8, 1, 0, Side.SELL.code(), OrderType.LIMIT.code(), 105, 7), ++corr);
        engine.publish(c.place(T0 + 1_600_000_000L, 9, 3, 0, Side.BUY.code(), OrderType.LIMIT.code(), 95, 3), ++corr);
    }

    /**
     * Runs the scenario through a real engine in this JVM.
     *
     * @param engineDir the engine's directory.
     */
    public static void runEngine(final Path engineDir) throws InterruptedException
    {
        // Wait for every result before closing: Engine.close() right after start() can find its stage threads
        // not yet running, see no backlog, and close the journals under them.
        final CountDownLatch results = new CountDownLatch((int)COMMANDS);
        final Engine engine = new Engine(EngineConfig.builder().directory(engineDir)
            .instruments(List.of(Instrument.simple(0, "DEMO"))).build(), event -> results.countDown()).start();
        run(engine);
        if (!results.await(30, TimeUnit.SECONDS))
        {
            throw new IllegalStateException("engine results missing");
        }
        engine.close();
    }

    /**
     * Ingests an engine's journal to its end.
     *
     * @param engineDir      the engine's directory.
     * @param db             the database.
     * @param maxBatchFrames frames per transaction.
     */
    public static void ingest(final Path engineDir, final Database db, final int maxBatchFrames) throws Exception
    {
        try (ReportingIngest ingest =
            new ReportingIngest(engineDir.resolve("events"), db, BatchListener.NONE, maxBatchFrames, 2).start())
        {
            await().atMost(Duration.ofSeconds(30)).failFast(() -> ingest.failure() != null)
                .until(() -> ingest.committedSequence() == COMMANDS);
        }
    }
}
