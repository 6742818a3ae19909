package dev.hotpath.reporting.store;

import dev.hotpath.reporting.projection.Batch;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/**
 * The update of one journal-position row ({@code ingest_position} or {@code book_position}, each a single row
 * with id 1) to a batch's last frame, in the batch's transaction. Both writers use it, so the row is written and
 * its absence refused the same way whatever the store.
 *
 * <p>The writer thread's, like the connection it was prepared on.
 */
final class PositionRowUpdate implements AutoCloseable
{
    private final String table;
    private final PreparedStatement update;

    /**
     * @param connection the writer's connection.
     * @param table      {@code ingest_position} or {@code book_position}.
     * @throws SQLException on a database error.
     */
    PositionRowUpdate(final Connection connection, final String table) throws SQLException
    {
        this.table = table;
        this.update = connection.prepareStatement("UPDATE " + table +
            " SET chronicle_index = ?, sequence = ? WHERE id = 1");
    }

    /**
     * @param batch the batch whose last frame the row now names.
     * @throws SQLException on a database error, or when the row is missing.
     */
    void store(final Batch batch) throws SQLException
    {
        update.setLong(1, batch.lastIndex());
        update.setLong(2, batch.lastSequence());
        if (update.executeUpdate() != 1)
        {
            throw new SQLException(table + " row is missing");
        }
    }

    @Override
    public void close() throws SQLException
    {
        update.close();
    }
}
