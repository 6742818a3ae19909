package dev.hotpath.engine.metrics;

import java.util.List;
import java.util.function.LongSupplier;

/**
 * The stall trackers of one running engine: a duty-cycle tracker per pipeline thread (one Disruptor batch is one
 * cycle) and one per journal for its block writes, each counting what took longer than its threshold
 * (1 ms by default) and keeping the longest.
 *
 * <p>Immutable holder; the trackers are written by their own threads and readable from any thread.
 */
public final class EngineMetrics
{
    private final List<DutyCycleStallTracker> threadCycles;
    private final DutyCycleStallTracker matcherCycles;
    private final DutyCycleStallTracker inputJournalWrites;
    private final DutyCycleStallTracker eventJournalWrites;
    private final LongSupplier overflowSpills;

    /**
     * @param threadCycles       one tracker per pipeline thread.
     * @param matcherCycles      the tracker of the thread that matches (one of {@code threadCycles}).
     * @param inputJournalWrites the input journal's block writes.
     * @param eventJournalWrites the event journal's block writes.
     * @param overflowSpills     commands whose large event runs found no room in the pipeline's overflow arena
     *                           and got an array of their own (an allocation on the matching thread).
     */
    public EngineMetrics(final List<DutyCycleStallTracker> threadCycles, final DutyCycleStallTracker matcherCycles,
        final DutyCycleStallTracker inputJournalWrites, final DutyCycleStallTracker eventJournalWrites,
        final LongSupplier overflowSpills)
    {
        this.overflowSpills = overflowSpills;
        this.threadCycles = List.copyOf(threadCycles);
        this.matcherCycles = matcherCycles;
        this.inputJournalWrites = inputJournalWrites;
        this.eventJournalWrites = eventJournalWrites;
    }

    /** @return one duty-cycle tracker per pipeline thread. */
    public List<DutyCycleStallTracker> threadCycles()
    {
        return threadCycles;
    }

    /** @return the duty cycles of the thread that matches. */
    public DutyCycleStallTracker matcherCycles()
    {
        return matcherCycles;
    }

    /** @return the input journal's block writes. */
    public DutyCycleStallTracker inputJournalWrites()
    {
        return inputJournalWrites;
    }

    /** @return the event journal's block writes. */
    public DutyCycleStallTracker eventJournalWrites()
    {
        return eventJournalWrites;
    }

    /** @return the longest duty cycle of any pipeline thread, ns. */
    public long longestCycleNs()
    {
        long max = 0;
        for (final DutyCycleStallTracker tracker : threadCycles)
        {
            max = Math.max(max, tracker.maxNs());
        }
        return max;
    }

    /** @return duty cycles over their threshold, all pipeline threads together. */
    public long stalledCycles()
    {
        long sum = 0;
        for (final DutyCycleStallTracker tracker : threadCycles)
        {
            sum += tracker.overThreshold();
        }
        return sum;
    }

    /** @return journal block writes over their threshold, both journals together. */
    public long stalledJournalWrites()
    {
        return inputJournalWrites.overThreshold() + eventJournalWrites.overThreshold();
    }

    /**
     * @return commands whose events outgrew their ring slot and found no room in the overflow arena, so they got
     *         an array of their own (0 in a healthy run: the arena is sized for the publisher's lag). Any thread.
     */
    public long overflowSpills()
    {
        return overflowSpills.getAsLong();
    }

    /** @return the longest journal block write of either journal, ns. */
    public long longestJournalWriteNs()
    {
        return Math.max(inputJournalWrites.maxNs(), eventJournalWrites.maxNs());
    }

    /** Forgets every longest-so-far (e.g. at the end of a warm-up). Any thread. */
    public void resetMax()
    {
        for (final DutyCycleStallTracker tracker : threadCycles)
        {
            tracker.resetMax();
        }
        inputJournalWrites.resetMax();
        eventJournalWrites.resetMax();
    }
}
