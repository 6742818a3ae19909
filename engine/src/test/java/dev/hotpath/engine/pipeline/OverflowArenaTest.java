package dev.hotpath.engine.pipeline;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The overflow arena on its own: regions in command order, never wrapped, reused once released, and an array of
 * their own for events that find no room.
 */
class OverflowArenaTest
{
    private final byte[] compact = new byte[CommandEvent.COMPACT_EVENT_BYTES * 4];

    private CommandEvent slot(final int index)
    {
        return new CommandEvent(compact, CommandEvent.COMPACT_EVENT_BYTES * index);
    }

    private static void fill(final OverflowArena arena, final int length, final byte value)
    {
        for (int i = 0; i < length; i++)
        {
            arena.scratch().putByte(i, value);
        }
    }

    @Test
    void shouldCopyEventsIntoTheArenaAndPointTheSlotAtThemUntilReleased()
    {
        final OverflowArena arena = new OverflowArena(1024);
        final CommandEvent a = slot(0);
        fill(arena, 300, (byte)7);
        arena.place(a, 300);
        assertSame(a.overflowEvents, a.events);
        assertEquals(300, a.events.capacity());
        assertEquals(7, a.events.getByte(299));
        arena.release(a);
        assertSame(a.compactEvents, a.events, "back to its compact region");
        assertEquals(0, arena.spills());
    }

    @Test
    void shouldStartARegionThatWouldWrapAtTheFrontAndReuseReleasedSpace()
    {
        final OverflowArena arena = new OverflowArena(1024);
        final CommandEvent a = slot(0);
        final CommandEvent b = slot(1);
        final CommandEvent c = slot(2);
        fill(arena, 600, (byte)1);
        arena.place(a, 600);
        fill(arena, 300, (byte)2);
        arena.place(b, 300);
        fill(arena, 400, (byte)3);
        arena.place(c, 400); // 124 bytes left at the back, and the front is still a's: no room
        assertEquals(1, arena.spills());
        assertNotSame(a.overflowEvents.byteArray(), c.overflowEvents.byteArray(), "an array of its own");
        assertEquals(3, c.events.getByte(399));
        arena.release(a);
        arena.release(b);
        arena.release(c);
        final CommandEvent d = slot(3);
        fill(arena, 400, (byte)4);
        arena.place(d, 400);
        assertSame(a.overflowEvents.byteArray(), d.overflowEvents.byteArray(), "in the arena again");
        assertEquals(0, d.overflowEvents.wrapAdjustment() - a.overflowEvents.wrapAdjustment(),
            "at the front: the 124 bytes at the back are skipped, not split");
        assertEquals(4, d.events.getByte(0));
        assertEquals(1, arena.spills());
    }

    @Test
    void shouldRefuseASizeThatIsNotAPowerOfTwo()
    {
        assertThrows(IllegalArgumentException.class, () -> new OverflowArena(1000));
    }
}
