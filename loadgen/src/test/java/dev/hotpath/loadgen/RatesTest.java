package dev.hotpath.loadgen;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class RatesTest
{
    @Test
    void parsesTheSweepList()
    {
        assertArrayEquals(new long[]{100_000, 250_000, 500_000, 1_000_000, 2_000_000, 3_000_000},
            Rates.parseList("100k,250k,500k,1m,2m,3m"));
        assertArrayEquals(new long[]{1_500_000, 250_000, 750}, Rates.parseList(" 1.5M , 250_000/s,750 ,"));
    }

    @Test
    void refusesWhatIsNotARate()
    {
        assertThrows(IllegalArgumentException.class, () -> Rates.parseRate("fast"));
        assertThrows(IllegalArgumentException.class, () -> Rates.parseRate("0"));
        assertThrows(IllegalArgumentException.class, () -> Rates.parseRate("-5k"));
        assertThrows(IllegalArgumentException.class, () -> Rates.parseList(" , "));
    }

    @Test
    void parsesDurations()
    {
        assertEquals(5_000_000_000L, Rates.parseDurationNs("5s"));
        assertEquals(500_000_000L, Rates.parseDurationNs("500ms"));
        assertEquals(120_000_000_000L, Rates.parseDurationNs("2m"));
        assertEquals(1_500L, Rates.parseDurationNs("1.5us"));
        assertEquals(3_000_000_000L, Rates.parseDurationNs("3"));
        assertThrows(IllegalArgumentException.class, () -> Rates.parseDurationNs("-1s"));
        assertThrows(IllegalArgumentException.class, () -> Rates.parseDurationNs("soon"));
    }

    @Test
    void formatsShortly()
    {
        assertEquals("100k", Rates.format(100_000));
        assertEquals("1m", Rates.format(1_000_000));
        assertEquals("1.5m", Rates.format(1_500_000));
        assertEquals("750", Rates.format(750));
    }

    @Property(tries = 300)
    void formatParsesBack(@ForAll @LongRange(min = 1, max = 100_000_000) final long rate)
    {
        assertEquals(rate, Rates.parseRate(Rates.format(rate)));
    }

    @Property(tries = 300)
    void scheduleCountMatchesItsTimes(@ForAll @LongRange(min = 1, max = 5_000_000) final long rate,
        @ForAll @LongRange(min = 0, max = 10_000_000_000L) final long durationNs)
    {
        final Schedule s = new Schedule(0, rate);
        final long n = s.countIn(durationNs);
        // floor(duration * rate): every one of the n commands is due within the duration, and at most one more is
        if (n > 0)
        {
            assertEquals(true, s.intendedNs(n - 1) < durationNs);
        }
        assertEquals(true, s.intendedNs(n + 1) >= durationNs);
    }
}
