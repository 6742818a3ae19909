/**
 * The reporting process ({@code hotpath reporting}, {@link dev.hotpath.reporting.ReportingMain}): a
 * {@link dev.hotpath.reporting.ReportingApp}, set up by {@link dev.hotpath.reporting.ReportingSettings}, tails an
 * engine's event journal into a SQL database and serves it over gRPC and an HTTP dashboard. Start and close it from
 * one controlling thread; the work runs on the ingest, gRPC and HTTP threads of the sub-packages.
 */
package dev.hotpath.reporting;
