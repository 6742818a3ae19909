package dev.hotpath.loadgen;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StealTimeTest
{
    @Test
    void shouldGiveTheStolenShareOfCpuTimeBetweenTwoReadings()
    {
        final StealTime before = new StealTime(100, 10_000);
        final StealTime after = new StealTime(150, 11_000);
        assertEquals(5.0, after.percentSince(before), 1e-9);
        assertEquals(0.0, before.percentSince(before), 1e-9, "no time passed: nothing stolen");
    }

    @Test
    void shouldReadThisMachinesCounters()
    {
        final StealTime now = StealTime.now();
        assertTrue(now.stealTicks() >= 0 && now.totalTicks() >= now.stealTicks(), now.toString());
    }
}
