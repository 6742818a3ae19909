package dev.hotpath.reporting.projection;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Each account's newest trades (as maker or taker) as of the last committed batch, served from memory: an
 * account's trades page is asked for often, and on a columnar store (DuckDB, no index on trades) that query scans
 * the trades table, taking 20 - 47 ms at p99 while the ingest keeps both cores busy (README). {@link #publish}
 * runs after a batch committed and replaces each account the batch touched with a new array at once, so a reader
 * sees an account's committed trades only, a batch's all or none.
 *
 * <p>What memory can answer: the newest {@code limit <= capacity} trades whenever it holds that many; anything
 * (an instrument filter, a time range, fewer trades than asked) when it holds every trade of the account, which it
 * does when the ingest started on an empty store and the account has not yet had more than {@code capacity}
 * trades. Otherwise {@link #latest} answers {@code null} and the caller asks the database.
 *
 * <p>{@link #publish} from one thread (the ingest writer); {@link #latest} from any thread.
 */
public final class CommittedAccountTrades
{
    private static final TradeRow[] NONE = new TradeRow[0];

    private final int capacity;
    private final boolean completeAtStart;
    private final Map<Long, TradeRow[]> byAccount = new ConcurrentHashMap<>();

    /**
     * @param capacity        the most trades kept per account, oldest first out.
     * @param completeAtStart true when the store held no trades when the ingest started (memory then sees them all).
     */
    public CommittedAccountTrades(final int capacity, final boolean completeAtStart)
    {
        this.capacity = capacity;
        this.completeAtStart = completeAtStart;
    }

    /** @return the most trades kept per account. */
    public int capacity()
    {
        return capacity;
    }

    /**
     * Adds a committed batch's trades and makes each account's visible together.
     *
     * @param trades the batch's trades, in journal order.
     */
    public void publish(final List<TradeRow> trades)
    {
        if (trades.isEmpty())
        {
            return;
        }
        final Map<Long, List<TradeRow>> added = new HashMap<>();
        for (final TradeRow t : trades)
        {
            added.computeIfAbsent(t.makerAccountId(), k -> new ArrayList<>()).add(t);
            if (t.takerAccountId() != t.makerAccountId())
            {
                added.computeIfAbsent(t.takerAccountId(), k -> new ArrayList<>()).add(t);
            }
        }
        for (final Map.Entry<Long, List<TradeRow>> e : added.entrySet())
        {
            byAccount.put(e.getKey(), newestOf(byAccount.getOrDefault(e.getKey(), NONE), e.getValue()));
        }
    }

    private TradeRow[] newestOf(final TradeRow[] old, final List<TradeRow> fresh)
    {
        final int keep = Math.min(capacity, old.length + fresh.size());
        final TradeRow[] merged = new TradeRow[keep];
        final int fromFresh = Math.min(keep, fresh.size());
        final int fromOld = keep - fromFresh;
        System.arraycopy(old, old.length - fromOld, merged, 0, fromOld);
        for (int i = 0; i < fromFresh; i++)
        {
            merged[fromOld + i] = fresh.get(fresh.size() - fromFresh + i);
        }
        return merged;
    }

    /**
     * An account's trades, newest first, as the database would answer
     * ({@code ReportingQueries.accountTrades}).
     *
     * @param accountId    the account (maker or taker).
     * @param instrumentId only this instrument, or -1 for all.
     * @param fromNs       at or after this time (0: no bound).
     * @param toNs         before this time (0: no bound).
     * @param limit        at most this many.
     * @return them, or {@code null} when memory may not hold every trade the answer needs.
     */
    public List<TradeRow> latest(final long accountId, final int instrumentId, final long fromNs, final long toNs,
        final int limit)
    {
        final TradeRow[] held = byAccount.getOrDefault(accountId, NONE);
        final boolean complete = completeAtStart && held.length < capacity;
        final boolean filtered = instrumentId >= 0 || fromNs != 0 || toNs != 0;
        if (!complete && (filtered || limit > held.length))
        {
            return null;
        }
        final List<TradeRow> out = new ArrayList<>(Math.min(limit, held.length));
        for (int i = held.length - 1; i >= 0 && out.size() < limit; i--)
        {
            final TradeRow t = held[i];
            if ((instrumentId < 0 || t.instrumentId() == instrumentId) && (fromNs == 0 || t.timestampNs() >= fromNs) &&
                (toNs == 0 || t.timestampNs() < toNs))
            {
                out.add(t);
            }
        }
        return out;
    }
}
