/**
 * What the dashboard and the gRPC API read: {@link dev.hotpath.reporting.read.ReportingReads} answers the hot
 * queries (an account's trades page, its positions, an instrument's bars, the tape) from the running ingest's
 * committed in-memory views when they hold the whole answer, and from SQL ({@code ReportingQueries}) otherwise.
 * Any thread.
 */
package dev.hotpath.reporting.read;
