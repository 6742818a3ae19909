package dev.hotpath.loadgen;

import dev.hotpath.cluster.ClusterClient;
import dev.hotpath.cluster.ClusterLayout;
import dev.hotpath.cluster.CommandCodec;
import dev.hotpath.engine.api.Command;
import dev.hotpath.engine.codec.EventDecoder;
import dev.hotpath.engine.codec.FrameLayout;
import dev.hotpath.workloads.CommandBatch;
import org.HdrHistogram.Histogram;
import org.agrona.DirectBuffer;

import java.nio.ByteOrder;
import java.util.concurrent.TimeUnit;

/**
 * Cluster mode: sends the flow to a running replicated engine ({@code hotpath cluster}) through a
 * {@link ClusterClient}, one command an ingress message, and measures each answer from the command's intended
 * send time. An answer means the command is in a majority of the nodes' logs and the leader's engine applied it:
 * the figure is a replicated acknowledgement, to set beside engine mode's local one.
 *
 * <p>One thread does everything (the client is single-threaded): the pacer that waits for a command's send time
 * polls the cluster's answers meanwhile. Answers are matched to commands by the engine's sequence, which the
 * cluster gives in the order the commands arrive: this driver must be the cluster's only client while it runs.
 * The cluster keeps its state from step to step, so each step's order ids are moved past the previous step's.
 */
public final class ClusterDriver implements Driver
{
    private static final long ANSWER_TIMEOUT_NS = TimeUnit.SECONDS.toNanos(30);
    private static final long ORDER_ID_STEP = 1L << 40;

    private final ClusterClient client;
    private final HiccupMeter hiccups = new HiccupMeter().start();
    private final Answers answers = new Answers();
    private final CommandCodec codec = new CommandCodec();
    private final Command command = new Command();
    private long orderIdBase;

    /** @param layout the running cluster's nodes and ports. */
    public ClusterDriver(final ClusterLayout layout)
    {
        this.client = new ClusterClient(layout, answers);
    }

    @Override
    public String mode()
    {
        return "cluster";
    }

    @Override
    public StepResult runStep(final CommandFlow flow, final long rate, final long warmupNs, final long durationNs,
        final OpenLoop.Progress progress)
    {
        orderIdBase += ORDER_ID_STEP;
        answers.reset();
        final CommandBatch prefill = flow.prefill();
        for (int i = 0; i < prefill.size(); i++)
        {
            if (!send(prefill, i))
            {
                throw new IllegalStateException("the cluster took no command for 30 s: is it running?");
            }
        }
        if (!awaitAnswers(prefill.size()))
        {
            throw new IllegalStateException("the cluster answered " + answers.answered + " of the " + prefill.size() +
                " prefill commands within 30 s: is it running (hotpath cluster) and is this its only client?");
        }
        String note = "";
        final long wanted = new Schedule(0, rate).countIn(warmupNs + durationNs);
        final long count = Math.min(wanted, flow.commands().size());
        if (count < wanted)
        {
            note = "flow ran out: " + count + " of " + wanted + " commands";
        }
        final Schedule schedule = new Schedule(System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(10), rate);
        answers.startMeasuring(schedule, schedule.startNs() + warmupNs);
        hiccups.measureFrom(answers.measureFromNs);
        final OpenLoop.Result sent = OpenLoop.run(schedule, count, (index, intendedNs) -> send(flow.commands(), index),
            OpenLoop.NanoClock.SYSTEM, this::pollUntil, progress);
        final MachineHiccups machine = MachineHiccups.of(hiccups);
        final long expected = prefill.size() + count - sent.refused();
        awaitAnswers(expected);
        final long errors = sent.refused() + (expected - answers.answered);
        final Histogram latency = answers.ack.copy();
        final long windowNs = answers.lastMeasuredNs - answers.measureFromNs;
        final double achieved = windowNs > 0 ? latency.getTotalCount() * 1e9 / windowNs : 0;
        return new StepResult(mode(), flow.name(), rate, achieved, latency.getTotalCount(), latency,
            answers.trade.copy(), errors, answers.rejected, sent.maxLagNs(), note, machine, EngineStalls.UNKNOWN);
    }

    /**
     * Sends one command of a batch, its order id moved past the previous steps' (a cancel or amend names its order,
     * moved the same way), polling answers while the cluster is back-pressured or between leaders: the open loop
     * counts that wait in the latency.
     *
     * @return false when the cluster took nothing for {@link #ANSWER_TIMEOUT_NS}.
     */
    private boolean send(final CommandBatch commands, final long index)
    {
        commands.copyTo((int)index, command);
        if (command.orderId != 0)
        {
            command.orderId += orderIdBase;
        }
        codec.reset();
        codec.add(command);
        final long deadlineNs = System.nanoTime() + ANSWER_TIMEOUT_NS;
        while (!client.offer(codec.buffer(), 0, codec.length()))
        {
            client.poll();
            if (System.nanoTime() > deadlineNs)
            {
                return false;
            }
        }
        return true;
    }

    /** The pacer: reads answers until the next command is due (spinning on the poll; the driver is one thread). */
    private void pollUntil(final long deadlineNs)
    {
        while (deadlineNs - System.nanoTime() > 0)
        {
            client.poll();
        }
    }

    private boolean awaitAnswers(final long expected)
    {
        final long deadlineNs = System.nanoTime() + ANSWER_TIMEOUT_NS;
        while (answers.answered < expected)
        {
            if (client.poll() == 0 && System.nanoTime() > deadlineNs)
            {
                return false;
            }
        }
        return true;
    }

    @Override
    public void close()
    {
        hiccups.close();
        client.close();
    }

    /** Counts and measures the answers, on the driver's thread. */
    private static final class Answers implements ClusterClient.Answers
    {
        final Histogram ack = new Histogram(3);
        final Histogram trade = new Histogram(3);
        final EngineDriver.TradeProbe probe = new EngineDriver.TradeProbe();
        long answered;
        long rejected;
        long firstSequence = -1;
        long prefillAnswers;
        Schedule schedule;
        long measureFromNs = Long.MAX_VALUE;
        long lastMeasuredNs;

        void reset()
        {
            ack.reset();
            trade.reset();
            answered = 0;
            rejected = 0;
            firstSequence = -1;
            schedule = null;
            measureFromNs = Long.MAX_VALUE;
            lastMeasuredNs = 0;
        }

        void startMeasuring(final Schedule schedule, final long measureFromNs)
        {
            this.prefillAnswers = answered;
            this.schedule = schedule;
            this.measureFromNs = measureFromNs;
        }

        @Override
        public void onFrame(final DirectBuffer frame, final int offset, final int length)
        {
            final long nowNs = System.nanoTime();
            final long sequence = frame.getLong(offset + FrameLayout.SEQUENCE_OFFSET, ByteOrder.LITTLE_ENDIAN);
            if (firstSequence < 0)
            {
                firstSequence = sequence;
            }
            answered++;
            if (schedule == null)
            {
                return; // the prefill
            }
            final long index = sequence - firstSequence - prefillAnswers;
            final long intendedNs = schedule.intendedNs(index);
            if (intendedNs - measureFromNs < 0)
            {
                return;
            }
            probe.clear();
            EventDecoder.decode(frame, offset + FrameLayout.HEADER_LENGTH,
                frame.getInt(offset + FrameLayout.EVENTS_LENGTH_OFFSET, ByteOrder.LITTLE_ENDIAN), probe);
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
            lastMeasuredNs = nowNs;
        }
    }
}
