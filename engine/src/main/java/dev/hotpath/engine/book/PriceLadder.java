package dev.hotpath.engine.book;

/**
 * A window of consecutive prices near the market, one array slot per price: the level at a price is found by
 * subtracting and shifting, with no search. A bitmap of the occupied slots (one bit per slot, plus one bit per
 * 64-slot word saying the word is not empty) finds the next occupied slot below any slot in two steps, so the
 * best level is known again at once when it empties.
 *
 * <p>Slots are addressed by key, as in {@link BookSide}: a higher key is a better price. Slot {@code i} holds
 * keys {@code [base + i * 2^shift, base + (i + 1) * 2^shift)}; with {@code 2^shift} no wider than the tick,
 * two valid prices never share a slot.
 *
 * <p>Owned by the matching thread.
 */
final class PriceLadder
{
    /** The most slots a ladder may have: one summary word of 64 bits, each for a word of 64 slots. */
    static final int MAX_SLOTS = 64 * 64;

    private final PriceLevel[] slots;
    private final long[] words;
    private final int shift;
    private final long span;
    private long summary;
    private long base;
    private int count;
    private int top = -1;

    /**
     * @param slotCount how many prices the window holds: a power of two from 64 to {@link #MAX_SLOTS}.
     * @param tickSize  the instrument's tick, in price units.
     */
    PriceLadder(final int slotCount, final long tickSize)
    {
        if (slotCount < 64 || slotCount > MAX_SLOTS || Integer.bitCount(slotCount) != 1)
        {
            throw new IllegalArgumentException("ladder slots must be a power of two from 64 to " + MAX_SLOTS +
                ": " + slotCount);
        }
        final int slotBits = Integer.numberOfTrailingZeros(slotCount);
        this.shift = Math.min(63 - Long.numberOfLeadingZeros(tickSize), 62 - slotBits);
        this.slots = new PriceLevel[slotCount];
        this.words = new long[slotCount >>> 6];
        this.span = (long)slotCount << shift;
    }

    /** @return how many key units the window covers. */
    long span()
    {
        return span;
    }

    /** @return the lowest key of the window. */
    long base()
    {
        return base;
    }

    /** @return how many levels the window holds. */
    int count()
    {
        return count;
    }

    /**
     * @param key a key.
     * @return how far above the window's base it is: in the window when {@code 0 <= offset < span()}.
     */
    long offset(final long key)
    {
        return key - base;
    }

    /**
     * @param key a key.
     * @return true when the key is in the window.
     */
    boolean holds(final long key)
    {
        final long offset = key - base;
        return offset >= 0 && offset < span;
    }

    /** @return the slot of a key in the window. */
    int slotOf(final long key)
    {
        return (int)((key - base) >>> shift);
    }

    PriceLevel get(final int slot)
    {
        return slots[slot];
    }

    /** @return the best level of the window; the window must not be empty. */
    PriceLevel topLevel()
    {
        return slots[top];
    }

    void put(final int slot, final PriceLevel level)
    {
        slots[slot] = level;
        final int word = slot >>> 6;
        words[word] |= 1L << slot;
        summary |= 1L << word;
        count++;
        if (slot > top)
        {
            top = slot;
        }
    }

    void remove(final int slot)
    {
        slots[slot] = null;
        final int word = slot >>> 6;
        final long bits = words[word] & ~(1L << slot);
        words[word] = bits;
        if (bits == 0)
        {
            summary &= ~(1L << word);
        }
        count--;
        if (slot == top)
        {
            top = below(slot);
        }
    }

    /** @return the highest occupied slot below {@code slot}, or -1 when there is none. */
    int below(final int slot)
    {
        final int word = slot >>> 6;
        final long bits = words[word] & ((1L << slot) - 1);
        if (bits != 0)
        {
            return (word << 6) + 63 - Long.numberOfLeadingZeros(bits);
        }
        final long nonEmptyWords = summary & ((1L << word) - 1);
        if (nonEmptyWords == 0)
        {
            return -1;
        }
        final int lower = 63 - Long.numberOfLeadingZeros(nonEmptyWords);
        return (lower << 6) + 63 - Long.numberOfLeadingZeros(words[lower]);
    }

    /**
     * Moves every level out of the window into {@code out} from {@code start}, lowest key first, and empties
     * the window.
     *
     * @return the index after the last level written.
     */
    int drainAscending(final PriceLevel[] out, final int start)
    {
        int next = start;
        for (int word = 0; word < words.length; word++)
        {
            long bits = words[word];
            while (bits != 0)
            {
                final int slot = (word << 6) + Long.numberOfTrailingZeros(bits);
                out[next++] = slots[slot];
                slots[slot] = null;
                bits &= bits - 1;
            }
            words[word] = 0;
        }
        summary = 0;
        count = 0;
        top = -1;
        return next;
    }

    /**
     * Moves the window; it must be empty.
     *
     * @param newBase the lowest key of the window.
     */
    void rebase(final long newBase)
    {
        assert count == 0;
        base = newBase;
    }
}
