package dev.hotpath.engine.codec;

import dev.hotpath.engine.api.DoneReason;
import dev.hotpath.engine.api.EventSink;
import dev.hotpath.engine.api.OrderType;
import dev.hotpath.engine.api.RejectReason;
import dev.hotpath.engine.api.Side;
import org.agrona.DirectBuffer;

import java.nio.ByteOrder;

import static dev.hotpath.engine.codec.EventLayout.ACCEPTED;
import static dev.hotpath.engine.codec.EventLayout.ACCEPTED_LENGTH;
import static dev.hotpath.engine.codec.EventLayout.AMENDED;
import static dev.hotpath.engine.codec.EventLayout.AMENDED_LENGTH;
import static dev.hotpath.engine.codec.EventLayout.LEVEL_CHANGED;
import static dev.hotpath.engine.codec.EventLayout.LEVEL_CHANGED_LENGTH;
import static dev.hotpath.engine.codec.EventLayout.LIMITS_SET;
import static dev.hotpath.engine.codec.EventLayout.LIMITS_SET_LENGTH;
import static dev.hotpath.engine.codec.EventLayout.ORDER_DONE;
import static dev.hotpath.engine.codec.EventLayout.ORDER_DONE_LENGTH;
import static dev.hotpath.engine.codec.EventLayout.REJECTED;
import static dev.hotpath.engine.codec.EventLayout.REJECTED_LENGTH;
import static dev.hotpath.engine.codec.EventLayout.TRADE;
import static dev.hotpath.engine.codec.EventLayout.TRADE_LENGTH;
import static dev.hotpath.engine.codec.EventLayout.TRIGGERED;
import static dev.hotpath.engine.codec.EventLayout.TRIGGERED_LENGTH;

/**
 * Reads events written by {@link EventEncoder} and replays them, in order, as calls on an {@link EventSink}:
 * how the gateway, the event journal's readers and the tests see a command's results.
 *
 * <p>Stateless; any thread.
 */
public final class EventDecoder
{
    private static final ByteOrder ORDER = ByteOrder.LITTLE_ENDIAN;

    private EventDecoder()
    {
    }

    /**
     * Decodes every event in a range of a buffer.
     *
     * @param buffer holds the events.
     * @param offset where the first event starts.
     * @param length bytes of events.
     * @param sink   receives them.
     * @return the number of events decoded.
     * @throws IllegalStateException when the bytes are not events (a corrupt journal).
     */
    public static int decode(final DirectBuffer buffer, final int offset, final int length, final EventSink sink)
    {
        final int end = offset + length;
        int p = offset;
        int count = 0;
        while (p < end)
        {
            final byte type = buffer.getByte(p);
            switch (type)
            {
                case ACCEPTED:
                    sink.onAccepted(
                        buffer.getLong(p + 1, ORDER), buffer.getLong(p + 9, ORDER), buffer.getInt(p + 17, ORDER),
                        Side.fromCode(buffer.getByte(p + 21)), OrderType.fromCode(buffer.getByte(p + 22)),
                        buffer.getLong(p + 23, ORDER), buffer.getLong(p + 31, ORDER));
                    p += ACCEPTED_LENGTH;
                    break;
                case REJECTED:
                    sink.onRejected(
                        buffer.getLong(p + 1, ORDER), buffer.getLong(p + 9, ORDER), buffer.getInt(p + 17, ORDER),
                        RejectReason.fromCode(buffer.getShort(p + 21, ORDER)));
                    p += REJECTED_LENGTH;
                    break;
                case AMENDED:
                    sink.onAmended(
                        buffer.getLong(p + 1, ORDER), buffer.getLong(p + 9, ORDER), buffer.getInt(p + 17, ORDER),
                        Side.fromCode(buffer.getByte(p + 21)), buffer.getLong(p + 22, ORDER),
                        buffer.getLong(p + 30, ORDER));
                    p += AMENDED_LENGTH;
                    break;
                case TRADE:
                    sink.onTrade(
                        buffer.getLong(p + 1, ORDER), buffer.getInt(p + 9, ORDER), buffer.getLong(p + 13, ORDER),
                        buffer.getLong(p + 21, ORDER), buffer.getLong(p + 29, ORDER), buffer.getLong(p + 37, ORDER),
                        Side.fromCode(buffer.getByte(p + 45)), buffer.getLong(p + 46, ORDER),
                        buffer.getLong(p + 54, ORDER));
                    p += TRADE_LENGTH;
                    break;
                case ORDER_DONE:
                    sink.onOrderDone(
                        buffer.getLong(p + 1, ORDER), buffer.getLong(p + 9, ORDER), buffer.getInt(p + 17, ORDER),
                        Side.fromCode(buffer.getByte(p + 21)), DoneReason.fromCode(buffer.getByte(p + 22)),
                        buffer.getLong(p + 23, ORDER));
                    p += ORDER_DONE_LENGTH;
                    break;
                case LEVEL_CHANGED:
                    sink.onLevelChanged(
                        buffer.getInt(p + 1, ORDER), Side.fromCode(buffer.getByte(p + 5)),
                        buffer.getLong(p + 6, ORDER), buffer.getLong(p + 14, ORDER), buffer.getInt(p + 22, ORDER));
                    p += LEVEL_CHANGED_LENGTH;
                    break;
                case LIMITS_SET:
                    sink.onLimitsSet(
                        buffer.getLong(p + 1, ORDER), buffer.getLong(p + 9, ORDER), buffer.getLong(p + 17, ORDER),
                        buffer.getInt(p + 25, ORDER), buffer.getLong(p + 29, ORDER));
                    p += LIMITS_SET_LENGTH;
                    break;
                case TRIGGERED:
                    sink.onTriggered(buffer.getLong(p + 1, ORDER), buffer.getLong(p + 9, ORDER),
                        buffer.getInt(p + 17, ORDER), Side.fromCode(buffer.getByte(p + 21)));
                    p += TRIGGERED_LENGTH;
                    break;
                default:
                    throw new IllegalStateException("unknown event type " + type + " at offset " + (p - offset));
            }
            count++;
        }
        return count;
    }
}
