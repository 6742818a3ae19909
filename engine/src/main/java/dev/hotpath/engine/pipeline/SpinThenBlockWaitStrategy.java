package dev.hotpath.engine.pipeline;

import com.lmax.disruptor.AlertException;
import com.lmax.disruptor.Sequence;
import com.lmax.disruptor.SequenceBarrier;
import com.lmax.disruptor.WaitStrategy;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A wait for machines where CPU matters more than the tail: spin a few microseconds for the next command, then
 * sleep on a monitor until a producer publishes one, the producer paying for a wake-up only when a consumer is
 * asleep (the idea of Disruptor's {@code LiteBlockingWaitStrategy}, with a spin in front).
 *
 * <p>What it buys and costs, measured on a 2-vCPU KVM guest (AMD EPYC):
 * <ul>
 *   <li>With the gateway at 10,000 orders a second, the engine thread used 15 µs of CPU per order, against 36 µs
 *       with {@link SleepThenDozeWaitStrategy}, whose ~50 µs parks time out thousands of times a second whether
 *       work came or not. An idle engine uses no CPU at all.</li>
 *   <li>But at 250,000 commands a second ({@code hotpath loadgen engine}) its p99 was 7.5-13 ms against 3.9-4.1 ms
 *       with the sleeping wait: that guest has no halt-polling idle driver, so a vCPU whose threads all sleep
 *       halts, and waking it goes through the hypervisor. A sleeping wait that yields and parks briefly never
 *       lets the vCPU halt. Hence {@link WaitStrategyKind#SLEEPING} stays the in-process engine's default.</li>
 *   <li>Behind the gateway, whose commands come at most ~60,000 a second one a message, it is the default
 *       ({@code config/hotpath.yaml}): interleaved runs at 10,000 orders a second took 38.1-38.7 s of server CPU in
 *       50 s against 48.4 s with the sleeping wait (whose 100 yields fill every gap between commands), with a p99
 *       of 1.2-2.1 ms against 1.9-2.8 ms.</li>
 * </ul>
 *
 * <p>The hand-shake: a consumer about to sleep sets {@code signalNeeded}, then looks at the cursor again under
 * the monitor before it waits; a producer publishes (moves the cursor), then clears {@code signalNeeded} and, if
 * it was set, wakes the sleepers. Both are volatile accesses, so either the consumer sees the new cursor or the
 * producer sees the flag: no wake-up is lost. The cost to a producer when nobody sleeps is one atomic
 * exchange per publish.
 *
 * <p>Shared by the engine's consumer threads and its producers (any thread that publishes into the ring).
 */
public final class SpinThenBlockWaitStrategy implements WaitStrategy
{
    /** Spins before sleeping: a few microseconds (a {@code PAUSE} is tens of nanoseconds). */
    static final int SPINS = 200;

    private final Object mutex = new Object();
    private final AtomicBoolean signalNeeded = new AtomicBoolean();

    @Override
    public long waitFor(final long sequence, final Sequence cursor, final Sequence dependentSequence,
        final SequenceBarrier barrier) throws AlertException, InterruptedException
    {
        long available;
        for (int spins = SPINS; spins > 0; spins--)
        {
            if ((available = dependentSequence.get()) >= sequence)
            {
                return available;
            }
            barrier.checkAlert();
            Thread.onSpinWait();
        }
        if (cursor.get() < sequence)
        {
            synchronized (mutex)
            {
                do
                {
                    signalNeeded.set(true);
                    if (cursor.get() >= sequence)
                    {
                        break;
                    }
                    barrier.checkAlert();
                    mutex.wait();
                }
                while (cursor.get() < sequence);
            }
        }
        while ((available = dependentSequence.get()) < sequence)
        {
            barrier.checkAlert(); // published, but a stage before ours (DEDICATED threading) is still at work
            Thread.onSpinWait();
        }
        return available;
    }

    @Override
    public void signalAllWhenBlocking()
    {
        if (signalNeeded.getAndSet(false))
        {
            synchronized (mutex)
            {
                mutex.notifyAll();
            }
        }
    }
}
