package dev.hotpath.reporting.projection;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * The price levels of every instrument's book, as the {@code LevelChanged} events left them: a level change
 * carries the level's new total, so applying changes is idempotent and order is all that matters (replaying
 * changes from any earlier point onto a later book gives the same book).
 *
 * <p>Mutable; owned by one thread (the ingest tailer, or the writer for {@link CommittedBook}).
 */
public final class OrderBooks
{
    private final Map<SideKey, NavigableMap<Long, BookLevelRow>> sides = new HashMap<>();

    /**
     * Sets a level to its new total ({@code quantity} 0: removes it).
     *
     * @param level the level as it is now.
     */
    public void apply(final BookLevelRow level)
    {
        final SideKey key = new SideKey(level.instrumentId(), level.bid());
        if (level.quantity() > 0)
        {
            sides.computeIfAbsent(key, k -> new TreeMap<>()).put(level.price(), level);
        }
        else
        {
            final NavigableMap<Long, BookLevelRow> side = sides.get(key);
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
        final NavigableMap<Long, BookLevelRow> side = sides.get(new SideKey(instrumentId, bid));
        if (side == null)
        {
            return new BookLevelRow[0];
        }
        return (bid ? side.descendingMap() : side).values().toArray(new BookLevelRow[0]);
    }

    /** @return every level of every book, a copy. */
    public List<BookLevelRow> all()
    {
        final List<BookLevelRow> out = new ArrayList<>();
        for (final NavigableMap<Long, BookLevelRow> side : sides.values())
        {
            out.addAll(side.values());
        }
        return out;
    }

    private record SideKey(int instrumentId, boolean bid)
    {
    }
}
