/**
 * The web dashboard: {@link dev.hotpath.reporting.http.DashboardServer} serves static pages and JSON endpoints read
 * from the reporting database (committed data only), and the latest load-generator run
 * ({@link dev.hotpath.reporting.http.LatencyReport}); the book comes from the running ingest's memory, and
 * {@code /metrics} exports the ingest's lag behind the event journal in the Prometheus text format
 * ({@link dev.hotpath.reporting.http.IngestMetrics}). Requests run on the server's own pool of two threads.
 */
package dev.hotpath.reporting.http;
