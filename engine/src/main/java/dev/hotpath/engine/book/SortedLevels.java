package dev.hotpath.engine.book;

import java.util.Arrays;

/**
 * Price levels kept in a plain array sorted by key, ascending (so the best level, the one with the highest
 * key, is the last element): where a {@link BookSide} keeps the levels whose prices are outside its
 * {@link PriceLadder}'s window. Finding a key is a galloping search from the best end; inserting or removing
 * a level shifts the better levels by one slot.
 *
 * <p>Arrays beat a tree here: the levels that land here are few (prices far from the market), and a
 * {@code long[]} of keys searches faster than pointer-chasing tree nodes, with no node to allocate.
 *
 * <p>Owned by the matching thread.
 */
final class SortedLevels
{
    private long[] keys;
    private PriceLevel[] levels;
    private int size;

    SortedLevels(final int initialLevels)
    {
        keys = new long[Math.max(initialLevels, 16)];
        levels = new PriceLevel[keys.length];
    }

    int size()
    {
        return size;
    }

    long keyAt(final int index)
    {
        return keys[index];
    }

    PriceLevel levelAt(final int index)
    {
        return levels[index];
    }

    /** Inserts a level at the place {@link #search} gave for its key. */
    void insert(final int index, final long key, final PriceLevel level)
    {
        if (size == keys.length)
        {
            keys = Arrays.copyOf(keys, size * 2);
            levels = Arrays.copyOf(levels, size * 2);
        }
        System.arraycopy(keys, index, keys, index + 1, size - index);
        System.arraycopy(levels, index, levels, index + 1, size - index);
        keys[index] = key;
        levels[index] = level;
        level.indexHint = index;
        size++;
    }

    /** Adds a level with a key above every key held: for refilling in ascending order. */
    void append(final long key, final PriceLevel level)
    {
        insert(size, key, level);
    }

    /** Removes the level at an index. */
    void removeAt(final int index)
    {
        final int last = size - 1;
        System.arraycopy(keys, index + 1, keys, index, last - index);
        System.arraycopy(levels, index + 1, levels, index, last - index);
        levels[last] = null;
        size = last;
    }

    /** Forgets every level (they are not released: the caller still holds them). */
    void clear()
    {
        Arrays.fill(levels, 0, size, null);
        size = 0;
    }

    /**
     * Where a level held here is, without a search from scratch: the level remembers where it was last seen,
     * and since then only the levels inserted or removed below it have moved it, usually by a few slots. So
     * check the remembered slot, else gallop from it to the level's key and remember again.
     */
    int indexOf(final PriceLevel level, final long key)
    {
        final int hint = level.indexHint;
        if (hint < size && levels[hint] == level)
        {
            return hint;
        }
        final int index = searchFrom(key, hint);
        level.indexHint = index;
        return index;
    }

    /**
     * Galloping search from the best end (most searches are for keys near it), then a binary search of the
     * bracket without a data-dependent branch.
     *
     * @return the index of {@code key}, or {@code -(insertionPoint + 1)} when it is absent.
     */
    int search(final long key)
    {
        final int size = this.size;
        if (size == 0)
        {
            return -1;
        }
        final long[] keys = this.keys;
        int step = 1;
        while (step < size && keys[size - step] > key)
        {
            step <<= 1;
        }
        final int low = Math.max(0, size - step);
        final int high = size - (step >>> 1);
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

    /** Finds a key that is held, galloping away from a guess until the key is bracketed, then bisecting. */
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
            lo = h;
            while (h + step < size && keys[h + step] < key)
            {
                lo = h + step;
                step <<= 1;
            }
            hi = Math.min(h + step, size - 1);
        }
        else
        {
            hi = h;
            while (h - step >= 0 && keys[h - step] > key)
            {
                hi = h - step;
                step <<= 1;
            }
            lo = Math.max(h - step, 0);
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
}
