package dev.hotpath.engine.book;

import dev.hotpath.engine.api.Side;

/**
 * An open order resting on a book: a pooled, mutable node of the doubly linked queue of its
 * {@link PriceLevel}. Objects are taken from an {@link ObjectPool} when an order rests and given back when it
 * leaves the book, so the steady state allocates nothing.
 *
 * <p>An iceberg order shows only part of what it has left: its {@link #visibleQuantity()} is what rests in the
 * level's queue (and what the level's total counts), its {@link #hiddenQuantity()} waits behind it; when the
 * visible part trades away, the next part of at most {@link #displayQuantity()} is shown at the back of the level.
 * Other orders show everything: their hidden quantity is {@code 0}.
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
    /** What rests in the level's queue and counts in its total: the whole open quantity unless an iceberg. */
    long visibleQuantity;
    /** An iceberg's open quantity behind its visible part; {@code 0} for other orders. */
    long hiddenQuantity;
    /** An iceberg's display size: the most it shows at once; {@code 0}: not an iceberg. */
    long displayQuantity;
    long filledQuantity;
    long expiresAtNs;
    long stopPrice;

    PriceLevel level;
    Order previous;
    Order next;

    /**
     * Gives an order that is off its level a new price and open quantity, keeping everything else: for a move
     * that re-queues it without trading. An iceberg shows at most its display size of it again.
     *
     * @param newPrice    its new limit price.
     * @param newQuantity its new open quantity.
     * @return this order.
     */
    public Order requeueAt(final long newPrice, final long newQuantity)
    {
        price = newPrice;
        showOf(newQuantity);
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
     * @param remainingQuantity open quantity, all of it visible (see {@link #display} for an iceberg).
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
        this.visibleQuantity = remainingQuantity;
        this.hiddenQuantity = 0;
        this.filledQuantity = filledQuantity;
        return this;
    }

    /**
     * Makes the order an iceberg, or not: it shows at most {@code displayQuantity} of its open quantity, the rest
     * hidden behind. Call after {@link #set} and before the order joins a level (the level counts what it shows).
     *
     * @param displayQuantity its display size, or {@code 0} to show everything.
     * @return this order.
     */
    public Order display(final long displayQuantity)
    {
        this.displayQuantity = displayQuantity;
        showOf(visibleQuantity + hiddenQuantity);
        return this;
    }

    /**
     * Sets the visible and hidden parts exactly (a snapshot's; the visible part of an iceberg may be smaller than
     * its display size after trades). Call before the order joins a level.
     *
     * @param visible what it shows.
     * @param hidden  what waits behind.
     * @return this order.
     */
    public Order parts(final long visible, final long hidden)
    {
        this.visibleQuantity = visible;
        this.hiddenQuantity = hidden;
        return this;
    }

    /**
     * Splits an open quantity into what an order shows (at most its display size, if any) and what it hides. A plain
     * order (no display size) shows all of it and never hides any, so its case is one store: requeues and reprices,
     * the common moves, stay that cheap and small enough to inline.
     */
    void showOf(final long open)
    {
        if (displayQuantity == 0)
        {
            visibleQuantity = open; // hiddenQuantity is 0: set() cleared it and only an iceberg fills it
            return;
        }
        final long shown = Math.min(displayQuantity, open);
        visibleQuantity = shown;
        hiddenQuantity = open - shown;
    }

    /**
     * Shows an iceberg's next part after its visible part traded away: at most its display size of its hidden
     * quantity. The caller moves it to the back of its level first (a refresh loses time priority).
     */
    void refresh()
    {
        showOf(hiddenQuantity);
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

    /** @return the open quantity: visible and hidden. */
    public long remainingQuantity()
    {
        return visibleQuantity + hiddenQuantity;
    }

    /** @return what the order shows in its level (all of it, unless an iceberg). */
    public long visibleQuantity()
    {
        return visibleQuantity;
    }

    /** @return an iceberg's hidden quantity; {@code 0} for other orders. */
    public long hiddenQuantity()
    {
        return hiddenQuantity;
    }

    /** @return an iceberg's display size; {@code 0} for other orders. */
    public long displayQuantity()
    {
        return displayQuantity;
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
     * @param quantity traded quantity, at most {@link #visibleQuantity()}.
     */
    public void fill(final long quantity)
    {
        visibleQuantity -= quantity;
        filledQuantity += quantity;
        level.totalQuantity -= quantity;
    }
}
