package dev.hotpath.reporting.store;

import dev.hotpath.reporting.projection.Batch;
import dev.hotpath.reporting.projection.PositionRow;
import dev.hotpath.reporting.projection.TradeRow;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * A batch on DuckDB is all or nothing, appended trades included: the writer opens its transaction itself, since
 * with JDBC's auto-commit off the driver would begin one only at the next statement and the appender's rows
 * would commit on their own; and after a failure no buffered row of the failed batch is flushed later.
 */
class DuckDbProjectionWriterTest
{
    @TempDir
    Path dir;

    @Test
    void shouldRollBackAppendedTradesWithTheRestOfAFailedBatch() throws Exception
    {
        final Database db = Database.duckDbFile(dir.resolve("reporting"));
        assertEquals(StoreKind.DUCKDB, db.kind());
        db.createSchema();
        try (ProjectionWriter writer = ProjectionWriter.open(db))
        {
            writer.write(batch(10, 1, List.of(trade(1)), List.of(position("5"))));
            // an open cost with more decimals than the column holds fails after the trades were appended
            final Batch failing = batch(20, 2, List.of(trade(2), trade(3)), List.of(position("0.00000000001")));
            assertThrows(ArithmeticException.class, () -> writer.write(failing));
            assertThrows(IllegalStateException.class, () -> writer.write(batch(30, 3, List.of(), List.of())),
                "a failed writer takes no more batches");
        }
        try (ProjectionWriter writer = ProjectionWriter.open(db))
        {
            writer.write(batch(30, 3, List.of(trade(4)), List.of(position("7"))));
        }
        try (Connection c = db.connect(); Statement s = c.createStatement())
        {
            assertEquals(List.of(1L, 4L), longs(s, "SELECT trade_id FROM trades ORDER BY trade_id"));
            assertEquals(List.of(7L), longs(s, "SELECT CAST(open_cost AS BIGINT) FROM positions"));
        }
        try (ReportingQueries q = new ReportingQueries(db))
        {
            assertArrayEquals(new long[] {30, 3}, q.ingestPosition());
        }
    }

    private static List<Long> longs(final Statement s, final String sql) throws Exception
    {
        final List<Long> out = new java.util.ArrayList<>();
        try (ResultSet rs = s.executeQuery(sql))
        {
            while (rs.next())
            {
                out.add(rs.getLong(1));
            }
        }
        return out;
    }

    private static Batch batch(final long index, final long sequence, final List<TradeRow> trades,
        final List<PositionRow> positions)
    {
        return new Batch(index, sequence, sequence * 1000, 1, trades.size(), trades, positions, List.of(), List.of(),
            List.of(), List.of(), null);
    }

    private static TradeRow trade(final long id)
    {
        return new TradeRow(id, id, id * 1000, 0, 10 + id, 1, 20 + id, 2, true, 100, 5);
    }

    private static PositionRow position(final String openCost)
    {
        return new PositionRow(1, 0, 5, new BigDecimal(openCost), BigDecimal.ZERO, 5, 0);
    }
}
