package dev.hotpath.reporting.read;

import dev.hotpath.reporting.ingest.ReportingIngest;
import dev.hotpath.reporting.projection.BarInterval;
import dev.hotpath.reporting.projection.BarRow;
import dev.hotpath.reporting.projection.PositionRow;
import dev.hotpath.reporting.projection.TradeRow;
import dev.hotpath.reporting.store.ReportingQueries;

import java.sql.SQLException;
import java.util.List;
import java.util.Map;

/**
 * The hot queries, answered from memory where the running ingest's committed views hold the whole answer and from
 * SQL otherwise, with the same result either way (committed data only, the same order and bounds):
 *
 * <pre>
 *   query                          from memory                                   from SQL when
 *   an account's trades (page)     ReportingIngest.accountTrades(), newest 100   more asked than held, or a filter
 *                                                                                 and the account's older trades
 *                                                                                 are in the store only
 *   an account's positions         ReportingIngest.positions(), every position   no ingest in this process
 *   last prices (to value them)    ReportingIngest.positions()                   no ingest in this process
 *   an instrument's bars           ReportingIngest.bars(), newest 1000 a width   the range starts before what is
 *                                                                                 held
 *   an instrument's tape           ReportingIngest.tape(), newest 1000           more asked than held
 * </pre>
 *
 * Everything else (order statistics, instruments, the state the ingest resumes from) is SQL only, through
 * {@link ReportingQueries}. Why: while the ingest keeps both of this machine's cores busy, a DuckDB query waits for
 * a core and took 10 - 71 ms at p99 (README); an answer from memory takes microseconds.
 *
 * <p>Any thread.
 */
public final class ReportingReads
{
    private final ReportingQueries queries;
    private final ReportingIngest ingest;

    /**
     * @param queries the SQL path.
     * @param ingest  the running ingest whose views answer from memory, or {@code null}: SQL only.
     */
    public ReportingReads(final ReportingQueries queries, final ReportingIngest ingest)
    {
        this.queries = queries;
        this.ingest = ingest;
    }

    /** @return the SQL path, for what memory does not answer. */
    public ReportingQueries sql()
    {
        return queries;
    }

    /**
     * An account's trades, newest first ({@link ReportingQueries#accountTrades}).
     *
     * @param accountId    the account (maker or taker).
     * @param instrumentId only this instrument, or -1 for all.
     * @param fromNs       at or after this time (0: no bound).
     * @param toNs         before this time (0: no bound).
     * @param limit        at most this many.
     * @return the trades.
     * @throws SQLException on a database error.
     */
    public List<TradeRow> accountTrades(final long accountId, final int instrumentId, final long fromNs,
        final long toNs, final int limit) throws SQLException
    {
        final List<TradeRow> memory = ingest == null ? null :
            ingest.accountTrades().latest(accountId, instrumentId, fromNs, toNs, limit);
        return memory != null ? memory : queries.accountTrades(accountId, instrumentId, fromNs, toNs, limit);
    }

    /**
     * @param accountId the account.
     * @return its positions, by instrument ({@link ReportingQueries#positions}).
     * @throws SQLException on a database error.
     */
    public List<PositionRow> positions(final long accountId) throws SQLException
    {
        return ingest != null ? ingest.positions().positions(accountId) : queries.positions(accountId);
    }

    /**
     * @return every instrument's last price ({@link ReportingQueries#lastPrices}).
     * @throws SQLException on a database error.
     */
    public Map<Integer, Long> lastPrices() throws SQLException
    {
        return ingest != null ? ingest.positions().lastPrices() : queries.lastPrices();
    }

    /**
     * An instrument's bars, oldest first ({@link ReportingQueries#bars}).
     *
     * @param instrumentId the instrument.
     * @param interval     the width.
     * @param fromNs       starting at or after (0: no bound).
     * @param toNs         starting before (0: no bound).
     * @param limit        at most this many, the newest.
     * @return the bars.
     * @throws SQLException on a database error.
     */
    public List<BarRow> bars(final int instrumentId, final BarInterval interval, final long fromNs, final long toNs,
        final int limit) throws SQLException
    {
        final List<BarRow> memory = ingest == null ? null :
            ingest.bars().bars(instrumentId, interval, fromNs, toNs, limit);
        return memory != null ? memory : queries.bars(instrumentId, interval, fromNs, toNs, limit);
    }

    /**
     * An instrument's newest trades, newest first ({@link ReportingQueries#instrumentTrades}).
     *
     * @param instrumentId the instrument.
     * @param limit        at most this many.
     * @return the trades.
     * @throws SQLException on a database error.
     */
    public List<TradeRow> tape(final int instrumentId, final int limit) throws SQLException
    {
        final List<TradeRow> memory = ingest == null ? null : ingest.tape().latest(instrumentId, limit);
        return memory != null ? memory : queries.instrumentTrades(instrumentId, limit);
    }
}
