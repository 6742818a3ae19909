package dev.hotpath.engine.pipeline;

import com.lmax.disruptor.AlertException;
import com.lmax.disruptor.Sequence;
import com.lmax.disruptor.SequenceBarrier;
import com.lmax.disruptor.WaitStrategy;

import java.util.concurrent.locks.LockSupport;

/**
 * Waits for work the way Agrona's {@code BackoffIdleStrategy} idles, but without its yielding phase: spin a little
 * (work that arrives within a microsecond or two is taken at once), then park for 1 µs, doubling up to 100 µs while
 * nothing comes. A thread that yields in a loop looks idle but keeps a core busy with system calls (measured: on a
 * 2-core machine the engine and the load generator spent two thirds of a core each in {@code sched_yield} at
 * 100,000 commands a second); a parked thread leaves the core to whoever needs it. Short parks only stay short
 * with a small timer slack, which {@link ThreadScheduling} gives the engine's threads. After 50 ms without work it
 * parks 1 ms at a time, as {@link SleepThenDozeWaitStrategy} does, so that an idle engine costs almost nothing.
 *
 * <p>Stateless apart from its constants; shared by the threads that wait with it.
 */
public final class SpinThenParkWaitStrategy implements WaitStrategy
{
    /** Spins before the first park. */
    static final int SPINS = 200;
    /** The first park. */
    static final long MIN_PARK_NS = 1_000;
    /** The longest park: the most a command arriving at an idle engine waits for it to notice. */
    static final long MAX_PARK_NS = 100_000;

    @Override
    public long waitFor(final long sequence, final Sequence cursor, final Sequence dependentSequence,
        final SequenceBarrier barrier) throws AlertException
    {
        long available;
        int spins = SPINS;
        long parkNs = MIN_PARK_NS;
        long parkingSinceNs = 0;
        while ((available = dependentSequence.get()) < sequence)
        {
            barrier.checkAlert();
            if (spins > 0)
            {
                spins--;
                Thread.onSpinWait();
            }
            else
            {
                LockSupport.parkNanos(parkNs);
                if (parkNs < MAX_PARK_NS)
                {
                    parkNs = Math.min(parkNs << 1, MAX_PARK_NS);
                }
                else
                {
                    final long nowNs = System.nanoTime();
                    if (parkingSinceNs == 0)
                    {
                        parkingSinceNs = nowNs;
                    }
                    else if (nowNs - parkingSinceNs > SleepThenDozeWaitStrategy.DOZE_AFTER_NS)
                    {
                        parkNs = SleepThenDozeWaitStrategy.DOZE_PARK_NS;
                    }
                }
            }
        }
        return available;
    }

    @Override
    public void signalAllWhenBlocking()
    {
        // nobody blocks on a lock here: waiting threads look at the sequence again when their park ends
    }
}
