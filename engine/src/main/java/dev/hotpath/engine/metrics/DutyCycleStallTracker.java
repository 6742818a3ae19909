package dev.hotpath.engine.metrics;

/**
 * Counts the duty cycles of one thread that took longer than a threshold and keeps the longest, the way
 * Aeron's {@code DutyCycleStallTracker} does for its agents: the owner measures each cycle (a Disruptor batch,
 * a journal write) and reports its duration; any thread may read the figures while it runs.
 *
 * <p>One writer thread (the owner of the cycle being measured); any number of reader threads. The fields are
 * volatile and only their owner writes them, so readers see whole, recent values without the writer ever taking a
 * lock, allocating or doing an atomic read-modify-write (one volatile store per cycle, not per command). {@link #resetMax()} from a reader races benignly with the writer: at worst a
 * maximum measured at the same instant survives the reset.
 */
public final class DutyCycleStallTracker
{
    /** The default threshold: a cycle over 1 ms is a stall (the engine's goal for its longest duty cycle). */
    public static final long DEFAULT_THRESHOLD_NS = 1_000_000;

    private final String name;
    private final long thresholdNs;
    private volatile long maxNs;
    private volatile long overThreshold;
    private volatile long cycles;

    /**
     * @param name        what is measured, for reports (e.g. {@code matcher cycle}, {@code input journal write}).
     * @param thresholdNs a cycle longer than this counts as a stall.
     */
    public DutyCycleStallTracker(final String name, final long thresholdNs)
    {
        this.name = name;
        this.thresholdNs = thresholdNs;
    }

    /**
     * Reports one cycle. Owner thread only.
     *
     * @param durationNs how long it took.
     */
    public void record(final long durationNs)
    {
        cycles = cycles + 1; // one writer: a volatile read and write, no atomic read-modify-write needed
        if (durationNs > maxNs)
        {
            maxNs = durationNs;
        }
        if (durationNs > thresholdNs)
        {
            overThreshold = overThreshold + 1;
        }
    }

    /** @return what is measured. */
    public String name()
    {
        return name;
    }

    /** @return the threshold over which a cycle is a stall, ns. */
    public long thresholdNs()
    {
        return thresholdNs;
    }

    /** @return the longest cycle since the start or the last {@link #resetMax()}, ns. */
    public long maxNs()
    {
        return maxNs;
    }

    /** @return cycles longer than the threshold since the start. */
    public long overThreshold()
    {
        return overThreshold;
    }

    /** @return cycles measured since the start. */
    public long cycles()
    {
        return cycles;
    }

    /** Forgets the longest cycle so far (e.g. at the end of a warm-up); any thread. */
    public void resetMax()
    {
        maxNs = 0;
    }

    @Override
    public String toString()
    {
        return name + ": " + cycles() + " cycles, " + overThreshold() + " over " + thresholdNs / 1000 + " us, longest " +
            maxNs() / 1000 + " us";
    }
}
