package dev.hotpath.engine.codec;

import dev.hotpath.engine.api.DoneReason;
import dev.hotpath.engine.api.EventSink;
import dev.hotpath.engine.api.OrderType;
import dev.hotpath.engine.api.RejectReason;
import dev.hotpath.engine.api.Side;
import org.agrona.MutableDirectBuffer;

import java.nio.ByteOrder;

import static dev.hotpath.engine.codec.EventLayout.ACCEPTED;
import static dev.hotpath.engine.codec.EventLayout.ACCEPTED_LENGTH;
import static dev.hotpath.engine.codec.EventLayout.AMENDED;
import static dev.hotpath.engine.codec.EventLayout.AMENDED_LENGTH;
import static dev.hotpath.engine.codec.EventLayout.LEVEL_CHANGED;
import static dev.hotpath.engine.codec.EventLayout.LEVEL_CHANGED_LENGTH;
import static dev.hotpath.engine.codec.EventLayout.ORDER_DONE;
import static dev.hotpath.engine.codec.EventLayout.ORDER_DONE_LENGTH;
import static dev.hotpath.engine.codec.EventLayout.REJECTED;
import static dev.hotpath.engine.codec.EventLayout.REJECTED_LENGTH;
import static dev.hotpath.engine.codec.EventLayout.TRADE;
import static dev.hotpath.engine.codec.EventLayout.TRADE_LENGTH;

/**
 * An {@link EventSink} that writes each event in the {@link EventLayout} binary form into a buffer, one after
 * the other: the matching thread's way of handing a command's results to the publisher without allocating.
 * The buffer must be able to grow ({@link org.agrona.ExpandableArrayBuffer}) or be large enough.
 *
 * <p>Owned by one thread at a time (the matching thread, for the ring slot it is filling).
 */
public final class EventEncoder implements EventSink
{
    private static final ByteOrder ORDER = ByteOrder.LITTLE_ENDIAN;

    private MutableDirectBuffer buffer;
    private MutableDirectBuffer overflow;
    private int position;

    /**
     * Starts writing at the beginning of a buffer that grows by itself (an {@link org.agrona.ExpandableArrayBuffer})
     * or is known to be large enough.
     *
     * @param buffer where events go.
     * @return this encoder.
     */
    public EventEncoder wrap(final MutableDirectBuffer buffer)
    {
        return wrap(buffer, null);
    }

    /**
     * Starts writing into a small fixed buffer, moving to a larger one if the command's events outgrow it: how
     * the pipeline keeps each ring slot's usual events in 256 dense bytes.
     *
     * @param first    where events go first.
     * @param overflow where they all move if they do not fit in {@code first} (a buffer that grows by itself),
     *                 or {@code null}.
     * @return this encoder.
     */
    public EventEncoder wrap(final MutableDirectBuffer first, final MutableDirectBuffer overflow)
    {
        this.buffer = first;
        this.overflow = overflow;
        this.position = 0;
        return this;
    }

    /** @return the buffer that holds the events written since {@link #wrap}, from index 0. */
    public MutableDirectBuffer buffer()
    {
        return buffer;
    }

    /** @return bytes written since {@link #wrap}. */
    public int length()
    {
        return position;
    }

    /** The buffer to write the next event of {@code length} bytes into, moving to the overflow if needed. */
    private MutableDirectBuffer room(final int length)
    {
        final MutableDirectBuffer b = buffer;
        if (position + length > b.capacity() && overflow != null && b != overflow)
        {
            overflow.putBytes(0, b, 0, position);
            buffer = overflow;
            return overflow;
        }
        return b;
    }

    @Override
    public void onAccepted(
        final long orderId,
        final long accountId,
        final int instrumentId,
        final Side side,
        final OrderType type,
        final long price,
        final long quantity)
    {
        final MutableDirectBuffer b = room(ACCEPTED_LENGTH);
        final int p = position;
        b.putByte(p, ACCEPTED);
        b.putLong(p + 1, orderId, ORDER);
        b.putLong(p + 9, accountId, ORDER);
        b.putInt(p + 17, instrumentId, ORDER);
        b.putByte(p + 21, side.code());
        b.putByte(p + 22, type.code());
        b.putLong(p + 23, price, ORDER);
        b.putLong(p + 31, quantity, ORDER);
        position = p + ACCEPTED_LENGTH;
    }

    @Override
    public void onRejected(final long orderId, final long accountId, final int instrumentId, final RejectReason reason)
    {
        final MutableDirectBuffer b = room(REJECTED_LENGTH);
        final int p = position;
        b.putByte(p, REJECTED);
        b.putLong(p + 1, orderId, ORDER);
        b.putLong(p + 9, accountId, ORDER);
        b.putInt(p + 17, instrumentId, ORDER);
        b.putShort(p + 21, (short)reason.code(), ORDER);
        position = p + REJECTED_LENGTH;
    }

    @Override
    public void onAmended(
        final long orderId,
        final long accountId,
        final int instrumentId,
        final Side side,
        final long price,
        final long quantity)
    {
        final MutableDirectBuffer b = room(AMENDED_LENGTH);
        final int p = position;
        b.putByte(p, AMENDED);
        b.putLong(p + 1, orderId, ORDER);
        b.putLong(p + 9, accountId, ORDER);
        b.putInt(p + 17, instrumentId, ORDER);
        b.putByte(p + 21, side.code());
        b.putLong(p + 22, price, ORDER);
        b.putLong(p + 30, quantity, ORDER);
        position = p + AMENDED_LENGTH;
    }

    @Override
    public void onTrade(
        final long tradeId,
        final int instrumentId,
        final long makerOrderId,
        final long makerAccountId,
        final long takerOrderId,
        final long takerAccountId,
        final Side aggressor,
        final long price,
        final long quantity)
    {
        final MutableDirectBuffer b = room(TRADE_LENGTH);
        final int p = position;
        b.putByte(p, TRADE);
        b.putLong(p + 1, tradeId, ORDER);
        b.putInt(p + 9, instrumentId, ORDER);
        b.putLong(p + 13, makerOrderId, ORDER);
        b.putLong(p + 21, makerAccountId, ORDER);
        b.putLong(p + 29, takerOrderId, ORDER);
        b.putLong(p + 37, takerAccountId, ORDER);
        b.putByte(p + 45, aggressor.code());
        b.putLong(p + 46, price, ORDER);
        b.putLong(p + 54, quantity, ORDER);
        position = p + TRADE_LENGTH;
    }

    @Override
    public void onOrderDone(
        final long orderId,
        final long accountId,
        final int instrumentId,
        final Side side,
        final DoneReason reason,
        final long remainingQuantity)
    {
        final MutableDirectBuffer b = room(ORDER_DONE_LENGTH);
        final int p = position;
        b.putByte(p, ORDER_DONE);
        b.putLong(p + 1, orderId, ORDER);
        b.putLong(p + 9, accountId, ORDER);
        b.putInt(p + 17, instrumentId, ORDER);
        b.putByte(p + 21, side.code());
        b.putByte(p + 22, reason.code());
        b.putLong(p + 23, remainingQuantity, ORDER);
        position = p + ORDER_DONE_LENGTH;
    }

    @Override
    public void onLevelChanged(
        final int instrumentId, final Side side, final long price, final long totalQuantity, final int orderCount)
    {
        final MutableDirectBuffer b = room(LEVEL_CHANGED_LENGTH);
        final int p = position;
        b.putByte(p, LEVEL_CHANGED);
        b.putInt(p + 1, instrumentId, ORDER);
        b.putByte(p + 5, side.code());
        b.putLong(p + 6, price, ORDER);
        b.putLong(p + 14, totalQuantity, ORDER);
        b.putInt(p + 22, orderCount, ORDER);
        position = p + LEVEL_CHANGED_LENGTH;
    }
}
