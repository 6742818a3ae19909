package dev.hotpath.engine.book;

import dev.hotpath.engine.api.Side;

/**
 * The untriggered stop orders of one instrument: off the book, invisible in market data, waiting for a trade at
 * or through their stop price. Two intrusive doubly linked lists of pooled {@link Order}s (their queue links are
 * free, since a waiting stop is on no level): the buy stops in ascending stop price, which a rising trade price
 * reaches first, and the sell stops in descending stop price; at the same stop price, in arrival order. A trade at
 * price {@code p} triggers every buy stop with stop price at most {@code p} and every sell stop with stop price at
 * least {@code p}, taken from the front of the lists, so in the order the lists hold them.
 *
 * <p>Inserting walks from the back of the list (a new stop usually lands near the back); nothing is allocated.
 *
 * <p>Owned by the matching thread.
 */
public final class StopOrders
{
    private Order buyHead;
    private Order buyTail;
    private Order sellHead;
    private Order sellTail;
    private int count;

    /** @return how many stops wait (both sides). */
    public int count()
    {
        return count;
    }

    /**
     * Adds a stop behind every stop that a trade reaches before or together with it.
     *
     * @param order an untriggered stop, with its stop price set, on no level and in no list.
     */
    public void add(final Order order)
    {
        final boolean buy = order.side == Side.BUY;
        Order after = buy ? buyTail : sellTail;
        while (after != null && (buy ? after.stopPrice > order.stopPrice : after.stopPrice < order.stopPrice))
        {
            after = after.previous;
        }
        order.previous = after;
        order.next = after == null ? (buy ? buyHead : sellHead) : after.next;
        if (order.next != null)
        {
            order.next.previous = order;
        }
        else if (buy)
        {
            buyTail = order;
        }
        else
        {
            sellTail = order;
        }
        if (after != null)
        {
            after.next = order;
        }
        else if (buy)
        {
            buyHead = order;
        }
        else
        {
            sellHead = order;
        }
        count++;
    }

    /**
     * Puts a stop back at the end of its side's list, as a snapshot listed it (in {@link #first} order).
     *
     * @param order an untriggered stop.
     */
    public void append(final Order order)
    {
        final boolean buy = order.side == Side.BUY;
        final Order tail = buy ? buyTail : sellTail;
        order.previous = tail;
        order.next = null;
        if (tail != null)
        {
            tail.next = order;
        }
        else if (buy)
        {
            buyHead = order;
        }
        else
        {
            sellHead = order;
        }
        if (buy)
        {
            buyTail = order;
        }
        else
        {
            sellTail = order;
        }
        count++;
    }

    /**
     * Takes a stop out of its list (cancelled, expired, or triggered).
     *
     * @param order a stop in this instrument's lists.
     */
    public void remove(final Order order)
    {
        final boolean buy = order.side == Side.BUY;
        if (order.previous != null)
        {
            order.previous.next = order.next;
        }
        else if (buy)
        {
            buyHead = order.next;
        }
        else
        {
            sellHead = order.next;
        }
        if (order.next != null)
        {
            order.next.previous = order.previous;
        }
        else if (buy)
        {
            buyTail = order.previous;
        }
        else
        {
            sellTail = order.previous;
        }
        order.previous = null;
        order.next = null;
        count--;
    }

    /**
     * @param side a side.
     * @return the first stop of that side's list, the one a trade reaches first (follow {@link Order#next()}).
     */
    public Order first(final Side side)
    {
        return side == Side.BUY ? buyHead : sellHead;
    }

    /**
     * @param tradePrice a trade's price.
     * @return the next stop that price triggers, buy stops first, or {@code null}; take it out with
     *         {@link #remove} before asking again.
     */
    public Order nextTriggeredBy(final long tradePrice)
    {
        if (buyHead != null && buyHead.stopPrice <= tradePrice)
        {
            return buyHead;
        }
        if (sellHead != null && sellHead.stopPrice >= tradePrice)
        {
            return sellHead;
        }
        return null;
    }
}
