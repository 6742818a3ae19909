package dev.hotpath.cluster;

import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.ByteBuffer;

/**
 * The node's most recent ANSWER messages, in the log's order, in a fixed ring of memory: what the leader sends a
 * gateway that asks for the feed after a sequence it already has ({@link ClusterProtocol#FEED}), after a failover
 * or a restart of the gateway. The oldest answers make room for new ones; a request older than what is held gets
 * TOO_OLD.
 *
 * <p>Not part of the engine's state (nothing in it changes what a command does): every node keeps its own from the
 * log it applies, a node started from a snapshot from the snapshot on. Each entry is an 8-aligned run of
 * {@code int length, int 0, long first sequence, long last sequence, the ANSWER's bytes}; an entry that does not
 * fit before the end of the ring starts again at its beginning, behind a length of -1.
 *
 * <p>Allocates nothing after construction. Owned by the service container's thread.
 */
final class RecentAnswers
{
    /** Called for each answer held, oldest first. */
    @FunctionalInterface
    interface Visitor
    {
        /**
         * @param buffer holds the ANSWER.
         * @param offset where it starts.
         * @param length its length.
         */
        void onAnswer(DirectBuffer buffer, int offset, int length);
    }

    private static final int ENTRY_HEADER = 24;
    private static final int WRAP = -1;

    private final UnsafeBuffer ring;
    private final int capacity;
    private int head;
    private int tail;
    private int entries;
    private long heldFrom;

    /**
     * @param capacityBytes the memory it keeps (rounded down to a multiple of 8).
     * @param lastSequence  the engine's last sequence now: the answers held will start after it.
     */
    RecentAnswers(final int capacityBytes, final long lastSequence)
    {
        this.capacity = capacityBytes & ~7;
        this.ring = new UnsafeBuffer(ByteBuffer.allocateDirect(capacity));
        this.heldFrom = lastSequence + 1;
    }

    /**
     * Holds one ANSWER.
     *
     * @param firstSequence the sequence of its first frame (the next sequence when it has none).
     * @param lastSequence  the sequence of its last frame ({@code firstSequence - 1} when it has none).
     * @param answer        holds it.
     * @param length        its length, from offset 0.
     */
    void add(final long firstSequence, final long lastSequence, final DirectBuffer answer, final int length)
    {
        final int size = (ENTRY_HEADER + length + 7) & ~7;
        if (size > capacity)
        {
            while (entries > 0)
            {
                evictOldest();
            }
            heldFrom = lastSequence + 1; // too big to keep: nothing up to it is held any more
            return;
        }
        while (!fits(size))
        {
            evictOldest();
        }
        if (entries == 0)
        {
            head = 0;
            tail = 0;
        }
        if (tail >= head && capacity - tail < size)
        {
            if (capacity - tail >= 4)
            {
                ring.putInt(tail, WRAP);
            }
            tail = 0;
        }
        ring.putInt(tail, length);
        ring.putInt(tail + 4, 0);
        ring.putLong(tail + 8, firstSequence);
        ring.putLong(tail + 16, lastSequence);
        ring.putBytes(tail + ENTRY_HEADER, answer, 0, length);
        tail += size;
        entries++;
    }

    /** Whether an entry of {@code size} bytes can be written without evicting (wrapping to 0 if it must). */
    private boolean fits(final int size)
    {
        if (entries == 0)
        {
            return true;
        }
        if (tail > head) // not wrapped: free after the tail and before the head
        {
            return capacity - tail >= size || head >= size;
        }
        return head - tail >= size; // wrapped: free between the tail and the head
    }

    private void evictOldest()
    {
        if (head + 4 > capacity || ring.getInt(head) == WRAP)
        {
            head = 0;
        }
        final int length = ring.getInt(head);
        heldFrom = Math.max(heldFrom, ring.getLong(head + 16) + 1);
        head += (ENTRY_HEADER + length + 7) & ~7;
        entries--;
        if (entries > 0 && (head + 4 > capacity || ring.getInt(head) == WRAP))
        {
            head = 0;
        }
    }

    /**
     * @return the first sequence whose frame is held: a feed after {@code heldFrom() - 1} or later can be served.
     */
    long heldFrom()
    {
        return heldFrom;
    }

    /**
     * Visits, oldest first, every answer held that follows {@code afterSequence}: those with a frame after it, and
     * those without frames that came after it.
     *
     * @param afterSequence the last sequence the asker has.
     * @param visitor       told each.
     */
    void forEachAfter(final long afterSequence, final Visitor visitor)
    {
        int at = head;
        for (int i = 0; i < entries; i++)
        {
            if (at + 4 > capacity || ring.getInt(at) == WRAP)
            {
                at = 0;
            }
            final int length = ring.getInt(at);
            final long first = ring.getLong(at + 8);
            final long last = ring.getLong(at + 16);
            if (last > afterSequence || first > afterSequence)
            {
                visitor.onAnswer(ring, at + ENTRY_HEADER, length);
            }
            at += (ENTRY_HEADER + length + 7) & ~7;
        }
    }

    /** @return answers held. */
    int size()
    {
        return entries;
    }
}
