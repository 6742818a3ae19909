/**
 * The reporting database (DuckDB by default; H2 and PostgreSQL take the same queries):
 * {@link dev.hotpath.reporting.store.Database} holds the JDBC URL, tells its {@link dev.hotpath.reporting.store.StoreKind}
 * and creates the schema; {@link dev.hotpath.reporting.store.ProjectionWriter} writes each batch in one transaction on
 * the ingest writer thread (with DuckDB's appender, or JDBC batches for H2 and PostgreSQL); and
 * {@link dev.hotpath.reporting.store.ReportingQueries} reads the committed data back for the gRPC service and the
 * dashboard, from any thread, on connections borrowed from a small pool.
 */
package dev.hotpath.reporting.store;
