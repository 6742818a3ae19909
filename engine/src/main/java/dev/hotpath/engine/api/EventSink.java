package dev.hotpath.engine.api;

/**
 * Receives the output events of the matching engine, in the order they happen, as primitive arguments
 * so that nothing is allocated per event.
 *
 * <p>For each command the engine emits, in order:
 * <ul>
 *   <li>a new order: {@code onRejected}, or {@code onAccepted} followed by its trades;</li>
 *   <li>a cancel: {@code onRejected}, or {@code onOrderDone(CANCELLED)} and a level change;</li>
 *   <li>an amend: {@code onRejected}, or {@code onAmended} followed by level changes and, when the new
 *       price crosses, trades;</li>
 *   <li>a kill switch on: {@code onOrderDone(CANCELLED)} and level changes for each of the account's open
 *       orders; off: nothing;</li>
 *   <li>a set-limits: {@code onRejected(INVALID_LIMITS)}, or {@code onLimitsSet}.</li>
 * </ul>
 * While an incoming order matches: each {@code onTrade} is followed by {@code onOrderDone(FILLED)} of the
 * maker when that trade filled it; one {@code onLevelChanged} closes each resting level the order touched,
 * when it moves on from that level; last comes the incoming order's own outcome: {@code onOrderDone}
 * (filled, expired, or self-trade prevented), or it rests and {@code onLevelChanged} reports its level.
 *
 * <p>Called on the thread that runs the matching engine (the matching thread in the pipeline). An
 * implementation must not block, throw, or keep references to arguments beyond the call.
 */
public interface EventSink
{
    /**
     * A new order passed validation and risk checks.
     *
     * @param orderId      the order's id.
     * @param accountId    its owner.
     * @param instrumentId its instrument.
     * @param side         buy or sell.
     * @param type         order type.
     * @param price        limit price in price units ({@code 0} for a market order).
     * @param quantity     quantity in quantity units.
     */
    void onAccepted(long orderId, long accountId, int instrumentId, Side side, OrderType type, long price,
        long quantity);

    /**
     * A command was refused; nothing changed.
     *
     * @param orderId      the order id the command named.
     * @param accountId    the account that sent it.
     * @param instrumentId the instrument the command named ({@code -1} when unknown).
     * @param reason       why, with a code and a message.
     */
    void onRejected(long orderId, long accountId, int instrumentId, RejectReason reason);

    /**
     * An amend was accepted: the order now has this price and open quantity.
     *
     * @param orderId      the order's id.
     * @param accountId    its owner.
     * @param instrumentId its instrument.
     * @param side         its side.
     * @param price        new limit price.
     * @param quantity     new open quantity.
     */
    void onAmended(long orderId, long accountId, int instrumentId, Side side, long price, long quantity);

    /**
     * Two orders traded.
     *
     * @param tradeId        engine-wide trade sequence number, from 1.
     * @param instrumentId   the instrument.
     * @param makerOrderId   the resting order.
     * @param makerAccountId its owner.
     * @param takerOrderId   the incoming order.
     * @param takerAccountId its owner.
     * @param aggressor      the incoming order's side.
     * @param price          trade price (the maker's price).
     * @param quantity       traded quantity.
     */
    void onTrade(long tradeId, int instrumentId, long makerOrderId, long makerAccountId, long takerOrderId,
        long takerAccountId, Side aggressor, long price, long quantity);

    /**
     * An order is finished: it is no longer on the book and will have no more events.
     *
     * @param orderId           the order's id.
     * @param accountId         its owner.
     * @param instrumentId      its instrument.
     * @param side              its side.
     * @param reason            filled, cancelled, expired or self-trade prevented.
     * @param remainingQuantity quantity that did not trade ({@code 0} when filled).
     */
    void onOrderDone(long orderId, long accountId, int instrumentId, Side side, DoneReason reason,
        long remainingQuantity);

    /**
     * The total at one price level of one side changed.
     *
     * @param instrumentId  the instrument.
     * @param side          the side of the level.
     * @param price         the level's price.
     * @param totalQuantity the level's new open quantity ({@code 0}: the level is gone).
     * @param orderCount    how many orders now rest at that level.
     */
    void onLevelChanged(int instrumentId, Side side, long price, long totalQuantity, int orderCount);

    /**
     * A stop order's stop price was reached: it now enters as a market ({@code STOP}) or limit ({@code STOP_LIMIT})
     * order, with the same id, and its trades, level changes and done event follow. It was accepted (and counted
     * by risk) when it was placed; there is no second {@code onAccepted}. The default ignores it.
     *
     * @param orderId      the order.
     * @param accountId    its owner.
     * @param instrumentId its instrument.
     * @param side         its side.
     */
    default void onTriggered(long orderId, long accountId, int instrumentId, Side side)
    {
    }

    /**
     * An account's risk limits were replaced (the outcome of an accepted
     * {@link CommandType#SET_LIMITS} command; a refused one gets {@code onRejected(INVALID_LIMITS)} instead).
     * The default ignores it: only the sinks that follow limits need to implement it.
     *
     * @param accountId        the account.
     * @param maxOrderQuantity its largest order quantity, in quantity units.
     * @param maxOrderNotional its largest order notional, in price units x quantity units.
     * @param maxOpenOrders    its most open orders.
     * @param maxPosition      its largest absolute position per instrument, in quantity units.
     */
    default void onLimitsSet(long accountId, long maxOrderQuantity, long maxOrderNotional, int maxOpenOrders,
        long maxPosition)
    {
    }
}
