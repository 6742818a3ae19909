package dev.hotpath.reporting.it;

import dev.hotpath.reporting.store.Database;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * For {@link H2CrashConsistencyIT}: commits, as fast as it can, transactions shaped like the ingest writer's
 * (delete then insert every account's row, in shuffled order, then the position), and halts the JVM the hard
 * way ({@code Runtime.halt}, like {@code kill -9}) after a given time. Transaction {@code n} sets every row
 * to {@code n} and the position to {@code n}.
 *
 * <p>Arguments: JDBC URL, milliseconds until the halt.
 */
public final class H2CrashChild
{
    static final int ACCOUNTS = 6;

    private H2CrashChild()
    {
    }

    /**
     * @param args JDBC URL, milliseconds until the halt.
     * @throws Exception on failure.
     */
    public static void main(final String[] args) throws Exception
    {
        final Database db = new Database(args[0], "sa", "");
        final long haltAfterMs = Long.parseLong(args[1]);
        createSchema(db);
        long n = position(db);
        final Thread halt = new Thread(() ->
        {
            try
            {
                Thread.sleep(haltAfterMs);
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
            }
            Runtime.getRuntime().halt(9);
        }, "halt");
        halt.setDaemon(true);
        try (Connection c = db.connect();
            PreparedStatement delete = c.prepareStatement("DELETE FROM crash_rows WHERE id = ?");
            PreparedStatement insert = c.prepareStatement("INSERT INTO crash_rows (id, v) VALUES (?, ?)");
            PreparedStatement update = c.prepareStatement("UPDATE crash_position SET n = ? WHERE id = 1"))
        {
            c.setAutoCommit(false);
            final Random random = new Random();
            final List<Long> ids = new ArrayList<>();
            for (long id = 1; id <= ACCOUNTS; id++)
            {
                ids.add(id);
            }
            halt.start();
            while (true)
            {
                n++;
                Collections.shuffle(ids, random);
                for (final long id : ids)
                {
                    delete.setLong(1, id);
                    delete.addBatch();
                }
                delete.executeBatch();
                for (final long id : ids)
                {
                    insert.setLong(1, id);
                    insert.setLong(2, n);
                    insert.addBatch();
                }
                insert.executeBatch();
                update.setLong(1, n);
                update.executeUpdate();
                c.commit();
            }
        }
    }

    static void createSchema(final Database db) throws SQLException
    {
        try (Connection c = db.connect(); Statement s = c.createStatement())
        {
            s.execute("CREATE TABLE IF NOT EXISTS crash_position (id INT PRIMARY KEY, n BIGINT NOT NULL)");
            s.execute("CREATE TABLE IF NOT EXISTS crash_rows (id BIGINT PRIMARY KEY, v BIGINT NOT NULL)");
            try (ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM crash_position"))
            {
                rs.next();
                if (rs.getLong(1) == 0)
                {
                    s.execute("INSERT INTO crash_position (id, n) VALUES (1, 0)");
                }
            }
        }
    }

    static long position(final Database db) throws SQLException
    {
        try (Connection c = db.connect(); Statement s = c.createStatement();
            ResultSet rs = s.executeQuery("SELECT n FROM crash_position WHERE id = 1"))
        {
            rs.next();
            return rs.getLong(1);
        }
    }
}
