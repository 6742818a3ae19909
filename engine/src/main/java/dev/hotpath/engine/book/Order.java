package dev.hotpath.engine.book;

import dev.hotpath.engine.api.Side;

/**
 * An open order resting on a book: a pooled, mutable node of the doubly linked queue of its
 * {@link PriceLevel}. Objects are taken from an {@link ObjectPool} when an order rests and given back when it
 * leaves the book, so the steady state allocates nothing.
 *
 * <p>Owned by the matching thread; no other thread may read or write it.
 */
public final class Order
{
    long orderId;
    long accountId;
    int instrumentId;
    Side side;
    byte typeCode;
    long price;
    long remainingQuantity;
    long filledQuantity;
    long expiresAtNs;
    long stopPrice;

    PriceLevel level;
    Order previous;
    Order next;

    /**
     * Gives an order that is off its level a new price and open quantity, keeping everything else: for a move
     * that re-queues it without trading.
     *
     * @param newPrice    its new limit price.
     * @param newQuantity its new open quantity.
     * @return this order.
     */
    public Order requeueAt(final long newPrice, final long newQuantity)
    {
        price = newPrice;
        remainingQuantity = newQuantity;
        return this;
    }

    /**
     * Fills in a fresh order taken from the pool.
     *
     * @param orderId           id.
     * @param accountId         owner.
     * @param instrumentId      instrument.
     * @param side              side.
     * @param typeCode          order type code.
     * @param price             limit price.
     * @param remainingQuantity open quantity.
     * @param filledQuantity    quantity traded so far.
     * @return this order.
     */
    public Order set(
        final long orderId,
        final long accountId,
        final int instrumentId,
        final Side side,
        final byte typeCode,
        final long price,
        final long remainingQuantity,
        final long filledQuantity)
    {
        this.orderId = orderId;
        this.accountId = accountId;
        this.instrumentId = instrumentId;
        this.side = side;
        this.typeCode = typeCode;
        this.price = price;
        this.remainingQuantity = remainingQuantity;
        this.filledQuantity = filledQuantity;
        return this;
    }

    /** @return when the order expires, in the commands' time (epoch ns); {@code 0}: good till cancelled. */
    public long expiresAtNs()
    {
        return expiresAtNs;
    }

    /**
     * Sets the order's expiry (a fresh order's, or a snapshot's); {@link #set} leaves it as it is, so that an
     * amended order keeps it.
     *
     * @param expiresAt epoch nanoseconds, or {@code 0}.
     * @return this order.
     */
    public Order expiresAtNs(final long expiresAt)
    {
        this.expiresAtNs = expiresAt;
        return this;
    }

    /** @return an untriggered stop's stop price (see {@link StopOrders}); {@code 0} for other orders. */
    public long stopPrice()
    {
        return stopPrice;
    }

    /**
     * Sets the stop price of an untriggered stop (a fresh one's, or a snapshot's). {@link #set} leaves it as it is.
     *
     * @param price the stop price, or {@code 0}.
     * @return this order.
     */
    public Order stopPrice(final long price)
    {
        this.stopPrice = price;
        return this;
    }

    /** @return the order's id. */
    public long orderId()
    {
        return orderId;
    }

    /** @return the owning account. */
    public long accountId()
    {
        return accountId;
    }

    /** @return the instrument. */
    public int instrumentId()
    {
        return instrumentId;
    }

    /** @return buy or sell. */
    public Side side()
    {
        return side;
    }

    /** @return the order type's code. */
    public byte typeCode()
    {
        return typeCode;
    }

    /** @return the limit price. */
    public long price()
    {
        return price;
    }

    /** @return the open quantity. */
    public long remainingQuantity()
    {
        return remainingQuantity;
    }

    /** @return what has traded so far. */
    public long filledQuantity()
    {
        return filledQuantity;
    }

    /** @return the next (younger) order at the same level, or {@code null}. */
    public Order next()
    {
        return next;
    }

    /**
     * Records a fill against this order.
     *
     * @param quantity traded quantity, at most {@link #remainingQuantity()}.
     */
    public void fill(final long quantity)
    {
        remainingQuantity -= quantity;
        filledQuantity += quantity;
        level.totalQuantity -= quantity;
    }

    void clear()
    {
        level = null;
        previous = null;
        next = null;
        side = null;
    }
}
