package dev.hotpath.reporting.projection;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;

import static org.junit.jupiter.api.Assertions.assertEquals;

class PositionTest
{
    private static void assertDecimal(final String expected, final BigDecimal actual)
    {
        assertEquals(0, new BigDecimal(expected).compareTo(actual), () -> "expected " + expected + " got " + actual);
    }

    @Test
    void shouldAverageBuysAndRealizeOnSells()
    {
        final Position p = new Position(1, 0);
        p.fill(true, 100, 10);
        p.fill(true, 110, 10);
        PositionRow row = p.row();
        assertEquals(20, row.quantity());
        assertDecimal("105", row.averagePrice());

        p.fill(false, 120, 15);
        row = p.row();
        assertEquals(5, row.quantity());
        assertDecimal("225", row.realizedPnl());
        assertDecimal("525", row.openCost());
        assertDecimal("75", row.unrealizedPnl(120));
    }

    @Test
    void shouldFlipFromLongToShortAtTheFillPrice()
    {
        final Position p = new Position(1, 0);
        p.fill(true, 100, 10);
        p.fill(true, 110, 10);
        p.fill(false, 120, 15);
        p.fill(false, 100, 10);
        final PositionRow row = p.row();
        assertEquals(-5, row.quantity());
        assertDecimal("200", row.realizedPnl());
        assertDecimal("-500", row.openCost());
        assertDecimal("100", row.averagePrice());
        assertDecimal("0", row.unrealizedPnl(100));
        assertDecimal("50", row.unrealizedPnl(90));
        assertEquals(20, row.boughtQuantity());
        assertEquals(25, row.soldQuantity());
    }

    @Test
    void shouldRealizeShortsWhenBuyingBack()
    {
        final Position p = new Position(2, 3);
        p.fill(false, 100, 10);
        p.fill(true, 90, 4);
        final PositionRow row = p.row();
        assertEquals(-6, row.quantity());
        assertDecimal("40", row.realizedPnl());
        assertDecimal("-600", row.openCost());
    }

    @Test
    void shouldLoseNothingToRoundingOnceFlat()
    {
        final Position p = new Position(1, 0);
        p.fill(true, 100, 1);
        p.fill(true, 101, 2);
        assertDecimal("100.6666666667", p.row().averagePrice());
        p.fill(false, 102, 1);
        assertDecimal("1.3333333333", p.row().realizedPnl());
        p.fill(false, 102, 2);
        final PositionRow row = p.row();
        assertEquals(0, row.quantity());
        assertDecimal("4", row.realizedPnl());
        assertDecimal("0", row.openCost());
    }

    @Test
    void shouldSurviveAStoreAndLoad()
    {
        final Position p = new Position(1, 0);
        p.fill(true, 100, 1);
        p.fill(true, 101, 2);
        p.fill(false, 102, 1);
        final Position loaded = new Position(p.row());
        loaded.fill(false, 102, 2);
        assertDecimal("4", loaded.row().realizedPnl());
    }
}
