package dev.hotpath.engine.pipeline;

import org.agrona.ExpandableArrayBuffer;
import org.agrona.concurrent.OneToOneConcurrentArrayQueue;

/**
 * The spare buffers a command's events move to when they outgrow its ring slot's compact region (a sweep of many
 * levels, a cascade of triggered stops, a mass cancel): a few that circulate, instead of one per ring slot.
 *
 * <p>The matcher holds one spare; a command whose events overflow keeps it in its slot, and the matcher takes the
 * next spare from here. The publisher gives the buffer back once that command's events are journaled and handed
 * on. Only the few big commands in flight at once hold a buffer, so the same buffers come round again and soon reach
 * the size the flow needs; after that nothing is allocated. With one growable buffer per slot (thousands of them),
 * each had to grow on its own, so a flow of big commands kept allocating on the matching thread for a long time.
 *
 * <p>Threads: {@link #take} on the matching thread, {@link #give} on the publishing thread (the same thread in
 * {@link ThreadingMode#SHARED}); between them a single-producer, single-consumer queue, lock-free and
 * allocation-free. When none is free (every one in flight), {@link #take} makes a new one: counted, never waited
 * for.
 */
final class OverflowBuffers
{
    /** Size of a new buffer: the events of a command that trades with about a thousand orders. */
    static final int INITIAL_BYTES = 64 * 1024;
    /** Buffers made when the pipeline is built, before the first command. */
    static final int PREALLOCATED = 4;

    private final OneToOneConcurrentArrayQueue<ExpandableArrayBuffer> free;
    private volatile long created;

    /**
     * @param ringSize the ring's size: at most one buffer per slot is ever in flight, so the queue has room for all.
     */
    OverflowBuffers(final int ringSize)
    {
        free = new OneToOneConcurrentArrayQueue<>(ringSize + PREALLOCATED + 1);
        for (int i = 0; i < PREALLOCATED; i++)
        {
            free.offer(new ExpandableArrayBuffer(INITIAL_BYTES));
        }
        created = PREALLOCATED;
    }

    /** @return a free buffer, or a new one when all are in flight (matching thread only). */
    ExpandableArrayBuffer take()
    {
        final ExpandableArrayBuffer buffer = free.poll();
        if (buffer != null)
        {
            return buffer;
        }
        created = created + 1; // only the matching thread writes it
        return new ExpandableArrayBuffer(INITIAL_BYTES);
    }

    /**
     * Gives back a buffer whose command's events are no longer needed (publishing thread only).
     *
     * @param buffer a buffer {@link #take} handed out.
     */
    void give(final ExpandableArrayBuffer buffer)
    {
        free.offer(buffer); // cannot be full: the queue has room for every buffer there can be
    }

    /** @return how many buffers exist: the preallocated ones plus those made because all were in flight. */
    long created()
    {
        return created;
    }
}
