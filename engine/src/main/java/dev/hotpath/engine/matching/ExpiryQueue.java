package dev.hotpath.engine.matching;

import java.util.Arrays;

/**
 * The expiry times of the resting orders that have one: a binary min-heap of (expiry, order id) pairs in two
 * {@code long} arrays, earliest expiry first and, at the same expiry, the smaller order id first. That order
 * depends only on the pairs, not on when they were added, so a queue rebuilt from a snapshot expires orders in
 * exactly the order the original would have.
 *
 * <p>Entries are not removed when their order is cancelled or filled: the matcher checks, when an entry comes
 * due, that its order is still open with that expiry, and skips it otherwise. Nothing is allocated except when the
 * arrays double.
 *
 * <p>Owned by the matching thread.
 */
final class ExpiryQueue
{
    private long[] times = new long[64];
    private long[] orderIds = new long[64];
    private int size;

    /**
     * @param expiresAtNs when the order expires.
     * @param orderId     the order.
     */
    void add(final long expiresAtNs, final long orderId)
    {
        if (size == times.length)
        {
            times = Arrays.copyOf(times, size * 2);
            orderIds = Arrays.copyOf(orderIds, size * 2);
        }
        int i = size++;
        while (i > 0)
        {
            final int parent = (i - 1) >>> 1;
            if (!before(expiresAtNs, orderId, times[parent], orderIds[parent]))
            {
                break;
            }
            times[i] = times[parent];
            orderIds[i] = orderIds[parent];
            i = parent;
        }
        times[i] = expiresAtNs;
        orderIds[i] = orderId;
    }

    /** @return true when no entry is left. */
    boolean isEmpty()
    {
        return size == 0;
    }

    /** @return the earliest expiry (only when not empty). */
    long firstTime()
    {
        return times[0];
    }

    /** @return the order of the earliest entry (only when not empty). */
    long firstOrderId()
    {
        return orderIds[0];
    }

    /** Removes the earliest entry (only when not empty). */
    void removeFirst()
    {
        final int last = --size;
        final long time = times[last];
        final long id = orderIds[last];
        int i = 0;
        while (true)
        {
            final int left = 2 * i + 1;
            if (left >= size)
            {
                break;
            }
            final int right = left + 1;
            final int child = right < size && before(times[right], orderIds[right], times[left], orderIds[left]) ?
                right : left;
            if (!before(times[child], orderIds[child], time, id))
            {
                break;
            }
            times[i] = times[child];
            orderIds[i] = orderIds[child];
            i = child;
        }
        if (size > 0)
        {
            times[i] = time;
            orderIds[i] = id;
        }
    }

    /** Empties the queue (to load a snapshot). */
    void clear()
    {
        size = 0;
    }

    private static boolean before(final long timeA, final long idA, final long timeB, final long idB)
    {
        return timeA < timeB || timeA == timeB && idA < idB;
    }
}
