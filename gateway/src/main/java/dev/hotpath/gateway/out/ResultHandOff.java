package dev.hotpath.gateway.out;

import com.lmax.disruptor.BatchEventProcessor;
import com.lmax.disruptor.BatchEventProcessorBuilder;
import com.lmax.disruptor.BusySpinWaitStrategy;
import com.lmax.disruptor.EventHandler;
import com.lmax.disruptor.EventPoller;
import com.lmax.disruptor.RingBuffer;
import dev.hotpath.engine.codec.FrameLayout;
import dev.hotpath.engine.pipeline.CommandEvent;
import dev.hotpath.engine.pipeline.WaitStrategyKind;
import dev.hotpath.gateway.Transport;
import dev.hotpath.gateway.in.PendingCommand;

import org.agrona.DirectBuffer;

import java.nio.ByteOrder;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;

/**
 * The way out of the engine: a ring of its own (an LMAX Disruptor filled by the engine's publisher thread, and
 * once by a failing stage's thread to say the engine stopped) from which the {@link Responder} takes each
 * command's results. The publisher copies the result's bytes into a preallocated slot and moves on: no
 * allocation, no lock, no wait.
 *
 * <p>The responder runs in one of two ways:
 * <ul>
 *   <li><b>on an event loop</b> (the gateway's Netty loop, see {@link Transport}): the publisher hands the loop a
 *   drain task when none is pending (one compare-and-set per result; the loop is woken at most once per batch),
 *   and the task polls the ring ({@link EventPoller}). No thread of its own to wake, and the answers' writes are
 *   flushed in the same turn of the loop;</li>
 *   <li><b>on its own thread</b> ({@code hotpath-responder}, a {@link BatchEventProcessor} waiting with the
 *   engine's wait strategy) when there is no loop to share (in-process transports in tests).</li>
 * </ul>
 *
 * <p>It cannot be full: it has room for every command the gateway lets be in flight plus a whole engine ring
 * (commands nobody waits for), and a command leaves the count of those in flight only once the responder has
 * taken its slot.
 *
 * <p>{@link #publish} on the engine's publisher thread (or {@link #publishFrame} on the cluster link's),
 * {@link #publishStopped} on a failing stage's (all from the gateway's link listener); {@link #start} and {@link #stop} on the controlling thread. Public for the
 * gateway's assembly ({@code GatewayServer}), its only user.
 */
public final class ResultHandOff
{
    private final RingBuffer<ResultSlot> ring;
    private final EventHandler<ResultSlot> responder;
    private final Executor loop;
    private final AtomicBoolean drainScheduled = new AtomicBoolean();
    private final Runnable drain = this::drain;
    private EventPoller<ResultSlot> poller;
    private EventPoller.Handler<ResultSlot> pollHandler;
    private BatchEventProcessor<ResultSlot> processor;
    private Thread thread;

    /**
     * @param capacity     results held at most (rounded up to a power of two).
     * @param loop         the event loop the responder runs on, or {@code null} for a thread of its own.
     * @param waitStrategy how the responder's own thread waits for results (not used on a loop).
     * @param responder    the consumer.
     */
    public ResultHandOff(final int capacity, final Executor loop, final WaitStrategyKind waitStrategy,
        final Responder responder)
    {
        final int size = Integer.highestOneBit(Math.max(2, capacity) - 1) << 1;
        this.loop = loop;
        this.responder = responder;
        // MULTI: a failing stage may report the stop while the publisher still runs. On a loop nobody waits on the
        // ring, so its wait strategy is one that never signals.
        final PendingCommand[] pendings = new PendingCommand[size];
        final int[] next = {0};
        this.ring = RingBuffer.createMultiProducer(() -> new ResultSlot(pendings, next[0]++), size,
            loop != null ? new BusySpinWaitStrategy() : waitStrategy.create());
    }

    /** Starts the responder. Controlling thread, once, before the engine publishes a result. */
    public void start()
    {
        if (loop != null)
        {
            poller = ring.newPoller();
            ring.addGatingSequences(poller.getSequence());
            pollHandler = (slot, sequence, endOfBatch) ->
            {
                responder.onEvent(slot, sequence, endOfBatch);
                return true;
            };
            return;
        }
        processor = new BatchEventProcessorBuilder().build(ring, ring.newBarrier(), responder);
        ring.addGatingSequences(processor.getSequence());
        thread = new Thread(processor, "hotpath-responder");
        thread.setDaemon(true);
        thread.start();
    }

    /**
     * Copies one command's results, with the call waiting for them (the engine slot's attachment, taken here).
     * Engine publisher thread.
     *
     * @param e the engine's slot.
     */
    public void publish(final CommandEvent e)
    {
        final long sequence = ring.next(); // never waits: see the class comment
        try
        {
            final ResultSlot slot = ring.get(sequence);
            slot.kind(ResultSlot.Kind.RESULT);
            slot.sequence = e.sequence;
            slot.timestampNs = e.timestampNs;
            slot.type = e.type;
            slot.orderId = e.orderId;
            slot.accountId = e.accountId;
            slot.pending((PendingCommand)e.takeAttachment());
            slot.events.putBytes(0, e.events, 0, e.eventsLength);
            slot.eventsLength = e.eventsLength;
        }
        finally
        {
            ring.publish(sequence);
        }
        wakeLoop();
    }

    /**
     * Copies one command's results from its frame ({@link FrameLayout}), as a cluster sends them. The cluster
     * link's thread.
     *
     * @param frame   holds the frame.
     * @param offset  where it starts.
     * @param pending the call waiting for it, or {@code null}.
     */
    public void publishFrame(final DirectBuffer frame, final int offset, final PendingCommand pending)
    {
        final long sequence = ring.next(); // never waits: see the class comment
        try
        {
            final ResultSlot slot = ring.get(sequence);
            slot.kind(ResultSlot.Kind.RESULT);
            slot.sequence = frame.getLong(offset + FrameLayout.SEQUENCE_OFFSET, ByteOrder.LITTLE_ENDIAN);
            slot.timestampNs = frame.getLong(offset + FrameLayout.TIMESTAMP_OFFSET, ByteOrder.LITTLE_ENDIAN);
            slot.type = frame.getByte(offset + FrameLayout.COMMAND_TYPE_OFFSET);
            slot.orderId = frame.getLong(offset + FrameLayout.ORDER_ID_OFFSET, ByteOrder.LITTLE_ENDIAN);
            slot.accountId = frame.getLong(offset + FrameLayout.ACCOUNT_ID_OFFSET, ByteOrder.LITTLE_ENDIAN);
            slot.pending(pending);
            final int eventsLength = frame.getInt(offset + FrameLayout.EVENTS_LENGTH_OFFSET, ByteOrder.LITTLE_ENDIAN);
            slot.events.putBytes(0, frame, offset + FrameLayout.HEADER_LENGTH, eventsLength);
            slot.eventsLength = eventsLength;
        }
        finally
        {
            ring.publish(sequence);
        }
        wakeLoop();
    }

    /**
     * Tells the responder the engine stopped, after the results of every command before the failure. The failing
     * stage's thread.
     *
     * @param cause what stopped it.
     */
    public void publishStopped(final Throwable cause)
    {
        final long sequence = ring.next();
        try
        {
            final ResultSlot slot = ring.get(sequence);
            slot.kind(ResultSlot.Kind.ENGINE_STOPPED);
            slot.pending(null);
            slot.eventsLength = 0;
            slot.cause = cause;
        }
        finally
        {
            ring.publish(sequence);
        }
        wakeLoop();
    }

    private void wakeLoop()
    {
        if (loop != null && poller != null && !drainScheduled.get() && drainScheduled.compareAndSet(false, true))
        {
            loop.execute(drain);
        }
    }

    /** The event loop's task: everything published so far, then done until the next wake. */
    private void drain()
    {
        drainScheduled.set(false); // first: a result published from here on schedules the task again
        try
        {
            poller.poll(pollHandler);
        }
        catch (final Exception ex)
        {
            throw new IllegalStateException("responder failed", ex); // Responder.onEvent catches its own failures
        }
    }

    /** @return results not yet taken by the responder. */
    long backlog()
    {
        return ring.getBufferSize() - ring.remainingCapacity();
    }

    /**
     * Lets the responder finish what is queued, then stops it. Call after the engine has closed.
     *
     * @param timeoutMs the most time to wait.
     */
    public void stop(final long timeoutMs)
    {
        final long deadlineNs = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(Math.max(1, timeoutMs));
        while (backlog() > 0 && deadlineNs - System.nanoTime() > 0)
        {
            if (loop != null && poller != null)
            {
                wakeLoop();
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
        }
        if (processor != null)
        {
            processor.halt();
        }
    }
}
