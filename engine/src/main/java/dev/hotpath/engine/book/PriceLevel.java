package dev.hotpath.engine.book;

/**
 * All orders resting at one price on one side of a book, oldest first: a FIFO queue (intrusive doubly
 * linked list through {@link Order}) with its running total, so the level's quantity and order count are
 * known in O(1). Pooled like orders.
 *
 * <p>Owned by the matching thread.
 */
public final class PriceLevel
{
    long price;
    long totalQuantity;
    int orderCount;
    /** Where this level was last seen in a {@link SortedLevels}' arrays; levels shift, so it is checked on use. */
    int indexHint;
    Order head;
    Order tail;

    /** @return the level's price. */
    public long price()
    {
        return price;
    }

    /** @return the sum of the open quantity of its orders. */
    public long totalQuantity()
    {
        return totalQuantity;
    }

    /** @return how many orders rest here. */
    public int orderCount()
    {
        return orderCount;
    }

    /** @return the oldest order (first to trade), or {@code null} when empty. */
    public Order head()
    {
        return head;
    }

    void init(final long price)
    {
        this.price = price;
        totalQuantity = 0;
        orderCount = 0;
        head = null;
        tail = null;
    }

    void append(final Order order)
    {
        order.level = this;
        order.previous = tail;
        order.next = null;
        if (tail == null)
        {
            head = order;
        }
        else
        {
            tail.next = order;
        }
        tail = order;
        totalQuantity += order.visibleQuantity;
        orderCount++;
    }

    void remove(final Order order)
    {
        final Order previous = order.previous;
        final Order next = order.next;
        if (previous == null)
        {
            head = next;
        }
        else
        {
            previous.next = next;
        }
        if (next == null)
        {
            tail = previous;
        }
        else
        {
            next.previous = previous;
        }
        totalQuantity -= order.visibleQuantity;
        orderCount--;
        order.level = null;
        order.previous = null;
        order.next = null;
    }
}
