package dev.hotpath.reporting.ingest;

import java.util.concurrent.TimeUnit;

/**
 * How long the ingest's writer spends on each batch (the rows, the position and the commit, DuckDB's checkpoints
 * included when a commit triggers one), measured where it happens, as Aeron's {@code DutyCycleStallTracker}
 * does: the batches over {@value #THRESHOLD_MS} ms are counted, and the longest is kept with its size. The lag
 * behind the journal cannot be shorter than the batch in progress, so these say whether a lag spike is one long
 * write or a writer that cannot keep up.
 *
 * <p>{@link #record} from the writer thread only; the getters from any thread (each value on its own is current,
 * the set is not read atomically).
 */
public final class WriteStallTracker
{
    /** A write longer than this counts as a stall, ms. */
    public static final long THRESHOLD_MS = 250;
    private static final long THRESHOLD_NS = TimeUnit.MILLISECONDS.toNanos(THRESHOLD_MS);

    private volatile long stalls;
    private volatile long longestNs;
    private volatile int longestFrames;
    private volatile long lastNs;
    private volatile int lastFrames;

    /**
     * @param durationNs how long a batch's write and commit took.
     * @param frames     its frames.
     */
    void record(final long durationNs, final int frames)
    {
        lastNs = durationNs;
        lastFrames = frames;
        if (durationNs > THRESHOLD_NS)
        {
            stalls = stalls + 1; // one writer: no lost update
        }
        if (durationNs > longestNs)
        {
            longestNs = durationNs;
            longestFrames = frames;
        }
    }

    /** @return batches whose write took over {@value #THRESHOLD_MS} ms, since start. */
    public long stalls()
    {
        return stalls;
    }

    /** @return the longest write since start, ms. */
    public long longestMillis()
    {
        return TimeUnit.NANOSECONDS.toMillis(longestNs);
    }

    /** @return the frames of that batch. */
    public int longestFrames()
    {
        return longestFrames;
    }

    /** @return the last write, ms. */
    public long lastMillis()
    {
        return TimeUnit.NANOSECONDS.toMillis(lastNs);
    }

    /** @return the frames of the last batch. */
    public int lastFrames()
    {
        return lastFrames;
    }
}
