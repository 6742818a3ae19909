package dev.hotpath.reporting.projection;

import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The book as of the last committed batch, served from memory: the database keeps only a checkpoint of it
 * (see {@code ReportingIngest}), so readers never wait on SQL for it. Each {@link #publish} replaces the view
 * of every side a batch changed at once, so a reader sees all of a batch's level changes or none of them.
 *
 * <p>{@link #reset} and {@link #publish} from one thread at a time, in order (the ingest tailer resets it
 * before the first batch is handed over, then only the writer publishes); {@link #levels} from any thread.
 */
public final class CommittedBook
{
    private final OrderBooks books = new OrderBooks();
    private volatile Map<Long, BookLevelRow[]> view = Map.of();

    /**
     * Replaces the whole book.
     *
     * @param levels every level of every book.
     */
    public void reset(final List<BookLevelRow> levels)
    {
        books.clear();
        books.applyAll(levels);
        final Set<Long> keys = new HashSet<>();
        for (final BookLevelRow l : levels)
        {
            keys.add(key(l.instrumentId(), l.bid()));
        }
        final Map<Long, BookLevelRow[]> next = new HashMap<>();
        for (final long key : keys)
        {
            next.put(key, books.side(instrument(key), bid(key)));
        }
        view = Map.copyOf(next);
    }

    /**
     * Applies a committed batch's level changes and makes them visible together.
     *
     * @param levels the changes, in order.
     */
    public void publish(final List<BookLevelRow> levels)
    {
        if (levels.isEmpty())
        {
            return;
        }
        books.applyAll(levels);
        final Set<Long> changed = new HashSet<>();
        for (final BookLevelRow l : levels)
        {
            changed.add(key(l.instrumentId(), l.bid()));
        }
        final Map<Long, BookLevelRow[]> next = new HashMap<>(view);
        for (final long key : changed)
        {
            final BookLevelRow[] side = books.side(instrument(key), bid(key));
            if (side.length == 0)
            {
                next.remove(key);
            }
            else
            {
                next.put(key, side);
            }
        }
        view = Map.copyOf(next);
    }

    /**
     * One side of an instrument's book, best first.
     *
     * @param instrumentId the instrument.
     * @param bid          true for bids.
     * @param depth        at most this many levels.
     * @return the levels.
     */
    public List<BookLevelRow> levels(final int instrumentId, final boolean bid, final int depth)
    {
        final BookLevelRow[] side = view.get(key(instrumentId, bid));
        if (side == null || depth <= 0)
        {
            return List.of();
        }
        return List.of(Arrays.copyOf(side, Math.min(depth, side.length)));
    }

    private static long key(final int instrumentId, final boolean bid)
    {
        return ((long)instrumentId << 1) | (bid ? 1 : 0);
    }

    private static int instrument(final long key)
    {
        return (int)(key >> 1);
    }

    private static boolean bid(final long key)
    {
        return (key & 1) == 1;
    }
}
