package dev.hotpath.engine.book;

import java.util.Arrays;

/**
 * A reusable array of price levels, shared by all the book sides of one engine: where a {@link BookSide} puts
 * its levels while it moves its price window. Sized up front to the level pool, so that moving a window
 * allocates nothing unless the book has more levels than the pool was sized for (and the pool grew too).
 *
 * <p>Owned by the matching thread.
 */
public final class LevelScratch
{
    private PriceLevel[] levels;

    /**
     * @param capacity levels to hold without growing.
     */
    public LevelScratch(final int capacity)
    {
        levels = new PriceLevel[Math.max(capacity, 64)];
    }

    /**
     * @param needed how many levels are about to be put in.
     * @return an array at least that long (its contents are the caller's to overwrite).
     */
    PriceLevel[] atLeast(final int needed)
    {
        if (levels.length < needed)
        {
            levels = Arrays.copyOf(levels, Math.max(needed, levels.length * 2));
        }
        return levels;
    }
}
