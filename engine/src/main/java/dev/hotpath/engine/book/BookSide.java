package dev.hotpath.engine.book;

import dev.hotpath.engine.api.Side;

import java.util.Arrays;

/**
 * One side of an order book: its price levels sorted from worst to best in a plain array, so that the best
 * level is the last element (O(1)), finding a price is a binary search, and adding or removing a level near
 * the top of the book (where almost all activity is) moves only a few array slots.
 *
 * <p>Arrays beat a tree here: a book has hundreds of levels, not millions, and one cache-friendly
 * {@code long[]} of prices searches faster than pointer-chasing tree nodes, with no node to allocate.
 *
 * <p>Owned by the matching thread.
 */
public final class BookSide
{
    private final Side side;
    private final ObjectPool<PriceLevel> levelPool;
    private long[] keys;
    private PriceLevel[] levels;
    private int size;

    /**
     * @param side           which side this is.
     * @param levelPool      where levels come from and go back to.
     * @param initialLevels  expected number of levels (the arrays grow when needed).
     */
    public BookSide(final Side side, final ObjectPool<PriceLevel> levelPool, final int initialLevels)
    {
        this.side = side;
        this.levelPool = levelPool;
        this.keys = new long[Math.max(initialLevels, 16)];
        this.levels = new PriceLevel[keys.length];
    }

    /** @return which side this is. */
    public Side side()
    {
        return side;
    }

    /** @return the number of price levels. */
    public int levelCount()
    {
        return size;
    }

    /** @return the best level (highest bid or lowest ask), or {@code null} when the side is empty. */
    public PriceLevel best()
    {
        return size == 0 ? null : levels[size - 1];
    }

    /**
     * @param rank 0 for the best level, 1 for the next, ... up to {@link #levelCount()} - 1.
     * @return the level at that rank.
     */
    public PriceLevel levelAtRank(final int rank)
    {
        return levels[size - 1 - rank];
    }

    /**
     * @param price a price.
     * @return the level at exactly that price, or {@code null}.
     */
    public PriceLevel find(final long price)
    {
        final int index = search(key(price));
        return index >= 0 ? levels[index] : null;
    }

    /**
     * Appends an order at the back of the queue at its price, creating the level if needed.
     *
     * @param order the order, with its price and remaining quantity set.
     * @return the level it joined.
     */
    public PriceLevel add(final Order order)
    {
        final long key = key(order.price);
        PriceLevel level;
        if (size > 0 && keys[size - 1] == key)
        {
            level = levels[size - 1];
        }
        else
        {
            final int index = search(key);
            if (index >= 0)
            {
                level = levels[index];
            }
            else
            {
                level = insertLevel(-(index + 1), key, order.price);
            }
        }
        level.append(order);
        return level;
    }

    /**
     * Takes an order out of its level, and drops the level when it becomes empty.
     *
     * @param order an order resting on this side.
     * @return the level it left (which may now be empty and back in the pool: read it before the next add).
     */
    public PriceLevel remove(final Order order)
    {
        final PriceLevel level = order.level;
        level.remove(order);
        if (level.orderCount == 0)
        {
            removeLevel(level);
        }
        return level;
    }

    /**
     * Lowers an order's open quantity in place, keeping its place in the queue.
     *
     * @param order an order resting on this side.
     * @param delta how much less it is for, below its remaining quantity.
     * @return its level.
     */
    public PriceLevel reduce(final Order order, final long delta)
    {
        order.remainingQuantity -= delta;
        order.level.totalQuantity -= delta;
        return order.level;
    }

    /**
     * Gives an order that rests alone at its level a new price (where no level is yet) and a new open
     * quantity, by re-pricing its level in place: the level moves within the sorted array past only the
     * levels between the old and the new price (usually none: most moves are of a tick or a few), instead
     * of leaving the array (shifting every better level) and being inserted again (shifting them back).
     * The result is the same as {@link #remove} then {@link #add} of the order at the new price; the
     * caller makes sure the new price does not cross the other side.
     *
     * @param order       an order resting on this side.
     * @param newPrice    its new price.
     * @param newQuantity its new open quantity.
     * @return false, changing nothing, when the order shares its level or a level exists at the new price
     *     (other than its own).
     */
    public boolean repriceAlone(final Order order, final long newPrice, final long newQuantity)
    {
        final PriceLevel level = order.level;
        if (level.orderCount != 1)
        {
            return false;
        }
        final long oldKey = key(level.price);
        final long newKey = key(newPrice);
        if (newKey != oldKey)
        {
            // one search for the level, then a walk to the new price, which is usually a level or two away
            final long[] keys = this.keys;
            final int from = indexOf(level);
            int insertion;
            if (newKey > oldKey)
            {
                insertion = from + 1;
                while (insertion < size && keys[insertion] < newKey)
                {
                    insertion++;
                }
                if (insertion < size && keys[insertion] == newKey)
                {
                    return false;
                }
            }
            else
            {
                int below = from - 1;
                while (below >= 0 && keys[below] > newKey)
                {
                    below--;
                }
                if (below >= 0 && keys[below] == newKey)
                {
                    return false;
                }
                insertion = below + 1;
            }
            if (insertion > from)
            {
                final int target = insertion - 1;
                System.arraycopy(keys, from + 1, keys, from, target - from);
                System.arraycopy(levels, from + 1, levels, from, target - from);
                keys[target] = newKey;
                levels[target] = level;
                level.indexHint = target;
            }
            else
            {
                System.arraycopy(keys, insertion, keys, insertion + 1, from - insertion);
                System.arraycopy(levels, insertion, levels, insertion + 1, from - insertion);
                keys[insertion] = newKey;
                levels[insertion] = level;
                level.indexHint = insertion;
            }
            level.price = newPrice;
            order.price = newPrice;
        }
        level.totalQuantity = newQuantity;
        order.remainingQuantity = newQuantity;
        return true;
    }

    /**
     * Takes an order out of its level's queue but leaves the level in place even when it becomes empty:
     * the match loop walks a level's queue and drops the level itself once done with it.
     *
     * @param order an order resting on a book.
     */
    public static void unlink(final Order order)
    {
        order.level.remove(order);
    }

    /**
     * Drops an empty level from the side and returns it to the pool.
     *
     * @param level an empty level of this side.
     */
    public void removeLevel(final PriceLevel level)
    {
        final int last = size - 1;
        if (levels[last] == level)
        {
            levels[last] = null;
            size = last;
        }
        else
        {
            final int index = indexOf(level);
            System.arraycopy(keys, index + 1, keys, index, last - index);
            System.arraycopy(levels, index + 1, levels, index, last - index);
            levels[last] = null;
            size = last;
        }
        levelPool.release(level);
    }

    /**
     * Whether an incoming order at {@code price} on the other side would trade with this level.
     *
     * @param level a level of this side.
     * @param price the incoming order's limit price.
     * @return true when they cross.
     */
    public boolean crosses(final PriceLevel level, final long price)
    {
        return side == Side.SELL ? price >= level.price : price <= level.price;
    }

    private PriceLevel insertLevel(final int index, final long key, final long price)
    {
        if (size == keys.length)
        {
            keys = Arrays.copyOf(keys, size * 2);
            levels = Arrays.copyOf(levels, size * 2);
        }
        System.arraycopy(keys, index, keys, index + 1, size - index);
        System.arraycopy(levels, index, levels, index + 1, size - index);
        final PriceLevel level = levelPool.acquire();
        level.init(price);
        keys[index] = key;
        levels[index] = level;
        level.indexHint = index;
        size++;
        return level;
    }

    /**
     * Where a level of this side is in the arrays, without a search from scratch: the level remembers where it
     * was last seen, and since then only the levels inserted or removed below it have moved it, usually by a
     * few slots. So check the remembered slot, else gallop from it to the level's price and remember again.
     */
    private int indexOf(final PriceLevel level)
    {
        final int hint = level.indexHint;
        if (hint < size && levels[hint] == level)
        {
            return hint;
        }
        final int index = searchFrom(key(level.price), hint);
        level.indexHint = index;
        return index;
    }

    /**
     * Finds a key that is in the arrays, starting from a guess: gallop away from the guess (1, 2, 4, ...
     * slots) until the key is bracketed, then a binary search of the bracket.
     */
    private int searchFrom(final long key, final int guess)
    {
        final long[] keys = this.keys;
        final int h = Math.min(Math.max(guess, 0), size - 1);
        final long atGuess = keys[h];
        if (atGuess == key)
        {
            return h;
        }
        int lo;
        int hi;
        int step = 1;
        if (atGuess < key)
        {
            lo = h; // keys[lo] < key
            while (h + step < size && keys[h + step] < key)
            {
                lo = h + step;
                step <<= 1;
            }
            hi = Math.min(h + step, size - 1); // keys[hi] >= key: the key is present
        }
        else
        {
            hi = h; // keys[hi] > key
            while (h - step >= 0 && keys[h - step] > key)
            {
                hi = h - step;
                step <<= 1;
            }
            lo = Math.max(h - step, 0); // keys[lo] <= key: the key is present
        }
        while (lo < hi)
        {
            final int mid = (lo + hi) >>> 1;
            if (keys[mid] < key)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }
        return lo;
    }

    /** Bids: the higher the better; asks: the lower the better. Keys sort ascending, best last. */
    private long key(final long price)
    {
        return side == Side.BUY ? price : -price;
    }

    /**
     * Galloping search from the best end, then a binary search without a data-dependent branch. Most orders,
     * cancels and moves land near the best price (W1 rests them {@code 1 + range * u^2} ticks behind it), so
     * probing 1, 2, 4, 8... levels back from the best first bounds the search to a few levels in the common
     * case, instead of ~9 dependent loads across the whole side. The binary step always runs
     * {@code log2(n)} times and can compile to a conditional move, so it does not depend on predicting the
     * comparisons.
     *
     * @return the index of {@code key}, or {@code -(insertionPoint + 1)} when it is absent.
     */
    private int search(final long key)
    {
        final int size = this.size;
        if (size == 0)
        {
            return -1;
        }
        final long[] keys = this.keys;
        // keys[size - 1] is the best; find a window [size - step, size - step/2) that must hold the key
        int step = 1;
        while (step < size && keys[size - step] > key)
        {
            step <<= 1;
        }
        final int low = Math.max(0, size - step);
        final int high = size - (step >>> 1); // exclusive; keys at and above it are greater than key (or step 1)
        int n = high - low;
        int base = low;
        while (n > 1)
        {
            final int half = n >>> 1;
            base = keys[base + half] <= key ? base + half : base;
            n -= half;
        }
        final long found = keys[base];
        if (found == key)
        {
            return base;
        }
        return found < key ? -(base + 2) : -(base + 1);
    }
}
