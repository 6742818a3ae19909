package dev.hotpath.reporting.projection;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.math.BigDecimal;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The average-cost position against the obvious bookkeeping: whatever the fills, realized plus unrealized P&amp;L
 * equals the position marked to market minus the net cash paid, exactly (the rounding of a partial close moves
 * value between realized and open cost, never out of them); and the quantity is the sum of signed fills.
 */
class PositionPropertiesTest
{
    record Fill(boolean buy, long price, long quantity)
    {
    }

    @Provide
    Arbitrary<List<Fill>> fills()
    {
        return Combinators.combine(Arbitraries.of(true, false), Arbitraries.longs().between(1, 1_000_000),
            Arbitraries.longs().between(1, 10_000)).as(Fill::new).list().ofMaxSize(200);
    }

    @Property(tries = 500)
    void shouldConserveValueExactly(@ForAll("fills") final List<Fill> fills,
        @ForAll("marks") final long markPrice)
    {
        final Position position = new Position(1, 0);
        BigDecimal netCash = BigDecimal.ZERO;
        long quantity = 0;
        long bought = 0;
        for (final Fill f : fills)
        {
            position.fill(f.buy(), f.price(), f.quantity());
            final BigDecimal value = BigDecimal.valueOf(f.price()).multiply(BigDecimal.valueOf(f.quantity()));
            netCash = f.buy() ? netCash.add(value) : netCash.subtract(value);
            quantity += f.buy() ? f.quantity() : -f.quantity();
            bought += f.buy() ? f.quantity() : 0;
        }
        final PositionRow row = position.row();
        assertEquals(quantity, row.quantity());
        assertEquals(bought, row.boughtQuantity());
        final BigDecimal total = row.realizedPnl().add(row.unrealizedPnl(markPrice));
        final BigDecimal expected = BigDecimal.valueOf(markPrice).multiply(BigDecimal.valueOf(quantity)).subtract(netCash);
        assertEquals(0, expected.compareTo(total), () -> "total P&L " + total + " expected " + expected);
        if (quantity == 0)
        {
            assertEquals(0, row.openCost().signum(), "flat: no cost left");
        }
    }

    @Provide
    Arbitrary<Long> marks()
    {
        return Arbitraries.longs().between(1, 1_000_000);
    }
}
