/**
 * Turns event journal frames into the reporting tables: the {@link dev.hotpath.reporting.projection.Projector} keeps
 * positions ({@link dev.hotpath.reporting.projection.Position}), bars and counters in memory and hands over what
 * changed as a {@link dev.hotpath.reporting.projection.Batch} of immutable rows such as
 * {@link dev.hotpath.reporting.projection.TradeRow} and {@link dev.hotpath.reporting.projection.PositionRow}. The
 * projector and its mutable state belong to the ingest tailer thread; rows and batches may go to any thread.
 * {@link dev.hotpath.reporting.projection.OrderBooks} holds every book's levels (single-thread);
 * {@link dev.hotpath.reporting.projection.CommittedBook} serves the book as of the last commit to any thread.
 */
package dev.hotpath.reporting.projection;
