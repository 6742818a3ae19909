package dev.hotpath.engine.support;

import dev.hotpath.engine.api.DoneReason;
import dev.hotpath.engine.api.OrderType;
import dev.hotpath.engine.api.RejectReason;
import dev.hotpath.engine.api.Side;

/**
 * One output event of a matching engine as an immutable value, one record per {@link dev.hotpath.engine.api.EventSink}
 * method with the same arguments in the same order, so that tests can compare whole event lists with
 * {@code equals} and read a failure from the records' {@code toString}.
 *
 * <p>Immutable; any thread.
 */
public sealed interface Event
{
    /**
     * {@link dev.hotpath.engine.api.EventSink#onAccepted}: a new order passed validation.
     *
     * @param orderId      the order's id.
     * @param accountId    its owner.
     * @param instrumentId its instrument.
     * @param side         buy or sell.
     * @param type         order type.
     * @param price        limit price ({@code 0} for a market order).
     * @param quantity     quantity.
     */
    record Accepted(
        long orderId, long accountId, int instrumentId, Side side, OrderType type, long price, long quantity)
        implements Event
    {
    }

    /**
     * {@link dev.hotpath.engine.api.EventSink#onRejected}: a command was refused and nothing changed.
     *
     * @param orderId      the order id the command named.
     * @param accountId    the account that sent it.
     * @param instrumentId the instrument ({@code -1} when not revealed).
     * @param reason       why.
     */
    record Rejected(long orderId, long accountId, int instrumentId, RejectReason reason) implements Event
    {
    }

    /**
     * {@link dev.hotpath.engine.api.EventSink#onAmended}: an amend was accepted.
     *
     * @param orderId      the order's id.
     * @param accountId    its owner.
     * @param instrumentId its instrument.
     * @param side         its side.
     * @param price        new limit price.
     * @param quantity     new open quantity.
     */
    record Amended(long orderId, long accountId, int instrumentId, Side side, long price, long quantity)
        implements Event
    {
    }

    /**
     * {@link dev.hotpath.engine.api.EventSink#onTrade}: two orders traded.
     *
     * @param tradeId        engine-wide trade number, from 1.
     * @param instrumentId   the instrument.
     * @param makerOrderId   the resting order.
     * @param makerAccountId its owner.
     * @param takerOrderId   the incoming order.
     * @param takerAccountId its owner.
     * @param aggressor      the incoming order's side.
     * @param price          trade price (the maker's).
     * @param quantity       traded quantity.
     */
    record Trade(
        long tradeId,
        int instrumentId,
        long makerOrderId,
        long makerAccountId,
        long takerOrderId,
        long takerAccountId,
        Side aggressor,
        long price,
        long quantity)
        implements Event
    {
    }

    /**
     * {@link dev.hotpath.engine.api.EventSink#onOrderDone}: an order is finished.
     *
     * @param orderId           the order's id.
     * @param accountId         its owner.
     * @param instrumentId      its instrument.
     * @param side              its side.
     * @param reason            why it is done.
     * @param remainingQuantity what did not trade.
     */
    record OrderDone(
        long orderId, long accountId, int instrumentId, Side side, DoneReason reason, long remainingQuantity)
        implements Event
    {
    }

    /**
     * {@link dev.hotpath.engine.api.EventSink#onLevelChanged}: a price level's total or count changed.
     *
     * @param instrumentId  the instrument.
     * @param side          the level's side.
     * @param price         the level's price.
     * @param totalQuantity its new open quantity ({@code 0}: gone).
     * @param orderCount    its new number of orders.
     */
    record LevelChanged(int instrumentId, Side side, long price, long totalQuantity, int orderCount)
        implements Event
    {
    }

    /**
     * {@link dev.hotpath.engine.api.EventSink#onTriggered}.
     *
     * @param orderId      the stop order.
     * @param accountId    owner.
     * @param instrumentId instrument.
     * @param side         side.
     */
    record Triggered(long orderId, long accountId, int instrumentId, Side side) implements Event
    {
    }

    /**
     * {@link dev.hotpath.engine.api.EventSink#onLimitsSet}: an account's risk limits were replaced.
     *
     * @param accountId        the account.
     * @param maxOrderQuantity largest order quantity.
     * @param maxOrderNotional largest order notional.
     * @param maxOpenOrders    most open orders.
     * @param maxPosition      largest absolute position per instrument.
     */
    record LimitsSet(long accountId, long maxOrderQuantity, long maxOrderNotional, int maxOpenOrders,
        long maxPosition) implements Event
    {
    }
}
