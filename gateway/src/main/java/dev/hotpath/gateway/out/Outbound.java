package dev.hotpath.gateway.out;

import io.grpc.Status;
import io.grpc.stub.ServerCallStreamObserver;

import org.agrona.collections.IntArrayQueue;

import java.util.ArrayDeque;
import java.util.function.Consumer;

/**
 * One server stream with a bounded queue in front of it: messages go out while gRPC says the transport
 * {@link ServerCallStreamObserver#isReady() is ready} and wait in the queue otherwise; when the queue is full the
 * subscriber is too slow and the stream is closed with RESOURCE_EXHAUSTED "slow consumer", so that neither memory
 * nor the other subscribers suffer.
 *
 * <p>Thread-safe: {@link #offer} from the responder thread (and a transport thread for the answers the gateway
 * gives itself and a book subscriber's first snapshot), the ready and cancel handlers from gRPC's threads,
 * {@link #close} from any; one lock per stream.
 *
 * @param <T> the message type.
 */
public final class Outbound<T>
{
    private final ServerCallStreamObserver<T> call;
    private final int capacity;
    private final ArrayDeque<T> queue = new ArrayDeque<>();
    private final Consumer<Outbound<T>> onClosed;
    /** The weight of each queued message, in the queue's order (see {@link #offer(Object, int)}). */
    private final IntArrayQueue weights = new IntArrayQueue();
    private long queuedWeight;
    private volatile Runnable onSpace = () -> { };
    private boolean closed;
    private Status finishing;

    /**
     * Must be called while the RPC's handler method runs (gRPC allows the handlers to be set only then).
     *
     * @param call     the stream.
     * @param capacity messages queued at most.
     * @param onClosed told once when the stream ends for any reason (to unsubscribe it).
     */
    public Outbound(final ServerCallStreamObserver<T> call, final int capacity, final Consumer<Outbound<T>> onClosed)
    {
        this.call = call;
        this.capacity = capacity;
        this.onClosed = onClosed;
        call.setOnReadyHandler(this::drain);
        call.setOnCancelHandler(this::cancelled);
    }

    /**
     * Queues a message and sends what the transport takes.
     *
     * @param message the message.
     * @return false when the stream is closed, or was closed now because the subscriber is too slow.
     */
    public boolean offer(final T message)
    {
        return offer(message, 1);
    }

    /**
     * Queues a message that counts for {@code weight} in {@link #queuedWeight()} (e.g. the answers a batched
     * message carries), and sends what the transport takes.
     *
     * @param message the message.
     * @param weight  what it counts for while queued.
     * @return false when the stream is closed, or was closed now because the subscriber is too slow.
     */
    public boolean offer(final T message, final int weight)
    {
        final Status end;
        final boolean queued;
        synchronized (this)
        {
            if (closed)
            {
                return false;
            }
            queued = queue.size() < capacity;
            if (queued)
            {
                queue.add(message);
                weights.offerInt(weight);
                queuedWeight += weight;
                drainLocked();
                end = finishing != null && queue.isEmpty() ? finishing : null;
            }
            else
            {
                end = Status.RESOURCE_EXHAUSTED.withDescription("slow consumer: more than " + capacity +
                    " messages queued; resubscribe");
            }
        }
        if (end != null)
        {
            close(end);
        }
        return queued;
    }

    /**
     * Ends the stream with a status once every queued message has gone to the transport (at once if none is
     * queued); messages offered meanwhile are still sent. Used when an OrderStream client half-closes: its last
     * answers still reach it.
     *
     * @param status the status to end with.
     */
    public void finishWhenDrained(final Status status)
    {
        synchronized (this)
        {
            if (closed)
            {
                return;
            }
            finishing = status;
            drainLocked();
            if (!queue.isEmpty())
            {
                return; // the ready handler ends it once the queue is empty
            }
        }
        close(status);
    }

    /**
     * Asks the transport for more of the client's messages (the call's methods are serialized by this object's
     * lock, since a {@link io.grpc.ServerCall} need not be thread-safe).
     *
     * @param count how many more.
     */
    public void request(final int count)
    {
        synchronized (this)
        {
            if (!closed)
            {
                call.request(count);
            }
        }
    }

    /**
     * Ends the stream with a status (OK completes it normally); messages still queued are dropped.
     *
     * @param status the status.
     */
    public void close(final Status status)
    {
        synchronized (this)
        {
            if (closed)
            {
                return;
            }
            closed = true;
            queue.clear();
            weights.clear();
            queuedWeight = 0;
            try
            {
                if (status.isOk())
                {
                    call.onCompleted();
                }
                else
                {
                    call.onError(status.asRuntimeException());
                }
            }
            catch (final RuntimeException ex)
            {
                // the call was cancelled meanwhile: nothing to tell the client
            }
        }
        onClosed.accept(this);
    }

    /**
     * Sends what is queued, then completes the stream normally; used at shutdown to drain then end.
     *
     * @param status the status to end with once queued messages are sent or dropped.
     */
    public void finish(final Status status)
    {
        synchronized (this)
        {
            drainLocked();
        }
        close(status);
    }

    /**
     * @param listener told (on a gRPC thread) when the transport has taken messages and the queue is at most half
     *                 full: an OrderStream uses it to read the client's next commands again.
     */
    public void onSpace(final Runnable listener)
    {
        this.onSpace = listener;
    }

    /** @return messages waiting for the transport. */
    public synchronized int queued()
    {
        return queue.size();
    }

    /** @return the weight of the messages waiting for the transport (their number, unless weights were given). */
    public synchronized long queuedWeight()
    {
        return queuedWeight;
    }

    /** @return the most messages queued before the subscriber counts as too slow. */
    public int capacity()
    {
        return capacity;
    }

    /** @return true once the stream has ended. */
    public synchronized boolean isClosed()
    {
        return closed;
    }

    private void drain()
    {
        final boolean space;
        final Status end;
        synchronized (this)
        {
            drainLocked();
            space = !closed && queue.size() <= capacity / 2;
            end = !closed && finishing != null && queue.isEmpty() ? finishing : null;
        }
        if (end != null)
        {
            close(end);
        }
        else if (space)
        {
            onSpace.run();
        }
    }

    private void drainLocked()
    {
        while (!closed && !queue.isEmpty() && call.isReady())
        {
            queuedWeight -= weights.pollInt();
            call.onNext(queue.poll());
        }
    }

    private void cancelled()
    {
        synchronized (this)
        {
            if (closed)
            {
                return;
            }
            closed = true;
            queue.clear();
            weights.clear();
            queuedWeight = 0;
        }
        onClosed.accept(this);
    }
}
