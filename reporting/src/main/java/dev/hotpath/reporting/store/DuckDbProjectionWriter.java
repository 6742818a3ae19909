package dev.hotpath.reporting.store;

import dev.hotpath.reporting.projection.BarRow;
import dev.hotpath.reporting.projection.Batch;
import dev.hotpath.reporting.projection.BookLevelRow;
import dev.hotpath.reporting.projection.InstrumentRow;
import dev.hotpath.reporting.projection.OrderStatsRow;
import dev.hotpath.reporting.projection.PositionRow;
import dev.hotpath.reporting.projection.Position;
import dev.hotpath.reporting.projection.TradeRow;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;

/**
 * The {@link ProjectionWriter} for DuckDB: new trades go through DuckDB's appender (columnar, no statement per
 * row); the conflated rows of a batch (positions, bars, instrument totals, order statistics: each once however
 * often it changed) are appended to connection-local staging tables and moved with one
 * {@code INSERT OR REPLACE ... SELECT} per table; then the journal position, and one commit. Every statement costs
 * DuckDB about a millisecond whatever its rows (measured: an empty transaction 0.5 ms, replacing 1 row 2 ms,
 * 1000 rows 3 ms), so the writer issues a fixed handful per batch and never one per row; large batches under load
 * (see {@code ReportingIngest}) spread that over many frames.
 *
 * <p>The transaction is opened with an explicit {@code BEGIN TRANSACTION}: with JDBC's {@code autoCommit(false)}
 * the driver starts its transaction only at the next statement, and rows appended before it were committed on
 * their own (measured: appended rows survived a rollback). The appender is flushed before anything reads what it
 * appended, and before the commit.
 *
 * <p>Owns one connection; one thread (the ingest writer).
 */
final class DuckDbProjectionWriter implements ProjectionWriter
{
    private static final String[] STAGED = {"positions", "bars", "instruments", "order_stats", "order_rejects"};

    private final Connection connection;
    private final Statement statement;
    private final DuckDBAppender trades;
    private final DuckDBAppender positions;
    private final DuckDBAppender bars;
    private final DuckDBAppender instruments;
    private final DuckDBAppender stats;
    private final DuckDBAppender rejectRows;
    private final PositionRowUpdate updatePosition;
    private final PositionRowUpdate updateBookPosition;
    private final RejectCounts rejects = new RejectCounts();
    private boolean failed;

    DuckDbProjectionWriter(final Database database) throws SQLException
    {
        connection = database.connect();
        statement = connection.createStatement();
        for (final String table : STAGED)
        {
            statement.execute("CREATE TEMP TABLE IF NOT EXISTS stage_" + table + " AS SELECT * FROM " + table +
                " LIMIT 0");
        }
        final DuckDBConnection duck = connection.unwrap(DuckDBConnection.class);
        trades = duck.createAppender(DuckDBConnection.DEFAULT_SCHEMA, "trades");
        positions = duck.createAppender("temp", DuckDBConnection.DEFAULT_SCHEMA, "stage_positions");
        bars = duck.createAppender("temp", DuckDBConnection.DEFAULT_SCHEMA, "stage_bars");
        instruments = duck.createAppender("temp", DuckDBConnection.DEFAULT_SCHEMA, "stage_instruments");
        stats = duck.createAppender("temp", DuckDBConnection.DEFAULT_SCHEMA, "stage_order_stats");
        rejectRows = duck.createAppender("temp", DuckDBConnection.DEFAULT_SCHEMA, "stage_order_rejects");
        updatePosition = new PositionRowUpdate(connection, "ingest_position");
        updateBookPosition = new PositionRowUpdate(connection, "book_position");
    }

    @Override
    public void write(final Batch batch, final WriteTimes times) throws SQLException
    {
        if (failed)
        {
            throw new IllegalStateException("this writer failed on an earlier batch; open a new one");
        }
        statement.execute("BEGIN TRANSACTION");
        try
        {
            times.start();
            for (final TradeRow t : batch.trades())
            {
                trades.beginRow().append(t.tradeId()).append(t.sequence()).append(t.timestampNs())
                    .append(t.instrumentId()).append(t.makerOrderId()).append(t.makerAccountId())
                    .append(t.takerOrderId()).append(t.takerAccountId()).append(t.aggressorBuy() ? "B" : "S")
                    .append(t.price()).append(t.quantity()).endRow();
            }
            trades.flush();
            times.lap(WriteTimes.Phase.TRADES);
            for (final PositionRow p : batch.positions())
            {
                positions.beginRow().append(p.accountId()).append(p.instrumentId()).append(p.quantity())
                    .append(scaled(p.openCost())).append(scaled(p.realizedPnl())).append(p.boughtQuantity())
                    .append(p.soldQuantity()).endRow();
            }
            replace("positions", positions, !batch.positions().isEmpty());
            times.lap(WriteTimes.Phase.POSITIONS);
            for (final BarRow b : batch.bars())
            {
                bars.beginRow().append(b.instrumentId()).append(b.interval().seconds()).append(b.startNs())
                    .append(b.open()).append(b.high()).append(b.low()).append(b.close()).append(b.volume())
                    .append(b.notional().setScale(0, RoundingMode.UNNECESSARY)).append(b.tradeCount()).endRow();
            }
            replace("bars", bars, !batch.bars().isEmpty());
            times.lap(WriteTimes.Phase.BARS);
            for (final InstrumentRow i : batch.instruments())
            {
                instruments.beginRow().append(i.instrumentId()).append(i.lastPrice()).append(i.lastTradeNs())
                    .append(i.volume()).append(i.notional().setScale(0, RoundingMode.UNNECESSARY))
                    .append(i.tradeCount()).endRow();
            }
            replace("instruments", instruments, !batch.instruments().isEmpty());
            times.lap(WriteTimes.Phase.INSTRUMENTS);
            for (final OrderStatsRow s : batch.orderStats())
            {
                stats.beginRow().append(s.accountId()).append(s.placed()).append(s.accepted()).append(s.amended())
                    .append(s.rejected()).append(s.filled()).append(s.cancelled()).append(s.expired())
                    .append(s.selfTradePrevented()).append(s.fills()).append(s.triggered()).endRow();
            }
            replace("order_stats", stats, !batch.orderStats().isEmpty());
            writeRejects(batch);
            times.lap(WriteTimes.Phase.ORDER_STATS);
            writeBookCheckpoint(batch);
            times.lap(WriteTimes.Phase.BOOK_LEVELS);
            updatePosition.store(batch);
            times.lap(WriteTimes.Phase.POSITION_ROW);
            statement.execute("COMMIT");
            times.lap(WriteTimes.Phase.COMMIT);
            rejects.committed();
        }
        catch (final SQLException | RuntimeException ex)
        {
            rejects.rolledBack();
            discard(ex);
            throw ex;
        }
    }

    /** Moves what was appended to {@code stage_<table>} into the table, replacing rows with the same key. */
    private void replace(final String table, final DuckDBAppender stage, final boolean any) throws SQLException
    {
        if (!any)
        {
            return;
        }
        stage.flush();
        statement.execute("INSERT OR REPLACE INTO " + table + " SELECT * FROM stage_" + table);
        statement.execute("DELETE FROM stage_" + table);
    }

    private static BigDecimal scaled(final BigDecimal money)
    {
        return money.setScale(Position.SCALE, RoundingMode.UNNECESSARY);
    }

    /**
     * An account's reject rows, rewritten when its number of rejects changed: a reason's count only grows and a
     * reason never goes away, so replacing the account's (account, reason) rows by key is enough.
     */
    private void writeRejects(final Batch batch) throws SQLException
    {
        boolean any = false;
        for (final OrderStatsRow s : batch.orderStats())
        {
            if (!rejects.changed(s.accountId(), s.rejected()))
            {
                continue;
            }
            for (final Map.Entry<String, Long> e : s.rejectedByReason().entrySet())
            {
                rejectRows.beginRow().append(s.accountId()).append(e.getKey()).append(e.getValue()).endRow();
                any = true;
            }
        }
        replace("order_rejects", rejectRows, any);
    }

    private void writeBookCheckpoint(final Batch batch) throws SQLException
    {
        if (!batch.hasBookCheckpoint())
        {
            return;
        }
        statement.execute("DELETE FROM book_levels");
        try (DuckDBAppender levels = connection.unwrap(DuckDBConnection.class)
            .createAppender(DuckDBConnection.DEFAULT_SCHEMA, "book_levels"))
        {
            for (final BookLevelRow l : batch.bookCheckpoint())
            {
                levels.beginRow().append(l.instrumentId()).append(l.bid() ? "B" : "S").append(l.price())
                    .append(l.quantity()).append(l.orderCount()).endRow();
            }
        }
        updateBookPosition.store(batch);
    }

    /**
     * After a failure: an appender may still buffer rows of the failed batch (a half-built row too), and closing
     * it flushes them. So the appenders are closed first, into the still-open transaction (a half row fails and
     * is dropped), and then the transaction is rolled back: nothing of the batch can reach the database later in
     * auto-commit. The writer is unusable afterwards, as the ingest stops on a writer failure anyway.
     */
    private void discard(final Exception cause)
    {
        failed = true;
        for (final DuckDBAppender appender : new DuckDBAppender[] {trades, positions, bars, instruments, stats,
            rejectRows})
        {
            try
            {
                appender.close();
            }
            catch (final SQLException | RuntimeException ex)
            {
                cause.addSuppressed(ex);
            }
        }
        try
        {
            statement.execute("ROLLBACK");
        }
        catch (final SQLException ex)
        {
            cause.addSuppressed(ex);
        }
    }

    @Override
    public void close() throws SQLException
    {
        try (connection; statement; updatePosition; updateBookPosition)
        {
            if (!failed) // else discard closed them
            {
                closeAppenders();
            }
        }
    }

    /** Flushes nothing: every batch flushed its appenders before its commit. */
    private void closeAppenders() throws SQLException
    {
        try (trades; positions; bars; instruments; stats)
        {
            rejectRows.close();
        }
    }
}
