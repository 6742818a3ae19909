package dev.hotpath.engine.codec;

/**
 * The binary layout of output events: one type byte, then fixed-size little-endian fields. A command's
 * events are written back to back into one buffer (see {@link EventEncoder}); the event journal stores
 * that buffer behind a {@link FrameLayout frame header}.
 *
 * <p>Constants only; any thread.
 */
public final class EventLayout
{
    /** {@code onAccepted}: orderId 8, accountId 8, instrumentId 4, side 1, type 1, price 8, quantity 8. */
    public static final byte ACCEPTED = 'A';
    /** {@code onRejected}: orderId 8, accountId 8, instrumentId 4, reason code 2. */
    public static final byte REJECTED = 'R';
    /** {@code onAmended}: orderId 8, accountId 8, instrumentId 4, side 1, price 8, quantity 8. */
    public static final byte AMENDED = 'M';
    /** {@code onTrade}: tradeId 8, instrumentId 4, maker order 8, maker account 8, taker order 8,
     * taker account 8, aggressor 1, price 8, quantity 8. */
    public static final byte TRADE = 'T';
    /** {@code onOrderDone}: orderId 8, accountId 8, instrumentId 4, side 1, reason 1, remaining 8. */
    public static final byte ORDER_DONE = 'D';
    /** {@code onLevelChanged}: instrumentId 4, side 1, price 8, total quantity 8, order count 4. */
    public static final byte LEVEL_CHANGED = 'L';
    /** {@code onLimitsSet}: accountId 8, max order quantity 8, max order notional 8, max open orders 4,
     * max position 8. */
    public static final byte LIMITS_SET = 'S';
    /** {@code onTriggered}: orderId 8, accountId 8, instrumentId 4, side 1. */
    public static final byte TRIGGERED = 'G';

    /** Encoded size of each event, type byte included. */
    public static final int ACCEPTED_LENGTH = 1 + 8 + 8 + 4 + 1 + 1 + 8 + 8;
    /** @see #REJECTED */
    public static final int REJECTED_LENGTH = 1 + 8 + 8 + 4 + 2;
    /** @see #AMENDED */
    public static final int AMENDED_LENGTH = 1 + 8 + 8 + 4 + 1 + 8 + 8;
    /** @see #TRADE */
    public static final int TRADE_LENGTH = 1 + 8 + 4 + 8 + 8 + 8 + 8 + 1 + 8 + 8;
    /** @see #ORDER_DONE */
    public static final int ORDER_DONE_LENGTH = 1 + 8 + 8 + 4 + 1 + 1 + 8;
    /** @see #LEVEL_CHANGED */
    public static final int LEVEL_CHANGED_LENGTH = 1 + 4 + 1 + 8 + 8 + 4;
    /** @see #LIMITS_SET */
    public static final int LIMITS_SET_LENGTH = 1 + 8 + 8 + 8 + 4 + 8;
    /** @see #TRIGGERED */
    public static final int TRIGGERED_LENGTH = 1 + 8 + 8 + 4 + 1;

    private EventLayout()
    {
    }
}
