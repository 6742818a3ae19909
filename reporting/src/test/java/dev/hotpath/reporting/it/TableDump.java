package dev.hotpath.reporting.it;

import dev.hotpath.reporting.store.Database;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.Statement;
import java.util.List;

/** Every reporting table as text, rows in key order: two databases hold the same when their dumps are equal. */
final class TableDump
{
    private static final List<String> TABLES = List.of(
        "ingest_position ORDER BY id",
        "trades ORDER BY trade_id",
        "positions ORDER BY account_id, instrument_id",
        "bars ORDER BY instrument_id, interval_s, start_ns",
        "instruments ORDER BY instrument_id",
        "order_stats ORDER BY account_id",
        "order_rejects ORDER BY account_id, reason",
        "book_levels ORDER BY instrument_id, side, price");

    private TableDump()
    {
    }

    static String dump(final Database database) throws Exception
    {
        final StringBuilder out = new StringBuilder();
        try (Connection c = database.connect(); Statement s = c.createStatement())
        {
            for (final String table : TABLES)
            {
                out.append("== ").append(table).append('\n');
                try (ResultSet rs = s.executeQuery("SELECT * FROM " + table))
                {
                    final ResultSetMetaData md = rs.getMetaData();
                    while (rs.next())
                    {
                        for (int i = 1; i <= md.getColumnCount(); i++)
                        {
                            final Object value = rs.getObject(i);
                            out.append(value instanceof BigDecimal d ? d.stripTrailingZeros().toPlainString() : value)
                                .append(i < md.getColumnCount() ? "," : "\n");
                        }
                    }
                }
            }
        }
        return out.toString();
    }
}
