package dev.hotpath.loadgen;

import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The open loop on a fake clock: no sleeps, exact numbers. */
class OpenLoopTest
{
    /** A clock the test moves: the pacer jumps it to the deadline, the target may stall it. */
    private static final class FakeClock implements OpenLoop.NanoClock, OpenLoop.Pacer
    {
        long now;

        @Override
        public long nanoTime()
        {
            return now;
        }

        @Override
        public void awaitNs(final long deadlineNs)
        {
            now = Math.max(now, deadlineNs);
        }
    }

    @Test
    void sendsOnScheduleStampedWithIntendedTimes()
    {
        final FakeClock clock = new FakeClock();
        final Schedule schedule = new Schedule(1_000, 1_000_000); // one command every µs
        final List<long[]> sent = new ArrayList<>();
        final OpenLoop.Result r = OpenLoop.run(schedule, 100, (i, intended) ->
        {
            sent.add(new long[]{i, intended, clock.now});
            return true;
        }, clock, clock, OpenLoop.Progress.NONE);
        assertEquals(100, r.sent());
        assertEquals(0, r.refused());
        assertEquals(0, r.maxLagNs());
        for (final long[] s : sent)
        {
            assertEquals(1_000 + s[0] * 1_000, s[1]);
            assertEquals(s[1], s[2], "sent at its intended time");
        }
    }

    @Test
    void aStallIsChargedToEveryCommandItDelays()
    {
        final FakeClock clock = new FakeClock();
        final Schedule schedule = new Schedule(0, 1_000_000); // 1 µs apart
        final long stallNs = 1_000_000; // 1 ms: delays the 1,000 commands due during it
        final int stallAt = 100;
        final Histogram latency = new Histogram(3);
        final long serviceNs = 200;
        final OpenLoop.Result r = OpenLoop.run(schedule, 5_000, (i, intended) ->
        {
            // the target answers serviceNs after the send, and command 100 blocks the sender for 1 ms
            clock.now += i == stallAt ? stallNs : serviceNs;
            latency.recordValue(clock.now - intended);
            return true;
        }, clock, clock, OpenLoop.Progress.NONE);

        // a closed-loop (coordinated omission) measurement would record one slow command; open loop charges the
        // stall to every command that was due while the sender was blocked, each from its intended time
        final long delayed = latency.getCountBetweenValues(serviceNs + 1, Long.MAX_VALUE);
        assertTrue(delayed >= 1_000, "commands charged with the stall: " + delayed);
        assertEquals(stallNs, latency.getMaxValue(), latency.getMaxValue() / 1000.0);
        assertTrue(r.maxLagNs() >= stallNs - 1_000, "sender lag " + r.maxLagNs());
        // the backlog drains (each late command is sent at once), then sending is on time again
        assertEquals(0, r.endLagNs());
        // the commands right after the stall waited roughly the stall minus their offset into it
        assertTrue(latency.getValueAtPercentile(90) > serviceNs, "p90 " + latency.getValueAtPercentile(90));
    }

    @Test
    void refusedCommandsAreCounted()
    {
        final FakeClock clock = new FakeClock();
        final OpenLoop.Result r = OpenLoop.run(new Schedule(0, 1000), 10, (i, intended) -> i % 3 != 0, clock, clock,
            OpenLoop.Progress.NONE);
        assertEquals(4, r.refused());
    }

    @Test
    void reportsProgressToTheEnd()
    {
        final FakeClock clock = new FakeClock();
        final long[] last = {0};
        OpenLoop.run(new Schedule(0, 1_000_000), 40_000, (i, intended) -> true, clock, clock, s -> last[0] = s);
        assertEquals(40_000, last[0]);
    }
}
