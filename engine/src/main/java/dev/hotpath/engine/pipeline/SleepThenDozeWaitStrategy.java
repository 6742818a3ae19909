package dev.hotpath.engine.pipeline;

import com.lmax.disruptor.AlertException;
import com.lmax.disruptor.Sequence;
import com.lmax.disruptor.SequenceBarrier;
import com.lmax.disruptor.WaitStrategy;

import java.util.concurrent.locks.LockSupport;

/**
 * The default wait: Disruptor's {@code SleepingWaitStrategy} (spin 100 times, yield 100 times, then park for the
 * shortest time the kernel gives, ~50 µs on Linux), until the thread has found no work for
 * {@link #DOZE_AFTER_NS}; from then on it parks {@link #DOZE_PARK_NS} at a time. Under load nothing changes; an
 * idle engine stops waking 20,000 times a second (measured: the sleeping engine thread of an idle server took 16%
 * of a core; dozing it takes under 1%). The price: the first command after 50 ms of silence waits up to 1 ms
 * longer for the thread to notice it.
 *
 * <p>Stateless (the idle time is kept per wait, on the waiting thread's stack); shared by the threads that wait
 * with it.
 */
public final class SleepThenDozeWaitStrategy implements WaitStrategy
{
    /** Spins, then yields, then parks: as Disruptor's SleepingWaitStrategy. */
    static final int RETRIES = 200;
    /** What a short park asks for (the kernel rounds it up to its timer slack). */
    static final long SLEEP_NS = 100;
    /** Idle time after which the thread parks for longer. */
    static final long DOZE_AFTER_NS = 50_000_000L;
    /** A long park. */
    static final long DOZE_PARK_NS = 1_000_000L;

    @Override
    public long waitFor(final long sequence, final Sequence cursor, final Sequence dependentSequence,
        final SequenceBarrier barrier) throws AlertException
    {
        long available;
        int counter = RETRIES;
        long sleepingSinceNs = 0;
        while ((available = dependentSequence.get()) < sequence)
        {
            barrier.checkAlert();
            if (counter > 100)
            {
                --counter;
            }
            else if (counter > 0)
            {
                --counter;
                Thread.yield();
            }
            else
            {
                final long nowNs = System.nanoTime();
                if (sleepingSinceNs == 0)
                {
                    sleepingSinceNs = nowNs;
                }
                LockSupport.parkNanos(nowNs - sleepingSinceNs > DOZE_AFTER_NS ? DOZE_PARK_NS : SLEEP_NS);
            }
        }
        return available;
    }

    @Override
    public void signalAllWhenBlocking()
    {
        // nobody blocks on a lock: waiting threads look at the sequence again when their park ends
    }
}
