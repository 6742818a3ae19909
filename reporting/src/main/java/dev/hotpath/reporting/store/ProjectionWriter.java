package dev.hotpath.reporting.store;

import dev.hotpath.reporting.projection.Batch;

import java.sql.SQLException;

/**
 * Writes {@link Batch}es: every row of a batch and the journal position after it, in one transaction. Either the
 * whole batch and its position are stored or neither is, which is what makes ingest exactly-once across restarts
 * and crashes. {@link #open} picks the implementation for the database's kind: {@link DuckDbProjectionWriter}
 * (appenders, set-based upserts) for DuckDB, {@link JdbcProjectionWriter} (JDBC batches) for H2 and PostgreSQL.
 *
 * <p>Owns one connection; one thread (the ingest writer).
 */
public interface ProjectionWriter extends AutoCloseable
{
    /**
     * @param database where to write.
     * @return a writer for that database, with its own connection.
     * @throws SQLException on a database error.
     */
    static ProjectionWriter open(final Database database) throws SQLException
    {
        return database.kind() == StoreKind.DUCKDB ? new DuckDbProjectionWriter(database) :
            new JdbcProjectionWriter(database);
    }

    /**
     * Stores a batch and the journal position after it, atomically.
     *
     * @param batch the changes.
     * @throws SQLException on a database error (the transaction is rolled back).
     */
    default void write(final Batch batch) throws SQLException
    {
        write(batch, WriteTimes.NONE);
    }

    /**
     * Stores a batch and the journal position after it, atomically, adding the time of each step to
     * {@code times}.
     *
     * @param batch the changes.
     * @param times where the time of each step is summed ({@link WriteTimes#NONE}: nowhere).
     * @throws SQLException on a database error (the transaction is rolled back).
     */
    void write(Batch batch, WriteTimes times) throws SQLException;

    @Override
    void close() throws SQLException;
}
