package dev.hotpath.engine.codec;

import dev.hotpath.engine.api.DoneReason;
import dev.hotpath.engine.api.OrderType;
import dev.hotpath.engine.api.RejectReason;
import dev.hotpath.engine.api.Side;
import dev.hotpath.engine.support.Event;
import dev.hotpath.engine.support.RecordingEventSink;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * A command's events encode to the same bytes whether they fit the ring slot's small region or move to its
 * overflow buffer part way through, the small region's neighbours are never written, and buffers the encoder
 * cannot write into safely are refused.
 */
class EventEncoderTest
{
    @Test
    void eventsThatFitStayInTheSmallRegion()
    {
        final byte[] arena = arenaOfThreeSlots();
        final UnsafeBuffer slot = new UnsafeBuffer(arena, 256, 256);
        final EventEncoder encoder = new EventEncoder().wrap(slot, new ExpandableArrayBuffer(64));
        writeSweep(encoder, 1);

        assertSame(slot, encoder.buffer());
        assertArrayEquals(reference(1), Arrays.copyOfRange(arena, 256, 256 + encoder.length()));
        assertNeighboursUntouched(arena);
    }

    @Test
    void eventsThatOutgrowTheSmallRegionMoveToTheOverflowWhole()
    {
        final byte[] arena = arenaOfThreeSlots();
        final ExpandableArrayBuffer overflow = new ExpandableArrayBuffer(64);
        final EventEncoder encoder = new EventEncoder().wrap(new UnsafeBuffer(arena, 256, 256), overflow);
        writeSweep(encoder, 12);

        final byte[] expected = reference(12);
        assertEquals(expected.length, encoder.length());
        assertSame(overflow, encoder.buffer());
        final byte[] actual = new byte[encoder.length()];
        encoder.buffer().getBytes(0, actual);
        assertArrayEquals(expected, actual);
        assertNeighboursUntouched(arena);
    }

    @Test
    void theNextCommandAfterAnOverflowWritesIntoItsOwnSlotAgain()
    {
        final byte[] arena = arenaOfThreeSlots();
        final ExpandableArrayBuffer overflow = new ExpandableArrayBuffer(64);
        final EventEncoder encoder = new EventEncoder().wrap(new UnsafeBuffer(arena, 0, 256), overflow);
        writeSweep(encoder, 12);
        assertSame(overflow, encoder.buffer());

        final UnsafeBuffer next = new UnsafeBuffer(arena, 256, 256);
        encoder.wrap(next, overflow);
        writeSweep(encoder, 1);

        assertSame(next, encoder.buffer());
        assertArrayEquals(reference(1), Arrays.copyOfRange(arena, 256, 256 + encoder.length()));
    }

    @Test
    void aLimitsEventDecodesToWhatWasEncoded()
    {
        final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer(64);
        final EventEncoder encoder = new EventEncoder().wrap(buffer);
        encoder.onLimitsSet(7, 1_000, Long.MAX_VALUE, 12, 5_000);
        encoder.onRejected(0, 8, -1, RejectReason.INVALID_LIMITS);
        final RecordingEventSink decoded = new RecordingEventSink();

        assertEquals(2, EventDecoder.decode(buffer, 0, encoder.length(), decoded));
        assertEquals(List.of(new Event.LimitsSet(7, 1_000, Long.MAX_VALUE, 12, 5_000),
            new Event.Rejected(0, 8, -1, RejectReason.INVALID_LIMITS)), decoded.events());
    }

    @Test
    void aBufferWithNoArrayBehindItIsRefused()
    {
        final UnsafeBuffer direct = new UnsafeBuffer(ByteBuffer.allocateDirect(256));
        final IllegalArgumentException refused =
            assertThrows(IllegalArgumentException.class, () -> new EventEncoder().wrap(direct));
        assertEquals("EventEncoder writes into buffers backed by a byte[]", refused.getMessage());
    }

    @Test
    void aFixedBufferWithNoOverflowDoesNotWritePastItsEnd()
    {
        final byte[] arena = arenaOfThreeSlots();
        final EventEncoder encoder = new EventEncoder().wrap(new UnsafeBuffer(arena, 256, 256));
        assertThrows(IndexOutOfBoundsException.class, () -> writeSweep(encoder, 12));
        assertNeighboursUntouched(arena);
    }

    /** Three 256-byte slots filled with 7s; the tests write into the middle one. */
    private static byte[] arenaOfThreeSlots()
    {
        final byte[] arena = new byte[3 * 256];
        Arrays.fill(arena, (byte)7);
        return arena;
    }

    private static void assertNeighboursUntouched(final byte[] arena)
    {
        for (int i = 0; i < 256; i++)
        {
            assertEquals(7, arena[i], "byte " + i + " of the slot before");
            assertEquals(7, arena[512 + i], "byte " + i + " of the slot after");
        }
    }

    private static byte[] reference(final int levels)
    {
        final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer(16);
        final EventEncoder encoder = new EventEncoder().wrap(buffer);
        writeSweep(encoder, levels);
        return Arrays.copyOf(buffer.byteArray(), encoder.length());
    }

    /** An accepted market order that takes {@code levels} levels: every kind of event but a reject, then one. */
    private static void writeSweep(final EventEncoder encoder, final int levels)
    {
        encoder.onAccepted(1, 2, 3, Side.BUY, OrderType.MARKET, 0, 10L * levels);
        for (int i = 0; i < levels; i++)
        {
            encoder.onTrade(100 + i, 3, 50 + i, 9, 1, 2, Side.BUY, 1_000 + i, 10);
            encoder.onOrderDone(50 + i, 9, 3, Side.SELL, DoneReason.FILLED, 0);
            encoder.onLevelChanged(3, Side.SELL, 1_000 + i, 0, 0);
        }
        encoder.onOrderDone(1, 2, 3, Side.BUY, DoneReason.FILLED, 0);
        encoder.onRejected(4, 2, 3, RejectReason.UNKNOWN_ORDER);
    }
}
