package dev.hotpath.loadgen;

import dev.hotpath.engine.metrics.EngineMetrics;
import dev.hotpath.engine.pipeline.Engine;
import dev.hotpath.engine.snapshot.Snapshotter;

/**
 * What an in-process engine's own stall trackers saw during a step's measured window: duty cycles and journal
 * block writes over 1 ms, the longest of each, and the snapshots the snapshotter wrote meanwhile. A gRPC step,
 * whose engine is in another process, has {@link #UNKNOWN}.
 *
 * <p>Immutable; any thread.
 *
 * @param threading             the engine's threading mode, or empty when unknown.
 * @param stalledCycles         pipeline duty cycles over 1 ms (-1: unknown).
 * @param longestCycleNs        the longest duty cycle of any pipeline thread, ns.
 * @param longestMatcherCycleNs the longest duty cycle of the thread that matches, ns.
 * @param stalledJournalWrites  journal block writes over 1 ms, both journals.
 * @param longestJournalWriteNs the longest journal block write, ns.
 * @param snapshots             snapshots written by the snapshotter in the window.
 */
public record EngineStalls(String threading, long stalledCycles, long longestCycleNs, long longestMatcherCycleNs,
    long stalledJournalWrites, long longestJournalWriteNs, long snapshots)
{
    /** Not measured (the engine is in another process). */
    public static final EngineStalls UNKNOWN = new EngineStalls("", -1, 0, 0, -1, 0, -1);

    /**
     * Where a window starts: counts so far, and the longest-so-far figures reset.
     *
     * @param engine a running engine.
     * @return the counts at the start of the window.
     */
    static EngineStalls startWindow(final Engine engine)
    {
        final EngineMetrics metrics = engine.metrics();
        metrics.resetMax();
        return new EngineStalls(engine.config().threadingMode().name(), metrics.stalledCycles(), 0, 0,
            metrics.stalledJournalWrites(), 0, snapshots(engine));
    }

    /**
     * @param engine the engine, at the end of the window.
     * @param start  what {@link #startWindow} returned.
     * @return what happened in the window.
     */
    static EngineStalls endWindow(final Engine engine, final EngineStalls start)
    {
        final EngineMetrics metrics = engine.metrics();
        return new EngineStalls(start.threading(), metrics.stalledCycles() - start.stalledCycles(),
            metrics.longestCycleNs(), metrics.matcherCycles().maxNs(),
            metrics.stalledJournalWrites() - start.stalledJournalWrites(), metrics.longestJournalWriteNs(),
            snapshots(engine) - start.snapshots());
    }

    private static long snapshots(final Engine engine)
    {
        final Snapshotter snapshotter = engine.snapshotter();
        return snapshotter == null ? 0 : snapshotter.snapshotsWritten();
    }

    /** @return true when the figures were measured. */
    public boolean known()
    {
        return stalledCycles >= 0;
    }
}
