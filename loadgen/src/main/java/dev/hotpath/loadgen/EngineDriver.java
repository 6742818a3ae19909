package dev.hotpath.loadgen;

import dev.hotpath.engine.api.Command;
import dev.hotpath.engine.api.CommandClock;
import dev.hotpath.engine.api.DoneReason;
import dev.hotpath.engine.api.EventSink;
import dev.hotpath.engine.api.OrderType;
import dev.hotpath.engine.api.RejectReason;
import dev.hotpath.engine.api.Side;
import dev.hotpath.engine.codec.EventDecoder;
import dev.hotpath.engine.pipeline.CommandEvent;
import dev.hotpath.engine.pipeline.Engine;
import dev.hotpath.engine.pipeline.EngineConfig;
import dev.hotpath.engine.pipeline.EngineListener;
import dev.hotpath.engine.pipeline.ThreadingMode;
import dev.hotpath.engine.pipeline.WaitStrategyKind;
import dev.hotpath.workloads.CommandBatch;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.SingleWriterRecorder;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;

/**
 * Engine mode: publishes straight into an in-process engine's ring (journal on, in a fresh directory per step),
 * and measures on the engine's publisher thread (the engine thread in {@link ThreadingMode#SHARED}), where each
 * command's results arrive. Beside the latencies it records the machine's hiccups ({@link HiccupMeter}) and the
 * engine's own stall trackers ({@link EngineStalls}) over the same measured window.
 *
 * <p>Each step starts a new engine, sends the flow's prefill and waits for it, then runs the open-loop schedule
 * on the calling thread. Not thread-safe: one step at a time, from one thread.
 */
public final class EngineDriver implements Driver
{
    private static final long PREFILL_TIMEOUT_NS = TimeUnit.SECONDS.toNanos(120);

    private final Path baseDir;
    private final WaitStrategyKind waitStrategy;
    private final int ringSize;
    private final long snapshotInterval;
    private final ThreadingMode threadingMode;
    private final boolean pretouch;
    private final HiccupMeter hiccups = new HiccupMeter().start();
    private int steps;

    /**
     * @param baseDir          where each step's engine directory goes, or {@code null} for a temporary directory
     *                         (deleted after the step).
     * @param waitStrategy     how the engine's threads wait.
     * @param ringSize         the engine's ring size.
     * @param snapshotInterval the engine's snapshot interval (commands; 0: only at shutdown).
     * @param threadingMode    the engine's threading mode.
     * @param pretouch         whether the engine touches journal pages ahead of its appenders.
     */
    public EngineDriver(final Path baseDir, final WaitStrategyKind waitStrategy, final int ringSize,
        final long snapshotInterval, final ThreadingMode threadingMode, final boolean pretouch)
    {
        if (threadingMode == ThreadingMode.INVOKER)
        {
            throw new IllegalArgumentException("threading INVOKER runs the engine on the gateway's event loop; the " +
                "in-process load generator needs an engine thread: SHARED or DEDICATED");
        }
        this.pretouch = pretouch;
        this.threadingMode = threadingMode;
        this.baseDir = baseDir;
        this.waitStrategy = waitStrategy;
        this.ringSize = ringSize;
        this.snapshotInterval = snapshotInterval;
    }

    @Override
    public String mode()
    {
        return "engine";
    }

    @Override
    public StepResult runStep(final CommandFlow flow, final long rate, final long warmupNs, final long durationNs,
        final OpenLoop.Progress progress)
    {
        final Path dir = stepDirectory();
        final Results results = new Results();
        final EngineConfig config = EngineConfig.builder()
            .directory(dir)
            .instruments(flow.instruments())
            .expectedOrders(flow.expectedOrders())
            .waitStrategy(waitStrategy)
            .ringSize(ringSize)
            .snapshotInterval(snapshotInterval)
            .threadingMode(threadingMode)
            .pretouchJournals(pretouch)
            .build();
        final Engine engine = new Engine(config, results);
        String note = "";
        try
        {
            engine.start();
            final Command command = new Command();
            final CommandBatch prefill = flow.prefill();
            for (int i = 0; i < prefill.size(); i++)
            {
                command.timestampNs = CommandClock.nowNs();
                prefill.copyTo(i, command);
                engine.publish(command, -1L - i);
            }
            if (!await(results.prefillAcked, prefill.size(), PREFILL_TIMEOUT_NS))
            {
                throw new IllegalStateException("the engine did not acknowledge the prefill within 120 s");
            }
            System.gc();

            final long wanted = new Schedule(0, rate).countIn(warmupNs + durationNs);
            final long count = Math.min(wanted, flow.commands().size());
            if (count < wanted)
            {
                note = "flow ran out: " + count + " of " + wanted + " commands";
            }
            final Schedule schedule = new Schedule(System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(10), rate);
            results.schedule = schedule;
            results.measureFromNs = schedule.startNs() + warmupNs;
            hiccups.measureFrom(results.measureFromNs);
            final EngineTarget target = new EngineTarget(engine, flow.commands(),
                Math.min(count, new Schedule(0, rate).countIn(warmupNs)));
            final OpenLoop.Result sent = OpenLoop.run(schedule, count, target, OpenLoop.NanoClock.SYSTEM,
                OpenLoop.Pacer.SYSTEM, progress);
            final MachineHiccups machine = MachineHiccups.of(hiccups);
            final long timeoutNs = TimeUnit.SECONDS.toNanos(30);
            final long answered = await(results.acked, count, timeoutNs) ? count : results.acked.get();
            final EngineStalls stalls = target.stallsAtStart == null ? EngineStalls.UNKNOWN :
                EngineStalls.endWindow(engine, target.stallsAtStart);
            final long errors = sent.refused() + (count - sent.refused() - answered);
            if (engine.failure() != null)
            {
                note = join(note, "engine failed: " + engine.failure());
            }
            final Histogram latency = results.ack.getIntervalHistogram();
            final Histogram trades = results.trade.getIntervalHistogram();
            final long windowNs = results.lastMeasuredAckNs - results.measureFromNs;
            final double achieved = windowNs > 0 ? latency.getTotalCount() * 1e9 / windowNs : 0;
            return new StepResult(mode(), flow.name(), rate, achieved, latency.getTotalCount(), latency, trades,
                errors, results.rejected, sent.maxLagNs(), note, machine, stalls);
        }
        finally
        {
            engine.close();
            if (baseDir == null)
            {
                deleteTree(dir);
            }
        }
    }

    @Override
    public void close()
    {
        hiccups.close();
    }

    private Path stepDirectory()
    {
        try
        {
            steps++;
            if (baseDir == null)
            {
                return Files.createTempDirectory("hotpath-loadgen-");
            }
            final Path dir = baseDir.resolve("step-" + steps + "-" + System.currentTimeMillis());
            Files.createDirectories(dir);
            return dir;
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot create an engine directory", ex);
        }
    }

    private static boolean await(final AtomicLong counter, final long target, final long timeoutNs)
    {
        final long deadlineNs = System.nanoTime() + timeoutNs;
        while (counter.get() < target)
        {
            if (deadlineNs - System.nanoTime() < 0)
            {
                return false;
            }
            LockSupport.parkNanos(100_000);
        }
        return true;
    }

    private static String join(final String a, final String b)
    {
        return a.isEmpty() ? b : a + "; " + b;
    }

    static void deleteTree(final Path dir)
    {
        try (Stream<Path> paths = Files.walk(dir))
        {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
        catch (final IOException ex)
        {
            System.err.println("could not delete " + dir + ": " + ex);
        }
    }

    /**
     * Sends a flow's commands into the ring, each stamped with the epoch time it is sent at
     * ({@link CommandClock}) and correlated by its index in the schedule, from which {@link Results} knows its
     * intended send time; just before the first measured one it opens the engine's stall window.
     */
    private static final class EngineTarget implements OpenLoop.Target
    {
        private final Engine engine;
        private final CommandBatch commands;
        private final long firstMeasured;
        private final Command command = new Command();
        EngineStalls stallsAtStart;

        EngineTarget(final Engine engine, final CommandBatch commands, final long firstMeasured)
        {
            this.engine = engine;
            this.commands = commands;
            this.firstMeasured = firstMeasured;
        }

        @Override
        public boolean send(final long index, final long intendedNs)
        {
            if (index == firstMeasured)
            {
                stallsAtStart = EngineStalls.startWindow(engine);
            }
            command.timestampNs = CommandClock.nowNs();
            commands.copyTo((int)index, command);
            return engine.publish(command, index);
        }
    }

    /**
     * Measures on the engine's publisher thread (the single writer of its recorders): latency from the
     * command's intended send time, which the schedule gives for its correlation id (its index), to now, both on
     * the {@link System#nanoTime()} scale. The command's own timestamp (epoch nanoseconds) plays no part in it.
     * Prefill commands have negative correlation ids.
     */
    private static final class Results implements EngineListener
    {
        final SingleWriterRecorder ack = new SingleWriterRecorder(3);
        final SingleWriterRecorder trade = new SingleWriterRecorder(3);
        final AtomicLong prefillAcked = new AtomicLong();
        final AtomicLong acked = new AtomicLong();
        final TradeProbe probe = new TradeProbe();
        /** Written before the first measured command is published; the ring orders it before its results. */
        Schedule schedule;
        /** Written with {@link #schedule}. */
        long measureFromNs = Long.MAX_VALUE;
        long lastMeasuredAckNs;
        long rejected;

        @Override
        public void onCommandResult(final CommandEvent event)
        {
            final long nowNs = System.nanoTime();
            if (event.correlationId < 0)
            {
                prefillAcked.lazySet(prefillAcked.get() + 1);
                return;
            }
            probe.clear();
            EventDecoder.decode(event.events, 0, event.eventsLength, probe);
            final long intendedNs = schedule.intendedNs(event.correlationId);
            if (intendedNs - measureFromNs >= 0)
            {
                final long latencyNs = Math.max(1, nowNs - intendedNs);
                ack.recordValue(latencyNs);
                if (probe.trades > 0)
                {
                    trade.recordValue(latencyNs);
                }
                if (probe.rejected)
                {
                    rejected++;
                }
                lastMeasuredAckNs = nowNs;
            }
            acked.lazySet(acked.get() + 1);
        }
    }

    /** Notes whether a command's events include a trade or a reject. Allocates nothing. */
    static final class TradeProbe implements EventSink
    {
        int trades;
        boolean rejected;

        void clear()
        {
            trades = 0;
            rejected = false;
        }

        @Override
        public void onAccepted(final long orderId, final long accountId, final int instrumentId, final Side side,
            final OrderType type, final long price, final long quantity)
        {
        }

        @Override
        public void onRejected(final long orderId, final long accountId, final int instrumentId,
            final RejectReason reason)
        {
            rejected = true;
        }

        @Override
        public void onAmended(final long orderId, final long accountId, final int instrumentId, final Side side,
            final long price, final long quantity)
        {
        }

        @Override
        public void onTrade(final long tradeId, final int instrumentId, final long makerOrderId,
            final long makerAccountId, final long takerOrderId, final long takerAccountId, final Side aggressor,
            final long price, final long quantity)
        {
            trades++;
        }

        @Override
        public void onOrderDone(final long orderId, final long accountId, final int instrumentId, final Side side,
            final DoneReason reason, final long remainingQuantity)
        {
        }

        @Override
        public void onLevelChanged(final int instrumentId, final Side side, final long price,
            final long totalQuantity, final int orderCount)
        {
        }
    }
}
