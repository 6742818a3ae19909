package dev.hotpath.engine.pipeline;

import org.agrona.ExpandableArrayBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Where the events of a command that outgrow its ring slot's compact region go (a sweep of many levels, a cascade of
 * triggered stops, a mass cancel): one circular byte array shared by all slots, filled by the matcher in command
 * order and released by the publisher in the same order, as Aeron's log buffers are.
 *
 * <p>The matcher encodes such a command's events into its own scratch buffer (which grows once, to the largest
 * command seen), then copies them into the arena at its write position; the slot's {@link CommandEvent#events}
 * points at that region. The publisher, once it has journaled and handed on the command's events, moves the
 * release position past the region. Space is reused as soon as the publisher has passed it, whatever the slot, so
 * nothing grows per slot (a growable buffer fixed to each of the 65,536 slots had to grow on its own, and a flow of
 * big commands kept allocating on the matching thread).
 *
 * <p>If the arena has no room (the publisher is a long way behind with many big commands in flight, or one command
 * is larger than the arena), the events get an array of their own: counted in {@link #spills()}, never waited for.
 *
 * <p>Threads: {@link #place} on the matching thread, {@link #release} on the publishing thread (the same thread in
 * {@link ThreadingMode#SHARED}); the release position is the only thing they share, an ordered long.
 */
final class OverflowArena
{
    /** The arena's size: 16 MiB, about 200,000 events waiting for the publisher. */
    static final int DEFAULT_BYTES = 1 << 24;

    private final byte[] arena;
    private final int mask;
    /** Logical bytes the matcher has placed (positions grow for ever; the array index is {@code position & mask}). */
    private long written;
    /** Logical position up to which the publisher is done: written by the publisher, read by the matcher. */
    private final AtomicLong released = new AtomicLong();
    private final ExpandableArrayBuffer scratch = new ExpandableArrayBuffer(64 * 1024);
    private volatile long spills;

    /**
     * @param bytes the arena's size, a power of two.
     */
    OverflowArena(final int bytes)
    {
        if (Integer.bitCount(bytes) != 1)
        {
            throw new IllegalArgumentException("arena size must be a power of two: " + bytes);
        }
        arena = new byte[bytes];
        mask = bytes - 1;
    }

    /** @return the matcher's buffer a command's events move to when they outgrow the slot (matching thread only). */
    ExpandableArrayBuffer scratch()
    {
        return scratch;
    }

    /**
     * Copies a command's events from {@link #scratch} into the arena (or, without room, into an array of their own)
     * and points the slot's {@link CommandEvent#events} at them. Matching thread only.
     *
     * @param event  the slot.
     * @param length bytes of events in the scratch buffer.
     */
    void place(final CommandEvent event, final int length)
    {
        final UnsafeBuffer view = event.overflowEvents;
        final long used = written - released.get();
        int at = (int)(written & mask);
        final int tail = arena.length - at;
        final long skip = tail < length ? tail : 0; // a region never wraps: start again at the front
        if (used + skip + length <= arena.length)
        {
            written += skip;
            at = (int)(written & mask);
            scratch.getBytes(0, arena, at, length);
            written += length;
            view.wrap(arena, at, length);
            event.overflowEnd = written;
        }
        else
        {
            final byte[] own = new byte[length];
            scratch.getBytes(0, own, 0, length);
            view.wrap(own);
            event.overflowEnd = -1;
            spills = spills + 1; // only the matching thread writes it
        }
        event.events = view;
    }

    /**
     * The publisher is done with a slot's events: its arena region may be reused. Publishing thread only, in command
     * order.
     *
     * @param event a published slot whose events were {@link #place}d.
     */
    void release(final CommandEvent event)
    {
        if (event.overflowEnd > 0)
        {
            released.lazySet(event.overflowEnd);
        }
        event.overflowEnd = 0;
        event.events = event.compactEvents;
    }

    /** @return how many commands' events did not fit in the arena and got an array of their own. */
    long spills()
    {
        return spills;
    }
}
