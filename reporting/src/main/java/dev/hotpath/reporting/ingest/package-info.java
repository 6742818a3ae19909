/**
 * Tails the engine's event journal into the reporting database exactly once, across restarts and crashes:
 * {@link dev.hotpath.reporting.ingest.ReportingIngest} runs a tailer thread that turns frames into batches and a
 * writer thread that commits each batch together with its journal position, in one transaction. A
 * {@link dev.hotpath.reporting.ingest.BatchListener} is told of each committed batch, on the writer thread;
 * {@link dev.hotpath.reporting.ingest.IngestLag} says how far the database is behind the journal.
 */
package dev.hotpath.reporting.ingest;
