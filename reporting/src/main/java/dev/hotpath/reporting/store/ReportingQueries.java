package dev.hotpath.reporting.store;

import dev.hotpath.reporting.projection.BarInterval;
import dev.hotpath.reporting.projection.BarRow;
import dev.hotpath.reporting.projection.BookLevelRow;
import dev.hotpath.reporting.projection.InstrumentRow;
import dev.hotpath.reporting.projection.OrderStatsRow;
import dev.hotpath.reporting.projection.PositionRow;
import dev.hotpath.reporting.projection.StoredState;
import dev.hotpath.reporting.projection.TradeRow;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads the projections back: what the ingest resumes from, and what the gRPC service and the dashboard
 * serve. Only committed data is ever seen (each batch commits with its journal position).
 *
 * <p>Any thread: each call borrows a connection of its own from a small pool ({@link ConnectionPool}) and gives it
 * back; {@link #close} closes them.
 */
public final class ReportingQueries implements AutoCloseable
{
    /** Connections kept open: the HTTP pool has two threads, gRPC and the stream hub a few more. */
    private static final int POOLED_CONNECTIONS = 4;

    private static final String TRADE_COLUMNS = "trade_id, sequence, ts_ns, instrument_id, maker_order_id, " +
        "maker_account_id, taker_order_id, taker_account_id, aggressor, price, quantity";
    private static final String BAR_COLUMNS = "instrument_id, interval_s, start_ns, open_price, high_price, " +
        "low_price, close_price, volume, notional, trade_count";

    private final ConnectionPool pool;

    /**
     * @param database where the projections are.
     */
    public ReportingQueries(final Database database)
    {
        this.pool = new ConnectionPool(database, POOLED_CONNECTIONS);
    }

    /**
     * Closes the connections kept open for the queries.
     *
     * @throws SQLException on a database error.
     */
    @Override
    public void close() throws SQLException
    {
        pool.close();
    }

    /**
     * @return the journal position and the state the ingest goes on from.
     * @throws SQLException on a database error.
     */
    public StoredState loadState() throws SQLException
    {
        try (Connection c = pool.connect())
        {
            c.setAutoCommit(false);
            final long[] position = position(c, "ingest_position");
            final List<PositionRow> positions = positions(c, "SELECT * FROM positions", -1);
            final List<InstrumentRow> instruments = instruments(c);
            final List<BarRow> bars = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT " + BAR_COLUMNS + " FROM bars b WHERE start_ns = " +
                "(SELECT MAX(start_ns) FROM bars m WHERE m.instrument_id = b.instrument_id " +
                "AND m.interval_s = b.interval_s)");
                ResultSet rs = ps.executeQuery())
            {
                while (rs.next())
                {
                    bars.add(bar(rs));
                }
            }
            final List<OrderStatsRow> stats = orderStats(c, -1);
            final long[] bookPosition = position(c, "book_position");
            final List<BookLevelRow> book = new ArrayList<>();
            try (PreparedStatement ps =
                c.prepareStatement("SELECT instrument_id, side, price, quantity, order_count FROM book_levels");
                ResultSet rs = ps.executeQuery())
            {
                while (rs.next())
                {
                    book.add(new BookLevelRow(rs.getInt(1), "B".equals(rs.getString(2)), rs.getLong(3), rs.getLong(4),
                        rs.getInt(5)));
                }
            }
            c.commit();
            return new StoredState(position[0], position[1], positions, instruments, bars, stats, bookPosition[0],
                bookPosition[1], book);
        }
    }

    /**
     * @return the journal position stored: {@code [chronicleIndex, sequence]}.
     * @throws SQLException on a database error.
     */
    public long[] ingestPosition() throws SQLException
    {
        try (Connection c = pool.connect())
        {
            return position(c, "ingest_position");
        }
    }

    /** A journal-position row ({@code ingest_position} or {@code book_position}): [index, sequence], or [-1, 0]. */
    private static long[] position(final Connection c, final String table) throws SQLException
    {
        try (PreparedStatement ps = c.prepareStatement("SELECT chronicle_index, sequence FROM " + table +
            " WHERE id = 1");
            ResultSet rs = ps.executeQuery())
        {
            return rs.next() ? new long[] {rs.getLong(1), rs.getLong(2)} : new long[] {-1, 0};
        }
    }

    /**
     * An account's trades, newest first.
     *
     * @param accountId    the account (maker or taker).
     * @param instrumentId only this instrument, or -1 for all.
     * @param fromNs       at or after this time (0: no bound).
     * @param toNs         before this time (0: no bound).
     * @param limit        at most this many.
     * @return the trades.
     * @throws SQLException on a database error.
     */
    public List<TradeRow> accountTrades(
        final long accountId, final int instrumentId, final long fromNs, final long toNs, final int limit)
        throws SQLException
    {
        final StringBuilder sql = new StringBuilder("SELECT ").append(TRADE_COLUMNS)
            .append(" FROM trades WHERE (maker_account_id = ? OR taker_account_id = ?)");
        final List<Long> args = new ArrayList<>(List.of(accountId, accountId));
        return trades(sql, args, instrumentId, fromNs, toNs, limit);
    }

    /**
     * An instrument's latest trades (the tape), newest first.
     *
     * @param instrumentId the instrument.
     * @param limit        at most this many.
     * @return the trades.
     * @throws SQLException on a database error.
     */
    public List<TradeRow> instrumentTrades(final int instrumentId, final int limit) throws SQLException
    {
        return trades(new StringBuilder("SELECT ").append(TRADE_COLUMNS).append(" FROM trades WHERE 1 = 1"),
            new ArrayList<>(), instrumentId, 0, 0, limit);
    }

    private List<TradeRow> trades(final StringBuilder sql, final List<Long> args, final int instrumentId,
        final long fromNs, final long toNs, final int limit) throws SQLException
    {
        if (instrumentId >= 0)
        {
            sql.append(" AND instrument_id = ?");
            args.add((long)instrumentId);
        }
        if (fromNs != 0)
        {
            sql.append(" AND ts_ns >= ?");
            args.add(fromNs);
        }
        if (toNs != 0)
        {
            sql.append(" AND ts_ns < ?");
            args.add(toNs);
        }
        sql.append(" ORDER BY trade_id DESC LIMIT ?");
        args.add((long)limit);
        try (Connection c = pool.connect(); PreparedStatement ps = c.prepareStatement(sql.toString()))
        {
            for (int i = 0; i < args.size(); i++)
            {
                ps.setLong(i + 1, args.get(i));
            }
            final List<TradeRow> trades = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery())
            {
                while (rs.next())
                {
                    trades.add(new TradeRow(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getInt(4), rs.getLong(5),
                        rs.getLong(6), rs.getLong(7), rs.getLong(8), "B".equals(rs.getString(9)), rs.getLong(10),
                        rs.getLong(11)));
                }
            }
            return trades;
        }
    }

    /**
     * @param accountId the account.
     * @return its positions, by instrument.
     * @throws SQLException on a database error.
     */
    public List<PositionRow> positions(final long accountId) throws SQLException
    {
        try (Connection c = pool.connect())
        {
            return positions(c, "SELECT * FROM positions WHERE account_id = ? ORDER BY instrument_id", accountId);
        }
    }

    /**
     * @return every instrument's last price, by instrument id.
     * @throws SQLException on a database error.
     */
    public Map<Integer, Long> lastPrices() throws SQLException
    {
        final Map<Integer, Long> prices = new HashMap<>();
        try (Connection c = pool.connect())
        {
            for (final InstrumentRow row : instruments(c))
            {
                prices.put(row.instrumentId(), row.lastPrice());
            }
        }
        return prices;
    }

    /**
     * @return every instrument that traded.
     * @throws SQLException on a database error.
     */
    public List<InstrumentRow> instruments() throws SQLException
    {
        try (Connection c = pool.connect())
        {
            return instruments(c);
        }
    }

    /**
     * An instrument's bars, oldest first.
     *
     * @param instrumentId the instrument.
     * @param interval     the width.
     * @param fromNs       starting at or after (0: no bound).
     * @param toNs         starting before (0: no bound).
     * @param limit        at most this many, the newest; without bounds, those of the last {@code limit} widths up
     *                     to the newest trade (a width without trades has no bar).
     * @return the bars.
     * @throws SQLException on a database error.
     */
    public List<BarRow> bars(final int instrumentId, final BarInterval interval, final long fromNs, final long toNs,
        final int limit) throws SQLException
    {
        final String sql = "SELECT " + BAR_COLUMNS + " FROM bars WHERE instrument_id = ? AND interval_s = ? " +
            "AND start_ns >= ? AND start_ns < ? ORDER BY start_ns DESC LIMIT ?";
        try (Connection c = pool.connect(); PreparedStatement ps = c.prepareStatement(sql))
        {
            long from = fromNs == 0 ? Long.MIN_VALUE : fromNs;
            if (fromNs == 0 && toNs == 0)
            {
                // The newest bars lie within `limit` widths of the newest trade: bound the key range so the
                // database reads only those rather than every bar of the instrument.
                try (PreparedStatement last =
                    c.prepareStatement("SELECT last_trade_ns FROM instruments WHERE instrument_id = ?"))
                {
                    last.setInt(1, instrumentId);
                    try (ResultSet rs = last.executeQuery())
                    {
                        if (rs.next())
                        {
                            from = interval.startOf(rs.getLong(1)) - (long)(limit - 1) * interval.nanos();
                        }
                    }
                }
            }
            ps.setInt(1, instrumentId);
            ps.setInt(2, interval.seconds());
            ps.setLong(3, from);
            ps.setLong(4, toNs == 0 ? Long.MAX_VALUE : toNs);
            ps.setInt(5, limit);
            final List<BarRow> bars = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery())
            {
                while (rs.next())
                {
                    bars.add(bar(rs));
                }
            }
            Collections.reverse(bars);
            return bars;
        }
    }

    /**
     * @param accountId the account.
     * @return its statistics (all zero when it sent nothing).
     * @throws SQLException on a database error.
     */
    public OrderStatsRow orderStats(final long accountId) throws SQLException
    {
        try (Connection c = pool.connect())
        {
            final List<OrderStatsRow> rows = orderStats(c, accountId);
            return rows.isEmpty() ? new OrderStatsRow(accountId, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, Map.of()) : rows.get(0);
        }
    }

    /**
     * One side of an instrument's book, best first, as the stored checkpoint has it: the book when the ingest
     * last stopped cleanly or last checkpointed. While an ingest runs, its {@code book()} is the current one.
     *
     * @param instrumentId the instrument.
     * @param bid          true for bids.
     * @param depth        at most this many levels.
     * @return the levels.
     * @throws SQLException on a database error.
     */
    public List<BookLevelRow> book(final int instrumentId, final boolean bid, final int depth) throws SQLException
    {
        final String sql = "SELECT price, quantity, order_count FROM book_levels WHERE instrument_id = ? AND side = ? " +
            "ORDER BY price " + (bid ? "DESC" : "ASC") + " LIMIT ?";
        try (Connection c = pool.connect(); PreparedStatement ps = c.prepareStatement(sql))
        {
            ps.setInt(1, instrumentId);
            ps.setString(2, bid ? "B" : "S");
            ps.setInt(3, depth);
            final List<BookLevelRow> levels = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery())
            {
                while (rs.next())
                {
                    levels.add(new BookLevelRow(instrumentId, bid, rs.getLong(1), rs.getLong(2), rs.getInt(3)));
                }
            }
            return levels;
        }
    }

    private static List<PositionRow> positions(final Connection c, final String sql, final long accountId)
        throws SQLException
    {
        try (PreparedStatement ps = c.prepareStatement(sql))
        {
            if (accountId >= 0)
            {
                ps.setLong(1, accountId);
            }
            final List<PositionRow> rows = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery())
            {
                while (rs.next())
                {
                    rows.add(new PositionRow(rs.getLong("account_id"), rs.getInt("instrument_id"),
                        rs.getLong("quantity"), rs.getBigDecimal("open_cost"), rs.getBigDecimal("realized_pnl"),
                        rs.getLong("bought_quantity"), rs.getLong("sold_quantity")));
                }
            }
            return rows;
        }
    }

    private static List<InstrumentRow> instruments(final Connection c) throws SQLException
    {
        try (PreparedStatement ps = c.prepareStatement("SELECT instrument_id, last_price, last_trade_ns, volume, " +
            "notional, trade_count FROM instruments ORDER BY instrument_id");
            ResultSet rs = ps.executeQuery())
        {
            final List<InstrumentRow> rows = new ArrayList<>();
            while (rs.next())
            {
                rows.add(new InstrumentRow(rs.getInt(1), rs.getLong(2), rs.getLong(3), rs.getLong(4),
                    rs.getBigDecimal(5), rs.getLong(6)));
            }
            return rows;
        }
    }

    private static List<OrderStatsRow> orderStats(final Connection c, final long accountId) throws SQLException
    {
        final String where = accountId >= 0 ? " WHERE account_id = ?" : "";
        final Map<Long, Map<String, Long>> rejects = new HashMap<>();
        try (PreparedStatement ps =
            c.prepareStatement("SELECT account_id, reason, reject_count FROM order_rejects" + where))
        {
            if (accountId >= 0)
            {
                ps.setLong(1, accountId);
            }
            try (ResultSet rs = ps.executeQuery())
            {
                while (rs.next())
                {
                    rejects.computeIfAbsent(rs.getLong(1), k -> new TreeMap<>()).put(rs.getString(2), rs.getLong(3));
                }
            }
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT account_id, placed, accepted, amended, rejected, " +
            "filled, cancelled, expired, self_trade_prevented, fills, triggered FROM order_stats" + where))
        {
            if (accountId >= 0)
            {
                ps.setLong(1, accountId);
            }
            final List<OrderStatsRow> rows = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery())
            {
                while (rs.next())
                {
                    final long account = rs.getLong(1);
                    rows.add(new OrderStatsRow(account, rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5),
                        rs.getLong(6), rs.getLong(7), rs.getLong(8), rs.getLong(9), rs.getLong(10), rs.getLong(11),
                        rejects.getOrDefault(account, Map.of())));
                }
            }
            return rows;
        }
    }

    private static BarRow bar(final ResultSet rs) throws SQLException
    {
        return new BarRow(rs.getInt(1), BarInterval.ofSeconds(rs.getInt(2)), rs.getLong(3), rs.getLong(4),
            rs.getLong(5), rs.getLong(6), rs.getLong(7), rs.getLong(8), rs.getBigDecimal(9), rs.getLong(10));
    }
}
