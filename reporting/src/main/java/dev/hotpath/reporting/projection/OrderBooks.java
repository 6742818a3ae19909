package dev.hotpath.reporting.projection;

import org.agrona.collections.Long2ObjectHashMap;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/**
 * The price levels of every instrument's book, as the {@code LevelChanged} events left them: a level change
 * carries the level's new total, so applying changes is idempotent and order is all that matters (replaying
 * changes from any earlier point onto a later book gives the same book).
 *
 * <p>Hash maps of primitive keys (side, then price): a level change, the most frequent event, costs two lookups
 * and no boxing. Levels are sorted only when a side is read ({@link #side}), once per batch at most.
 *
 * <p>Mutable; owned by one thread (the ingest tailer, or the writer for {@link CommittedBook}).
 */
public final class OrderBooks
{
    private static final Comparator<BookLevelRow> BY_PRICE = Comparator.comparingLong(BookLevelRow::price);
    private static final Comparator<BookLevelRow> BY_PRICE_DESC = BY_PRICE.reversed();
    private static final BookLevelRow[] NONE = new BookLevelRow[0];

    private final Long2ObjectHashMap<Long2ObjectHashMap<BookLevelRow>> sides = new Long2ObjectHashMap<>();

    /**
     * Sets a level to its new total ({@code quantity} 0: removes it).
     *
     * @param level the level as it is now.
     */
    public void apply(final BookLevelRow level)
    {
        final long key = sideKey(level.instrumentId(), level.bid());
        if (level.quantity() > 0)
        {
            Long2ObjectHashMap<BookLevelRow> side = sides.get(key);
            if (side == null)
            {
                side = new Long2ObjectHashMap<>();
                sides.put(key, side);
            }
            side.put(level.price(), level);
        }
        else
        {
            final Long2ObjectHashMap<BookLevelRow> side = sides.get(key);
            if (side != null)
            {
                side.remove(level.price());
                if (side.isEmpty())
                {
                    sides.remove(key);
                }
            }
        }
    }

    /** Removes every level. */
    public void clear()
    {
        sides.clear();
    }

    /**
     * @param levels levels to apply in order.
     */
    public void applyAll(final Collection<BookLevelRow> levels)
    {
        for (final BookLevelRow level : levels)
        {
            apply(level);
        }
    }

    /**
     * One side of a book, best first (bids highest first, asks lowest first).
     *
     * @param instrumentId the instrument.
     * @param bid          true for bids.
     * @return its levels, a copy.
     */
    public BookLevelRow[] side(final int instrumentId, final boolean bid)
    {
        final Long2ObjectHashMap<BookLevelRow> side = sides.get(sideKey(instrumentId, bid));
        if (side == null)
        {
            return NONE;
        }
        final BookLevelRow[] levels = side.values().toArray(NONE);
        Arrays.sort(levels, bid ? BY_PRICE_DESC : BY_PRICE);
        return levels;
    }

    /** @return every level of every book, a copy. */
    public List<BookLevelRow> all()
    {
        final List<BookLevelRow> out = new ArrayList<>();
        for (final Long2ObjectHashMap<BookLevelRow> side : sides.values())
        {
            out.addAll(side.values());
        }
        return out;
    }

    /**
     * @param instrumentId the instrument.
     * @param bid          true for bids.
     * @return one number for the pair.
     */
    static long sideKey(final int instrumentId, final boolean bid)
    {
        return ((long)instrumentId << 1) | (bid ? 1 : 0);
    }
}
