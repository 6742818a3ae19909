/**
 * The reporting database (H2 by default; PostgreSQL takes the same SQL): {@link dev.hotpath.reporting.store.Database}
 * holds the JDBC URL and creates the schema, {@link dev.hotpath.reporting.store.ProjectionWriter} writes each batch in
 * one transaction on the ingest writer thread, and {@link dev.hotpath.reporting.store.ReportingQueries} reads the
 * committed data back for the gRPC service and the dashboard, from any thread (one connection per call).
 */
package dev.hotpath.reporting.store;
