package dev.hotpath.reporting.ingest;

import dev.hotpath.reporting.projection.Batch;

/**
 * Told about each batch once it is committed to the database, e.g. to push updates to streaming clients.
 *
 * <p>Called on the ingest writer thread, in journal order: return quickly, never block, keep nothing
 * mutable (a batch is immutable and may be kept).
 */
@FunctionalInterface
public interface BatchListener
{
    /** Ignores every batch. */
    BatchListener NONE = batch -> { };

    /**
     * @param batch what was committed.
     */
    void onCommitted(Batch batch);
}
