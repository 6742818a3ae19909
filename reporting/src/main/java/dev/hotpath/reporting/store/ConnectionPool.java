package dev.hotpath.reporting.store;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * A few open connections for the queries, handed out again instead of a new one per query: opening one costs a
 * DuckDB or H2 file about 30 ms and 130 ms when nothing else holds the database open (measured in
 * {@code IngestPhasesIT}), 0.1 ms when something does. A connection from {@link #connect} is a proxy whose
 * {@code close()} gives the real one back (or closes it when the pool is full, closed, or the connection was left
 * outside auto-commit).
 *
 * <p>Thread-safe: any thread borrows and gives back; a borrowed connection is used by one thread at a time.
 */
final class ConnectionPool implements AutoCloseable
{
    private final Database database;
    private final BlockingQueue<Connection> idle;
    private volatile boolean closed;

    /**
     * @param database where to connect.
     * @param size     most idle connections kept.
     */
    ConnectionPool(final Database database, final int size)
    {
        this.database = database;
        this.idle = new ArrayBlockingQueue<>(size);
    }

    /**
     * @return a connection; closing it gives it back.
     * @throws SQLException when none can be opened.
     */
    Connection connect() throws SQLException
    {
        Connection real = idle.poll();
        if (real == null || real.isClosed())
        {
            real = database.connect();
        }
        final Connection borrowed = real;
        return (Connection)Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class},
            (proxy, method, args) ->
            {
                if (method.getName().equals("close") && method.getParameterCount() == 0)
                {
                    giveBack(borrowed);
                    return null;
                }
                try
                {
                    return method.invoke(borrowed, args);
                }
                catch (final InvocationTargetException ex)
                {
                    throw ex.getCause();
                }
            });
    }

    private void giveBack(final Connection real) throws SQLException
    {
        if (closed || real.isClosed() || !real.getAutoCommit() || !idle.offer(real))
        {
            real.close();
        }
    }

    /** Closes the idle connections; those still borrowed close when given back. */
    @Override
    public void close() throws SQLException
    {
        closed = true;
        Connection c;
        while ((c = idle.poll()) != null)
        {
            c.close();
        }
    }
}
