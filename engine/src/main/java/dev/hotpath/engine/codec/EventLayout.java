package dev.hotpath.engine.codec;

/**
 * The binary layout of output events: one type byte, then fixed-size little-endian fields. A command's
 * events are written back to back into one buffer (see {@link EventEncoder}, read back by {@link EventDecoder});
 * the event journal stores that buffer behind a {@link FrameLayout frame header}. Offsets are from the event's
 * type byte; both the encoder and the decoder use these constants and no other numbers.
 *
 * <pre>
 *   offset  ACCEPTED 'A'   REJECTED 'R'   AMENDED 'M'    ORDER_DONE 'D'  TRIGGERED 'G'
 *    0      type           type           type           type            type
 *    1      long orderId   long orderId   long orderId   long orderId    long orderId
 *    9      long accountId long accountId long accountId long accountId  long accountId
 *   17      int instrument int instrument int instrument int instrument  int instrument
 *   21      byte side      short reason   byte side      byte side       byte side
 *   22      byte orderType                long price     byte reason
 *   23      long price                                   long remaining
 *   30                                    long quantity
 *   31      long quantity
 *   length  39             23             38             31              22
 *
 *   offset  TRADE 'T'            LEVEL_CHANGED 'L'     LIMITS_SET 'S'
 *    0      type                 type                  type
 *    1      long tradeId         int instrument        long accountId
 *    5                           byte side
 *    6                           long price
 *    9      int instrument                             long maxOrderQuantity
 *   13      long makerOrderId
 *   14                           long totalQuantity
 *   17                                                 long maxOrderNotional
 *   21      long makerAccountId
 *   22                           int orderCount
 *   25                                                 int maxOpenOrders
 *   29      long takerOrderId                          long maxPosition
 *   37      long takerAccountId
 *   45      byte aggressor
 *   46      long price
 *   54      long quantity
 *   length  62                   26                    37
 * </pre>
 *
 * <p>Enums travel as their codes ({@code Side.code()}, {@code OrderType.code()}, {@code DoneReason.code()}: one
 * byte; {@code RejectReason.code()}: two bytes). Changing any of this changes the event journal's format.
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

    /** Every event's first byte: its type, one of the codes above. */
    public static final int TYPE_OFFSET = 0;

    // The order events (ACCEPTED, REJECTED, AMENDED, ORDER_DONE, TRIGGERED) start with the same fields.

    /** An order event's order id (long). */
    public static final int ORDER_ID_OFFSET = TYPE_OFFSET + Byte.BYTES;
    /** An order event's account id (long). */
    public static final int ACCOUNT_ID_OFFSET = ORDER_ID_OFFSET + Long.BYTES;
    /** An order event's instrument id (int). */
    public static final int INSTRUMENT_ID_OFFSET = ACCOUNT_ID_OFFSET + Long.BYTES;
    /** An order event's side code (byte); every order event but REJECTED has one. */
    public static final int SIDE_OFFSET = INSTRUMENT_ID_OFFSET + Integer.BYTES;

    /** ACCEPTED: the order type code (byte). */
    public static final int ACCEPTED_ORDER_TYPE_OFFSET = SIDE_OFFSET + Byte.BYTES;
    /** ACCEPTED: the price (long). */
    public static final int ACCEPTED_PRICE_OFFSET = ACCEPTED_ORDER_TYPE_OFFSET + Byte.BYTES;
    /** ACCEPTED: the quantity (long). */
    public static final int ACCEPTED_QUANTITY_OFFSET = ACCEPTED_PRICE_OFFSET + Long.BYTES;

    /** REJECTED: the reject reason code (short), where the other order events have their side. */
    public static final int REJECTED_REASON_OFFSET = INSTRUMENT_ID_OFFSET + Integer.BYTES;

    /** AMENDED: the new price (long). */
    public static final int AMENDED_PRICE_OFFSET = SIDE_OFFSET + Byte.BYTES;
    /** AMENDED: the new quantity (long). */
    public static final int AMENDED_QUANTITY_OFFSET = AMENDED_PRICE_OFFSET + Long.BYTES;

    /** ORDER_DONE: the done reason code (byte). */
    public static final int ORDER_DONE_REASON_OFFSET = SIDE_OFFSET + Byte.BYTES;
    /** ORDER_DONE: the quantity left unfilled (long). */
    public static final int ORDER_DONE_REMAINING_OFFSET = ORDER_DONE_REASON_OFFSET + Byte.BYTES;

    /** TRADE: the trade id (long). */
    public static final int TRADE_ID_OFFSET = TYPE_OFFSET + Byte.BYTES;
    /** TRADE: the instrument id (int). */
    public static final int TRADE_INSTRUMENT_ID_OFFSET = TRADE_ID_OFFSET + Long.BYTES;
    /** TRADE: the resting (maker) order's id (long). */
    public static final int TRADE_MAKER_ORDER_ID_OFFSET = TRADE_INSTRUMENT_ID_OFFSET + Integer.BYTES;
    /** TRADE: the maker's account id (long). */
    public static final int TRADE_MAKER_ACCOUNT_ID_OFFSET = TRADE_MAKER_ORDER_ID_OFFSET + Long.BYTES;
    /** TRADE: the incoming (taker) order's id (long). */
    public static final int TRADE_TAKER_ORDER_ID_OFFSET = TRADE_MAKER_ACCOUNT_ID_OFFSET + Long.BYTES;
    /** TRADE: the taker's account id (long). */
    public static final int TRADE_TAKER_ACCOUNT_ID_OFFSET = TRADE_TAKER_ORDER_ID_OFFSET + Long.BYTES;
    /** TRADE: the aggressor's side code (byte). */
    public static final int TRADE_AGGRESSOR_OFFSET = TRADE_TAKER_ACCOUNT_ID_OFFSET + Long.BYTES;
    /** TRADE: the price (long). */
    public static final int TRADE_PRICE_OFFSET = TRADE_AGGRESSOR_OFFSET + Byte.BYTES;
    /** TRADE: the quantity (long). */
    public static final int TRADE_QUANTITY_OFFSET = TRADE_PRICE_OFFSET + Long.BYTES;

    /** LEVEL_CHANGED: the instrument id (int). */
    public static final int LEVEL_INSTRUMENT_ID_OFFSET = TYPE_OFFSET + Byte.BYTES;
    /** LEVEL_CHANGED: the book side code (byte). */
    public static final int LEVEL_SIDE_OFFSET = LEVEL_INSTRUMENT_ID_OFFSET + Integer.BYTES;
    /** LEVEL_CHANGED: the level's price (long). */
    public static final int LEVEL_PRICE_OFFSET = LEVEL_SIDE_OFFSET + Byte.BYTES;
    /** LEVEL_CHANGED: the quantity now resting at the level (long). */
    public static final int LEVEL_TOTAL_QUANTITY_OFFSET = LEVEL_PRICE_OFFSET + Long.BYTES;
    /** LEVEL_CHANGED: the number of orders now resting at the level (int). */
    public static final int LEVEL_ORDER_COUNT_OFFSET = LEVEL_TOTAL_QUANTITY_OFFSET + Long.BYTES;

    /** LIMITS_SET: the account id (long). */
    public static final int LIMITS_ACCOUNT_ID_OFFSET = TYPE_OFFSET + Byte.BYTES;
    /** LIMITS_SET: the max order quantity (long). */
    public static final int LIMITS_MAX_ORDER_QUANTITY_OFFSET = LIMITS_ACCOUNT_ID_OFFSET + Long.BYTES;
    /** LIMITS_SET: the max order notional (long). */
    public static final int LIMITS_MAX_ORDER_NOTIONAL_OFFSET = LIMITS_MAX_ORDER_QUANTITY_OFFSET + Long.BYTES;
    /** LIMITS_SET: the max open orders (int). */
    public static final int LIMITS_MAX_OPEN_ORDERS_OFFSET = LIMITS_MAX_ORDER_NOTIONAL_OFFSET + Long.BYTES;
    /** LIMITS_SET: the max position (long). */
    public static final int LIMITS_MAX_POSITION_OFFSET = LIMITS_MAX_OPEN_ORDERS_OFFSET + Integer.BYTES;

    /** Encoded size of each event, type byte included. */
    public static final int ACCEPTED_LENGTH = ACCEPTED_QUANTITY_OFFSET + Long.BYTES;
    /** @see #REJECTED */
    public static final int REJECTED_LENGTH = REJECTED_REASON_OFFSET + Short.BYTES;
    /** @see #AMENDED */
    public static final int AMENDED_LENGTH = AMENDED_QUANTITY_OFFSET + Long.BYTES;
    /** @see #TRADE */
    public static final int TRADE_LENGTH = TRADE_QUANTITY_OFFSET + Long.BYTES;
    /** @see #ORDER_DONE */
    public static final int ORDER_DONE_LENGTH = ORDER_DONE_REMAINING_OFFSET + Long.BYTES;
    /** @see #LEVEL_CHANGED */
    public static final int LEVEL_CHANGED_LENGTH = LEVEL_ORDER_COUNT_OFFSET + Integer.BYTES;
    /** @see #LIMITS_SET */
    public static final int LIMITS_SET_LENGTH = LIMITS_MAX_POSITION_OFFSET + Long.BYTES;
    /** @see #TRIGGERED */
    public static final int TRIGGERED_LENGTH = SIDE_OFFSET + Byte.BYTES;

    private EventLayout()
    {
    }
}
