package dev.hotpath.reporting.projection;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Each instrument's newest bars of each width as of the last committed batch, served from memory: the dashboard
 * polls an instrument's 1 s bars, and the store's answer took 19 - 71 ms at p99 while the ingest kept both cores
 * busy (README). {@link #publish} runs after a batch committed and replaces each (instrument, width) the batch
 * touched at once, so a reader sees committed bars only, a batch's all or none.
 *
 * <p>Each (instrument, width) knows from when on it holds every bar: from the start of the newest stored bar when
 * the ingest started ({@link #load}; older ones are in the database only), from the first bar on an empty store,
 * and from the oldest bar kept once older ones were let go. {@link #bars} answers {@code null} when the range asked
 * for starts before that, and the caller asks the database.
 *
 * <p>{@link #load} before the ingest's writer starts, {@link #publish} from the writer; {@link #bars} from any
 * thread.
 */
public final class CommittedBars
{
    /** Bars held, oldest first, and the start from which every bar is held. */
    private record Held(BarRow[] bars, long completeFromNs)
    {
    }

    private static final BarRow[] NONE = new BarRow[0];

    private final int capacity;
    private final Map<Long, Held> byKey = new ConcurrentHashMap<>();

    /**
     * @param capacity the most bars kept per instrument and width, oldest first out.
     */
    public CommittedBars(final int capacity)
    {
        this.capacity = capacity;
    }

    /**
     * @param stored the newest stored bar of each instrument and width (what the ingest resumes from).
     */
    public void load(final List<BarRow> stored)
    {
        for (final BarRow b : stored)
        {
            byKey.put(key(b.instrumentId(), b.interval()), new Held(new BarRow[] {b}, b.startNs()));
        }
    }

    /**
     * Makes a committed batch's bars visible.
     *
     * @param bars the bars the batch changed, as they are after it.
     */
    public void publish(final List<BarRow> bars)
    {
        if (bars.isEmpty())
        {
            return;
        }
        final Map<Long, List<BarRow>> changed = new HashMap<>();
        for (final BarRow b : bars)
        {
            changed.computeIfAbsent(key(b.instrumentId(), b.interval()), k -> new ArrayList<>()).add(b);
        }
        for (final Map.Entry<Long, List<BarRow>> e : changed.entrySet())
        {
            final Held old = byKey.get(e.getKey());
            final TreeMap<Long, BarRow> merged = new TreeMap<>();
            for (final BarRow b : old == null ? NONE : old.bars())
            {
                merged.put(b.startNs(), b);
            }
            for (final BarRow b : e.getValue())
            {
                merged.put(b.startNs(), b);
            }
            long completeFromNs = old == null ? Long.MIN_VALUE : old.completeFromNs();
            while (merged.size() > capacity)
            {
                merged.pollFirstEntry();
                completeFromNs = merged.firstKey();
            }
            byKey.put(e.getKey(), new Held(merged.values().toArray(NONE), completeFromNs));
        }
    }

    /**
     * An instrument's bars, oldest first, as the database would answer ({@code ReportingQueries.bars}): with
     * neither bound, those of the last {@code limit} widths up to the newest bar.
     *
     * @param instrumentId the instrument.
     * @param interval     the width.
     * @param fromNs       starting at or after (0: no bound).
     * @param toNs         starting before (0: no bound).
     * @param limit        at most this many, the newest.
     * @return them, or {@code null} when memory may not hold every bar of the range.
     */
    public List<BarRow> bars(final int instrumentId, final BarInterval interval, final long fromNs, final long toNs,
        final int limit)
    {
        final Held held = byKey.get(key(instrumentId, interval));
        if (held == null)
        {
            return null; // nothing traded since start: what the database has, if anything
        }
        final BarRow[] bars = held.bars();
        long from = fromNs == 0 ? Long.MIN_VALUE : fromNs;
        if (fromNs == 0 && toNs == 0)
        {
            from = bars[bars.length - 1].startNs() - (long)(limit - 1) * interval.nanos();
        }
        if (from < held.completeFromNs())
        {
            return null;
        }
        final long to = toNs == 0 ? Long.MAX_VALUE : toNs;
        final List<BarRow> out = new ArrayList<>();
        for (int i = bars.length - 1; i >= 0 && out.size() < limit; i--)
        {
            final long start = bars[i].startNs();
            if (start < from)
            {
                break;
            }
            if (start < to)
            {
                out.add(bars[i]);
            }
        }
        java.util.Collections.reverse(out);
        return out;
    }

    private static long key(final int instrumentId, final BarInterval interval)
    {
        return ((long)instrumentId << 32) | interval.seconds();
    }
}
