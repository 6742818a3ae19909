package dev.hotpath.engine.metrics;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class DutyCycleStallTrackerTest
{
    @Test
    void shouldCountCyclesOverTheThresholdAndKeepTheLongest()
    {
        final DutyCycleStallTracker tracker = new DutyCycleStallTracker("test", 1_000);
        tracker.record(10);
        tracker.record(1_000); // at the threshold: not over it
        tracker.record(1_001);
        tracker.record(5_000);
        tracker.record(20);
        assertEquals(5, tracker.cycles());
        assertEquals(2, tracker.overThreshold());
        assertEquals(5_000, tracker.maxNs());
    }

    @Test
    void shouldForgetTheLongestOnResetButKeepTheCounts()
    {
        final DutyCycleStallTracker tracker = new DutyCycleStallTracker("test", 1_000);
        tracker.record(9_000);
        tracker.resetMax();
        assertEquals(0, tracker.maxNs());
        tracker.record(300);
        assertEquals(300, tracker.maxNs());
        assertEquals(1, tracker.overThreshold());
        assertEquals(2, tracker.cycles());
    }

    @Test
    void shouldSumTheEnginesThreadsAndJournals()
    {
        final DutyCycleStallTracker a = new DutyCycleStallTracker("a", 100);
        final DutyCycleStallTracker b = new DutyCycleStallTracker("b", 100);
        final DutyCycleStallTracker input = new DutyCycleStallTracker("input", 100);
        final DutyCycleStallTracker events = new DutyCycleStallTracker("events", 100);
        final EngineMetrics metrics = new EngineMetrics(java.util.List.of(a, b), b, input, events, () -> 3);
        a.record(150);
        b.record(250);
        b.record(50);
        input.record(400);
        events.record(101);
        assertEquals(2, metrics.stalledCycles());
        assertEquals(250, metrics.longestCycleNs());
        assertEquals(250, metrics.matcherCycles().maxNs());
        assertEquals(2, metrics.stalledJournalWrites());
        assertEquals(3, metrics.overflowSpills());
        assertEquals(400, metrics.longestJournalWriteNs());
        metrics.resetMax();
        assertEquals(0, metrics.longestCycleNs());
        assertEquals(0, metrics.longestJournalWriteNs());
    }
}
