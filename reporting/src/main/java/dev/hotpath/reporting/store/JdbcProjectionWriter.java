package dev.hotpath.reporting.store;

import dev.hotpath.reporting.projection.Batch;
import dev.hotpath.reporting.projection.BarRow;
import dev.hotpath.reporting.projection.BookLevelRow;
import dev.hotpath.reporting.projection.InstrumentRow;
import dev.hotpath.reporting.projection.OrderStatsRow;
import dev.hotpath.reporting.projection.PositionRow;
import dev.hotpath.reporting.projection.TradeRow;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The {@link ProjectionWriter} for H2 and PostgreSQL (plain JDBC): writes {@link Batch}es, every row of a batch and the journal position after it, in one transaction, with
 * JDBC batches. Either the whole batch and its position are stored or neither is, which is what makes ingest
 * exactly-once across restarts and crashes.
 *
 * <p>Positions and order statistics, the rows most batches change, are changed by one {@code UPDATE} each, and
 * inserted only where the update found no row (a driver must report update counts); an account's reject counts
 * are rewritten only when its number of rejects has changed since this writer last stored them.
 *
 * <p>Owns one connection; one thread (the ingest writer).
 */
final class JdbcProjectionWriter implements ProjectionWriter
{
    private final Connection connection;
    private final PreparedStatement insertTrade;
    private final PreparedStatement updatePositionRow;
    private final PreparedStatement insertPosition;
    private final PreparedStatement deleteBar;
    private final PreparedStatement insertBar;
    private final PreparedStatement deleteInstrument;
    private final PreparedStatement insertInstrument;
    private final PreparedStatement updateStats;
    private final PreparedStatement insertStats;
    private final PreparedStatement deleteRejects;
    private final PreparedStatement insertReject;
    private final PreparedStatement deleteLevels;
    private final PreparedStatement insertLevel;
    private final PositionRowUpdate updatePosition;
    private final PositionRowUpdate updateBookPosition;
    private final RejectCounts rejects = new RejectCounts();

    /**
     * @param database where to write.
     * @throws SQLException on a database error.
     */
    JdbcProjectionWriter(final Database database) throws SQLException
    {
        connection = database.connect();
        connection.setAutoCommit(false);
        insertTrade = connection.prepareStatement("INSERT INTO trades (trade_id, sequence, ts_ns, instrument_id, " +
            "maker_order_id, maker_account_id, taker_order_id, taker_account_id, aggressor, price, quantity) " +
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
        updatePositionRow = connection.prepareStatement("UPDATE positions SET quantity = ?, open_cost = ?, " +
            "realized_pnl = ?, bought_quantity = ?, sold_quantity = ? WHERE account_id = ? AND instrument_id = ?");
        insertPosition = connection.prepareStatement("INSERT INTO positions (account_id, instrument_id, quantity, " +
            "open_cost, realized_pnl, bought_quantity, sold_quantity) VALUES (?, ?, ?, ?, ?, ?, ?)");
        deleteBar = connection.prepareStatement(
            "DELETE FROM bars WHERE instrument_id = ? AND interval_s = ? AND start_ns = ?");
        insertBar = connection.prepareStatement("INSERT INTO bars (instrument_id, interval_s, start_ns, open_price, " +
            "high_price, low_price, close_price, volume, notional, trade_count) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
        deleteInstrument = connection.prepareStatement("DELETE FROM instruments WHERE instrument_id = ?");
        insertInstrument = connection.prepareStatement("INSERT INTO instruments (instrument_id, last_price, " +
            "last_trade_ns, volume, notional, trade_count) VALUES (?, ?, ?, ?, ?, ?)");
        updateStats = connection.prepareStatement("UPDATE order_stats SET placed = ?, accepted = ?, amended = ?, " +
            "rejected = ?, filled = ?, cancelled = ?, expired = ?, self_trade_prevented = ?, fills = ?, " +
            "triggered = ? WHERE account_id = ?");
        insertStats = connection.prepareStatement("INSERT INTO order_stats (account_id, placed, accepted, amended, " +
            "rejected, filled, cancelled, expired, self_trade_prevented, fills, triggered) " +
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
        deleteRejects = connection.prepareStatement("DELETE FROM order_rejects WHERE account_id = ?");
        insertReject = connection.prepareStatement(
            "INSERT INTO order_rejects (account_id, reason, reject_count) VALUES (?, ?, ?)");
        deleteLevels = connection.prepareStatement("DELETE FROM book_levels");
        insertLevel = connection.prepareStatement("INSERT INTO book_levels (instrument_id, side, price, quantity, " +
            "order_count) VALUES (?, ?, ?, ?, ?)");
        updatePosition = new PositionRowUpdate(connection, "ingest_position");
        updateBookPosition = new PositionRowUpdate(connection, "book_position");
    }

    @Override
    public void write(final Batch batch, final WriteTimes times) throws SQLException
    {
        try
        {
            times.start();
            writeTrades(batch);
            times.lap(WriteTimes.Phase.TRADES);
            writePositions(batch);
            times.lap(WriteTimes.Phase.POSITIONS);
            writeBars(batch);
            times.lap(WriteTimes.Phase.BARS);
            writeInstruments(batch);
            times.lap(WriteTimes.Phase.INSTRUMENTS);
            writeStats(batch);
            times.lap(WriteTimes.Phase.ORDER_STATS);
            writeBookCheckpoint(batch);
            times.lap(WriteTimes.Phase.BOOK_LEVELS);
            updatePosition.store(batch);
            times.lap(WriteTimes.Phase.POSITION_ROW);
            connection.commit();
            times.lap(WriteTimes.Phase.COMMIT);
            rejects.committed();
        }
        catch (final SQLException | RuntimeException ex)
        {
            rejects.rolledBack();
            connection.rollback();
            throw ex;
        }
    }

    private void writeTrades(final Batch batch) throws SQLException
    {
        if (batch.trades().isEmpty())
        {
            return;
        }
        for (final TradeRow t : batch.trades())
        {
            insertTrade.setLong(1, t.tradeId());
            insertTrade.setLong(2, t.sequence());
            insertTrade.setLong(3, t.timestampNs());
            insertTrade.setInt(4, t.instrumentId());
            insertTrade.setLong(5, t.makerOrderId());
            insertTrade.setLong(6, t.makerAccountId());
            insertTrade.setLong(7, t.takerOrderId());
            insertTrade.setLong(8, t.takerAccountId());
            insertTrade.setString(9, t.aggressorBuy() ? "B" : "S");
            insertTrade.setLong(10, t.price());
            insertTrade.setLong(11, t.quantity());
            insertTrade.addBatch();
        }
        insertTrade.executeBatch();
    }

    private void writePositions(final Batch batch) throws SQLException
    {
        if (batch.positions().isEmpty())
        {
            return;
        }
        for (final PositionRow p : batch.positions())
        {
            updatePositionRow.setLong(1, p.quantity());
            updatePositionRow.setBigDecimal(2, p.openCost());
            updatePositionRow.setBigDecimal(3, p.realizedPnl());
            updatePositionRow.setLong(4, p.boughtQuantity());
            updatePositionRow.setLong(5, p.soldQuantity());
            updatePositionRow.setLong(6, p.accountId());
            updatePositionRow.setInt(7, p.instrumentId());
            updatePositionRow.addBatch();
        }
        final int[] updated = updatePositionRow.executeBatch();
        boolean inserts = false;
        for (int i = 0; i < updated.length; i++)
        {
            if (missing(updated[i]))
            {
                final PositionRow p = batch.positions().get(i);
                insertPosition.setLong(1, p.accountId());
                insertPosition.setInt(2, p.instrumentId());
                insertPosition.setLong(3, p.quantity());
                insertPosition.setBigDecimal(4, p.openCost());
                insertPosition.setBigDecimal(5, p.realizedPnl());
                insertPosition.setLong(6, p.boughtQuantity());
                insertPosition.setLong(7, p.soldQuantity());
                insertPosition.addBatch();
                inserts = true;
            }
        }
        if (inserts)
        {
            insertPosition.executeBatch();
        }
    }

    /** An update count that says the row is not there yet (a driver that gives no count is refused). */
    private static boolean missing(final int updateCount) throws SQLException
    {
        if (updateCount == Statement.SUCCESS_NO_INFO)
        {
            throw new SQLException("the JDBC driver gives no update counts for batches");
        }
        return updateCount == 0;
    }

    private void writeBars(final Batch batch) throws SQLException
    {
        if (batch.bars().isEmpty())
        {
            return;
        }
        for (final BarRow b : batch.bars())
        {
            deleteBar.setInt(1, b.instrumentId());
            deleteBar.setInt(2, b.interval().seconds());
            deleteBar.setLong(3, b.startNs());
            deleteBar.addBatch();
            insertBar.setInt(1, b.instrumentId());
            insertBar.setInt(2, b.interval().seconds());
            insertBar.setLong(3, b.startNs());
            insertBar.setLong(4, b.open());
            insertBar.setLong(5, b.high());
            insertBar.setLong(6, b.low());
            insertBar.setLong(7, b.close());
            insertBar.setLong(8, b.volume());
            insertBar.setBigDecimal(9, b.notional());
            insertBar.setLong(10, b.tradeCount());
            insertBar.addBatch();
        }
        deleteBar.executeBatch();
        insertBar.executeBatch();
    }

    private void writeInstruments(final Batch batch) throws SQLException
    {
        if (batch.instruments().isEmpty())
        {
            return;
        }
        for (final InstrumentRow i : batch.instruments())
        {
            deleteInstrument.setInt(1, i.instrumentId());
            deleteInstrument.addBatch();
            insertInstrument.setInt(1, i.instrumentId());
            insertInstrument.setLong(2, i.lastPrice());
            insertInstrument.setLong(3, i.lastTradeNs());
            insertInstrument.setLong(4, i.volume());
            insertInstrument.setBigDecimal(5, i.notional());
            insertInstrument.setLong(6, i.tradeCount());
            insertInstrument.addBatch();
        }
        deleteInstrument.executeBatch();
        insertInstrument.executeBatch();
    }

    private void writeStats(final Batch batch) throws SQLException
    {
        if (batch.orderStats().isEmpty())
        {
            return;
        }
        final List<OrderStatsRow> rows = batch.orderStats();
        for (final OrderStatsRow s : rows)
        {
            updateStats.setLong(1, s.placed());
            updateStats.setLong(2, s.accepted());
            updateStats.setLong(3, s.amended());
            updateStats.setLong(4, s.rejected());
            updateStats.setLong(5, s.filled());
            updateStats.setLong(6, s.cancelled());
            updateStats.setLong(7, s.expired());
            updateStats.setLong(8, s.selfTradePrevented());
            updateStats.setLong(9, s.fills());
            updateStats.setLong(10, s.triggered());
            updateStats.setLong(11, s.accountId());
            updateStats.addBatch();
        }
        final int[] updated = updateStats.executeBatch();
        final List<OrderStatsRow> newRows = new ArrayList<>();
        for (int i = 0; i < updated.length; i++)
        {
            if (missing(updated[i]))
            {
                newRows.add(rows.get(i));
            }
        }
        if (!newRows.isEmpty())
        {
            for (final OrderStatsRow s : newRows)
            {
                insertStats.setLong(1, s.accountId());
                insertStats.setLong(2, s.placed());
                insertStats.setLong(3, s.accepted());
                insertStats.setLong(4, s.amended());
                insertStats.setLong(5, s.rejected());
                insertStats.setLong(6, s.filled());
                insertStats.setLong(7, s.cancelled());
                insertStats.setLong(8, s.expired());
                insertStats.setLong(9, s.selfTradePrevented());
                insertStats.setLong(10, s.fills());
                insertStats.setLong(11, s.triggered());
                insertStats.addBatch();
            }
            insertStats.executeBatch();
        }
        writeRejects(rows);
    }

    private void writeRejects(final List<OrderStatsRow> rows) throws SQLException
    {
        boolean changed = false;
        boolean inserts = false;
        for (final OrderStatsRow s : rows)
        {
            if (!rejects.changed(s.accountId(), s.rejected()))
            {
                continue;
            }
            deleteRejects.setLong(1, s.accountId());
            deleteRejects.addBatch();
            changed = true;
            for (final Map.Entry<String, Long> e : s.rejectedByReason().entrySet())
            {
                insertReject.setLong(1, s.accountId());
                insertReject.setString(2, e.getKey());
                insertReject.setLong(3, e.getValue());
                insertReject.addBatch();
                inserts = true;
            }
        }
        if (changed)
        {
            deleteRejects.executeBatch();
        }
        if (inserts)
        {
            insertReject.executeBatch();
        }
    }

    private void writeBookCheckpoint(final Batch batch) throws SQLException
    {
        if (!batch.hasBookCheckpoint())
        {
            return;
        }
        deleteLevels.executeUpdate();
        for (final BookLevelRow l : batch.bookCheckpoint())
        {
            insertLevel.setInt(1, l.instrumentId());
            insertLevel.setString(2, l.bid() ? "B" : "S");
            insertLevel.setLong(3, l.price());
            insertLevel.setLong(4, l.quantity());
            insertLevel.setInt(5, l.orderCount());
            insertLevel.addBatch();
        }
        if (!batch.bookCheckpoint().isEmpty())
        {
            insertLevel.executeBatch();
        }
        updateBookPosition.store(batch);
    }

    @Override
    public void close() throws SQLException
    {
        connection.close();
    }
}
