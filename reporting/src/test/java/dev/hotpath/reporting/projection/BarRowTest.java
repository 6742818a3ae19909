package dev.hotpath.reporting.projection;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;

import static org.junit.jupiter.api.Assertions.assertEquals;

class BarRowTest
{
    @Test
    void shouldKeepOhlcvAndVwap()
    {
        final BarRow bar = BarRow.first(0, BarInterval.ONE_SECOND, 0, 100, 10).plus(101, 2).plus(99, 1).plus(100, 1);
        assertEquals(100, bar.open());
        assertEquals(101, bar.high());
        assertEquals(99, bar.low());
        assertEquals(100, bar.close());
        assertEquals(14, bar.volume());
        assertEquals(4, bar.tradeCount());
        assertEquals(new BigDecimal("1401"), bar.notional());
        assertEquals(new BigDecimal("100.071429"), bar.vwap());
    }

    @Test
    void shouldBucketNegativeAndPositiveTimesByFloor()
    {
        assertEquals(1_000_000_000L, BarInterval.ONE_SECOND.startOf(1_999_999_999L));
        assertEquals(-1_000_000_000L, BarInterval.ONE_SECOND.startOf(-1L));
        assertEquals(60_000_000_000L, BarInterval.ONE_MINUTE.startOf(119_999_999_999L));
    }
}
