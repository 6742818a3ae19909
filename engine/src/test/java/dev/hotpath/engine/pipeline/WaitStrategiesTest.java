package dev.hotpath.engine.pipeline;

import com.lmax.disruptor.BatchEventProcessor;
import com.lmax.disruptor.BatchEventProcessorBuilder;
import com.lmax.disruptor.RingBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every wait strategy on a real Disruptor ring: a consumer sees every event, in order, whether the producers publish
 * back to back or after pauses long enough for the consumer to fall asleep (a lost wake-up would leave events
 * unseen), and a halted consumer ends even while it sleeps.
 */
class WaitStrategiesTest
{
    private static final int EVENTS = 20_000;

    /** One ring slot. */
    private static final class Slot
    {
        long value;
    }

    @ParameterizedTest
    @EnumSource(WaitStrategyKind.class)
    void shouldDeliverEveryEventInOrderThroughPausesAndBursts(final WaitStrategyKind kind) throws Exception
    {
        final RingBuffer<Slot> ring = RingBuffer.createMultiProducer(Slot::new, 1024, kind.create());
        final CountDownLatch seen = new CountDownLatch(EVENTS);
        final long[] last = {-1};
        final boolean[] inOrder = {true};
        final BatchEventProcessor<Slot> consumer = new BatchEventProcessorBuilder().build(ring, ring.newBarrier(),
            (slot, sequence, endOfBatch) ->
            {
                inOrder[0] &= slot.value == last[0] + 1;
                last[0] = slot.value;
                seen.countDown();
            });
        ring.addGatingSequences(consumer.getSequence());
        final Thread thread = new Thread(consumer, "consumer-" + kind);
        thread.start();
        try
        {
            final SplittableRandom random = new SplittableRandom(7);
            for (int i = 0; i < EVENTS; i++)
            {
                final long sequence = ring.next();
                ring.get(sequence).value = i;
                ring.publish(sequence);
                if (random.nextInt(100) == 0)
                {
                    LockSupport.parkNanos(random.nextLong(1_000, 300_000)); // long enough to fall asleep
                }
            }
            assertTrue(seen.await(30, TimeUnit.SECONDS), kind + ": events left unseen: " + seen.getCount());
            assertTrue(inOrder[0], kind + ": out of order");
            final long deadlineNs = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (consumer.getSequence().get() < EVENTS - 1 && System.nanoTime() < deadlineNs)
            {
                Thread.onSpinWait(); // the sequence moves when the batch ends, just after the handler's count
            }
            assertEquals(EVENTS - 1, consumer.getSequence().get());
        }
        finally
        {
            consumer.halt();
            thread.join(10_000);
        }
        assertFalse(thread.isAlive(), kind + ": the consumer did not stop when halted");
    }

    @Test
    void shouldEndASleepingConsumerWhenHalted() throws Exception
    {
        final RingBuffer<Slot> ring = RingBuffer.createMultiProducer(Slot::new, 64, new SpinThenBlockWaitStrategy());
        final BatchEventProcessor<Slot> consumer =
            new BatchEventProcessorBuilder().build(ring, ring.newBarrier(), (slot, sequence, endOfBatch) -> { });
        final Thread thread = new Thread(consumer, "sleeper");
        thread.start();
        final long deadlineNs = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (thread.getState() != Thread.State.WAITING && System.nanoTime() < deadlineNs)
        {
            Thread.onSpinWait();
        }
        assertEquals(Thread.State.WAITING, thread.getState(), "past its spin, asleep on the monitor");
        consumer.halt();
        thread.join(10_000);
        assertFalse(thread.isAlive(), "a halt wakes the sleeper and it ends");
    }
}
