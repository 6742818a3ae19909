package dev.hotpath.engine.metrics;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * Counts the duty cycles of one thread that took longer than a threshold and keeps the longest, the way
 * Aeron's {@code DutyCycleStallTracker} does for its agents: the owner measures each cycle (a Disruptor batch,
 * a journal write) and reports its duration; any thread may read the figures while it runs.
 *
 * <p>One writer thread (the owner of the cycle being measured); any number of reader threads. Fields are
 * written with release semantics and read with acquire, so readers see whole, recent values without the writer
 * ever taking a lock or allocating. {@link #resetMax()} from a reader races benignly with the writer: at worst a
 * maximum measured at the same instant survives the reset.
 */
public final class DutyCycleStallTracker
{
    /** The default threshold: a cycle over 1 ms is a stall (the engine's goal for its longest duty cycle). */
    public static final long DEFAULT_THRESHOLD_NS = 1_000_000;

    private static final VarHandle MAX_NS;
    private static final VarHandle OVER_THRESHOLD;
    private static final VarHandle CYCLES;

    static
    {
        try
        {
            final MethodHandles.Lookup lookup = MethodHandles.lookup();
            MAX_NS = lookup.findVarHandle(DutyCycleStallTracker.class, "maxNs", long.class);
            OVER_THRESHOLD = lookup.findVarHandle(DutyCycleStallTracker.class, "overThreshold", long.class);
            CYCLES = lookup.findVarHandle(DutyCycleStallTracker.class, "cycles", long.class);
        }
        catch (final ReflectiveOperationException ex)
        {
            throw new ExceptionInInitializerError(ex);
        }
    }

    private final String name;
    private final long thresholdNs;
    @SuppressWarnings("unused") // through MAX_NS
    private long maxNs;
    @SuppressWarnings("unused") // through OVER_THRESHOLD
    private long overThreshold;
    @SuppressWarnings("unused") // through CYCLES
    private long cycles;

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
        CYCLES.setRelease(this, (long)CYCLES.getOpaque(this) + 1);
        if (durationNs > (long)MAX_NS.getOpaque(this))
        {
            MAX_NS.setRelease(this, durationNs);
        }
        if (durationNs > thresholdNs)
        {
            OVER_THRESHOLD.setRelease(this, (long)OVER_THRESHOLD.getOpaque(this) + 1);
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
        return (long)MAX_NS.getAcquire(this);
    }

    /** @return cycles longer than the threshold since the start. */
    public long overThreshold()
    {
        return (long)OVER_THRESHOLD.getAcquire(this);
    }

    /** @return cycles measured since the start. */
    public long cycles()
    {
        return (long)CYCLES.getAcquire(this);
    }

    /** Forgets the longest cycle so far (e.g. at the end of a warm-up); any thread. */
    public void resetMax()
    {
        MAX_NS.setRelease(this, 0L);
    }

    @Override
    public String toString()
    {
        return name + ": " + cycles() + " cycles, " + overThreshold() + " over " + thresholdNs / 1000 + " us, longest " +
            maxNs() / 1000 + " us";
    }
}
