package dev.hotpath.loadgen;

import dev.hotpath.engine.pipeline.ThreadScheduling;

import java.util.concurrent.locks.LockSupport;

/**
 * The sending side of an open-loop run: sends command {@code i} at its {@link Schedule#intendedNs intended
 * time} and stamps it with that time, never with the time it actually left. When the sender falls behind (the
 * target blocked it, or the machine stalled it) it sends the overdue commands at once, still stamped with their
 * intended times, so the delay shows up in their latencies.
 *
 * <p>Runs on the calling thread: it parks until {@value #SPIN_NS} ns before each due time, then spins until the due
 * time; with its timer slack at 1 ns ({@link ThreadScheduling}) the parks are as short as asked, so on a small machine the
 * engine's threads have the cores meanwhile.
 */
public final class OpenLoop
{
    /** How long before a due time the sender stops parking and spins instead. */
    static final long SPIN_NS = 2_000;

    /** Where the commands go. */
    @FunctionalInterface
    public interface Target
    {
        /**
         * @param index      the command's position in the flow.
         * @param intendedNs its intended send time (its timestamp).
         * @return false when the target refused it (counted as an error).
         */
        boolean send(long index, long intendedNs);
    }

    /** A monotonic clock; tests drive a fake one. */
    @FunctionalInterface
    public interface NanoClock
    {
        /** The system's monotonic clock. */
        NanoClock SYSTEM = System::nanoTime;

        /** @return now, in ns. */
        long nanoTime();
    }

    /** Waits until a time on the clock. */
    @FunctionalInterface
    public interface Pacer
    {
        /**
         * Parks until the deadline (spinning only for the last {@value #SPIN_NS} ns): on a machine with few cores a
         * sender that spins or yields in a loop keeps a core busy (measured: two thirds of a core in
         * {@code sched_yield} at 100,000 commands a second) that the engine and its background threads need.
         * Parks stay short because {@link OpenLoop#run} sets the sender's timer slack to 1 ns
         * ({@link ThreadScheduling}); a wake-up that comes late only sends the command late, and its latency, measured
         * from the intended time, shows it.
         */
        Pacer SYSTEM = deadlineNs ->
        {
            long remainingNs;
            while ((remainingNs = deadlineNs - System.nanoTime()) > 0)
            {
                if (remainingNs > SPIN_NS)
                {
                    LockSupport.parkNanos(remainingNs - SPIN_NS);
                }
                else
                {
                    Thread.onSpinWait();
                }
            }
        };

        /** @param deadlineNs returns once the clock has reached it. */
        void awaitNs(long deadlineNs);
    }

    /** Receives how far the run is, every {@link #PROGRESS_EVERY} commands and at the end. */
    @FunctionalInterface
    public interface Progress
    {
        /** Ignores progress. */
        Progress NONE = sent -> { };

        /** @param sent commands sent so far. */
        void onProgress(long sent);
    }

    /** Progress is reported every this many commands. */
    static final int PROGRESS_EVERY = 1 << 14;

    /**
     * What the sender saw.
     *
     * @param sent        commands sent (including refused ones).
     * @param refused     commands the target refused.
     * @param maxLagNs    the most a command left after its intended time.
     * @param endLagNs    how late the last command left.
     * @param finishedNs  when the last command left.
     */
    public record Result(long sent, long refused, long maxLagNs, long endLagNs, long finishedNs)
    {
    }

    private OpenLoop()
    {
    }

    /**
     * Sends {@code count} commands on the schedule.
     *
     * @param schedule when each is due.
     * @param count    how many.
     * @param target   where they go.
     * @param clock    the clock the schedule is on.
     * @param pacer    waits for due times.
     * @param progress told how far the run is.
     * @return what happened.
     */
    public static Result run(
        final Schedule schedule,
        final long count,
        final Target target,
        final NanoClock clock,
        final Pacer pacer,
        final Progress progress)
    {
        ThreadScheduling.minimiseTimerSlack();
        long refused = 0;
        long maxLagNs = 0;
        long lagNs = 0;
        for (long i = 0; i < count; i++)
        {
            final long intendedNs = schedule.intendedNs(i);
            long nowNs = clock.nanoTime();
            if (nowNs - intendedNs < 0)
            {
                pacer.awaitNs(intendedNs);
                nowNs = clock.nanoTime();
            }
            lagNs = nowNs - intendedNs;
            if (lagNs > maxLagNs)
            {
                maxLagNs = lagNs;
            }
            if (!target.send(i, intendedNs))
            {
                refused++;
            }
            if ((i & (PROGRESS_EVERY - 1)) == 0)
            {
                progress.onProgress(i + 1);
            }
        }
        progress.onProgress(count);
        return new Result(count, refused, maxLagNs, lagNs, clock.nanoTime());
    }
}
