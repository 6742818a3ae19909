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
import static dev.hotpath.engine.codec.EventLayout.ACCEPTED_ORDER_TYPE_OFFSET;
import static dev.hotpath.engine.codec.EventLayout.ACCEPTED_PRICE_OFFSET;
import static dev.hotpath.engine.codec.EventLayout.ACCEPTED_QUANTITY_OFFSET;
import static dev.hotpath.engine.codec.EventLayout.ACCOUNT_ID_OFFSET;
import static dev.hotpath.engine.codec.EventLayout.AMENDED;
import static dev.hotpath.engine.codec.EventLayout.AMENDED_LENGTH;
import static dev.hotpath.engine.codec.EventLayout.AMENDED_PRICE_OFFSET;
import static dev.hotpath.engine.codec.EventLayout.AMENDED_QUANTITY_OFFSET;
import static dev.hotpath.engine.codec.EventLayout.INSTRUMENT_ID_OFFSET;
import static dev.hotpath.engine.codec.EventLayout.LEVEL_CHANGED;
import static dev.hotpath.engine.codec.EventLayout.LEVEL_CHANGED_LENGTH;
import static dev.hotpath.engine.codec.EventLayout.LEVEL_INSTRUMENT_ID_OFFSET;
import static dev.hotpath.engine.codec.EventLayout.LEVEL_ORDER_COUNT_OFFSET;
import static dev.hotpath.engine.codec.EventLayout.LEVEL_PRICE_OFFSET;
import static dev.hotpath.engine.codec.EventLayout.LEVEL_SIDE_OFFSET;
import static dev.hotpath.engine.codec.EventLayout.LEVEL_TOTAL_QUANTITY_OFFSET;
import static dev.hotpath.engine.codec.EventLayout.LIMITS_ACCOUNT_ID_OFFSET;
import static dev.hotpath.engine.codec.EventLayout.LIMITS_MAX_OPEN_ORDERS_OFFSET;
import static dev.hotpath.engine.codec.EventLayout.LIMITS_MAX_ORDER_NOTIONAL_OFFSET;
import static dev.hotpath.engine.codec.EventLayout.LIMITS_MAX_ORDER_QUANTITY_OFFSET;
import static dev.hotpath.engine.codec.EventLayout.LIMITS_MAX_POSITION_OFFSET;
import static dev.hotpath.engine.codec.EventLayout.LIMITS_SET;
import static dev.hotpath.engine.codec.EventLayout.LIMITS_SET_LENGTH;
import static dev.hotpath.engine.codec.EventLayout.ORDER_DONE;
import static dev.hotpath.engine.codec.EventLayout.ORDER_DONE_LENGTH;
import static dev.hotpath.engine.codec.EventLayout.ORDER_DONE_REASON_OFFSET;
import static dev.hotpath.engine.codec.EventLayout.ORDER_DONE_REMAINING_OFFSET;
import static dev.hotpath.engine.codec.EventLayout.ORDER_ID_OFFSET;
import static dev.hotpath.engine.codec.EventLayout.REJECTED;
import static dev.hotpath.engine.codec.EventLayout.REJECTED_LENGTH;
import static dev.hotpath.engine.codec.EventLayout.REJECTED_REASON_OFFSET;
import static dev.hotpath.engine.codec.EventLayout.SIDE_OFFSET;
import static dev.hotpath.engine.codec.EventLayout.TRADE;
import static dev.hotpath.engine.codec.EventLayout.TRADE_AGGRESSOR_OFFSET;
import static dev.hotpath.engine.codec.EventLayout.TRADE_ID_OFFSET;
import static dev.hotpath.engine.codec.EventLayout.TRADE_INSTRUMENT_ID_OFFSET;
import static dev.hotpath.engine.codec.EventLayout.TRADE_LENGTH;
import static dev.hotpath.engine.codec.EventLayout.TRADE_MAKER_ACCOUNT_ID_OFFSET;
import static dev.hotpath.engine.codec.EventLayout.TRADE_MAKER_ORDER_ID_OFFSET;
import static dev.hotpath.engine.codec.EventLayout.TRADE_PRICE_OFFSET;
import static dev.hotpath.engine.codec.EventLayout.TRADE_QUANTITY_OFFSET;
import static dev.hotpath.engine.codec.EventLayout.TRADE_TAKER_ACCOUNT_ID_OFFSET;
import static dev.hotpath.engine.codec.EventLayout.TRADE_TAKER_ORDER_ID_OFFSET;
import static dev.hotpath.engine.codec.EventLayout.TRIGGERED;
import static dev.hotpath.engine.codec.EventLayout.TRIGGERED_LENGTH;
import static dev.hotpath.engine.codec.EventLayout.TYPE_OFFSET;

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
            final byte type = buffer.getByte(p + TYPE_OFFSET);
            switch (type)
            {
                case ACCEPTED:
                    sink.onAccepted(
                        buffer.getLong(p + ORDER_ID_OFFSET, ORDER), buffer.getLong(p + ACCOUNT_ID_OFFSET, ORDER),
                        buffer.getInt(p + INSTRUMENT_ID_OFFSET, ORDER), Side.fromCode(buffer.getByte(p + SIDE_OFFSET)),
                        OrderType.fromCode(buffer.getByte(p + ACCEPTED_ORDER_TYPE_OFFSET)),
                        buffer.getLong(p + ACCEPTED_PRICE_OFFSET, ORDER),
                        buffer.getLong(p + ACCEPTED_QUANTITY_OFFSET, ORDER));
                    p += ACCEPTED_LENGTH;
                    break;
                case REJECTED:
                    sink.onRejected(
                        buffer.getLong(p + ORDER_ID_OFFSET, ORDER), buffer.getLong(p + ACCOUNT_ID_OFFSET, ORDER),
                        buffer.getInt(p + INSTRUMENT_ID_OFFSET, ORDER),
                        RejectReason.fromCode(buffer.getShort(p + REJECTED_REASON_OFFSET, ORDER)));
                    p += REJECTED_LENGTH;
                    break;
                case AMENDED:
                    sink.onAmended(
                        buffer.getLong(p + ORDER_ID_OFFSET, ORDER), buffer.getLong(p + ACCOUNT_ID_OFFSET, ORDER),
                        buffer.getInt(p + INSTRUMENT_ID_OFFSET, ORDER), Side.fromCode(buffer.getByte(p + SIDE_OFFSET)),
                        buffer.getLong(p + AMENDED_PRICE_OFFSET, ORDER),
                        buffer.getLong(p + AMENDED_QUANTITY_OFFSET, ORDER));
                    p += AMENDED_LENGTH;
                    break;
                case TRADE:
                    sink.onTrade(
                        buffer.getLong(p + TRADE_ID_OFFSET, ORDER),
                        buffer.getInt(p + TRADE_INSTRUMENT_ID_OFFSET, ORDER),
                        buffer.getLong(p + TRADE_MAKER_ORDER_ID_OFFSET, ORDER),
                        buffer.getLong(p + TRADE_MAKER_ACCOUNT_ID_OFFSET, ORDER),
                        buffer.getLong(p + TRADE_TAKER_ORDER_ID_OFFSET, ORDER),
                        buffer.getLong(p + TRADE_TAKER_ACCOUNT_ID_OFFSET, ORDER),
                        Side.fromCode(buffer.getByte(p + TRADE_AGGRESSOR_OFFSET)),
                        buffer.getLong(p + TRADE_PRICE_OFFSET, ORDER),
                        buffer.getLong(p + TRADE_QUANTITY_OFFSET, ORDER));
                    p += TRADE_LENGTH;
                    break;
                case ORDER_DONE:
                    sink.onOrderDone(
                        buffer.getLong(p + ORDER_ID_OFFSET, ORDER), buffer.getLong(p + ACCOUNT_ID_OFFSET, ORDER),
                        buffer.getInt(p + INSTRUMENT_ID_OFFSET, ORDER), Side.fromCode(buffer.getByte(p + SIDE_OFFSET)),
                        DoneReason.fromCode(buffer.getByte(p + ORDER_DONE_REASON_OFFSET)),
                        buffer.getLong(p + ORDER_DONE_REMAINING_OFFSET, ORDER));
                    p += ORDER_DONE_LENGTH;
                    break;
                case LEVEL_CHANGED:
                    sink.onLevelChanged(
                        buffer.getInt(p + LEVEL_INSTRUMENT_ID_OFFSET, ORDER),
                        Side.fromCode(buffer.getByte(p + LEVEL_SIDE_OFFSET)),
                        buffer.getLong(p + LEVEL_PRICE_OFFSET, ORDER),
                        buffer.getLong(p + LEVEL_TOTAL_QUANTITY_OFFSET, ORDER),
                        buffer.getInt(p + LEVEL_ORDER_COUNT_OFFSET, ORDER));
                    p += LEVEL_CHANGED_LENGTH;
                    break;
                case LIMITS_SET:
                    sink.onLimitsSet(
                        buffer.getLong(p + LIMITS_ACCOUNT_ID_OFFSET, ORDER),
                        buffer.getLong(p + LIMITS_MAX_ORDER_QUANTITY_OFFSET, ORDER),
                        buffer.getLong(p + LIMITS_MAX_ORDER_NOTIONAL_OFFSET, ORDER),
                        buffer.getInt(p + LIMITS_MAX_OPEN_ORDERS_OFFSET, ORDER),
                        buffer.getLong(p + LIMITS_MAX_POSITION_OFFSET, ORDER));
                    p += LIMITS_SET_LENGTH;
                    break;
                case TRIGGERED:
                    sink.onTriggered(
                        buffer.getLong(p + ORDER_ID_OFFSET, ORDER), buffer.getLong(p + ACCOUNT_ID_OFFSET, ORDER),
                        buffer.getInt(p + INSTRUMENT_ID_OFFSET, ORDER), Side.fromCode(buffer.getByte(p + SIDE_OFFSET)));
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
