package dev.hotpath.reporting.projection;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * A position's stored values (see {@link Position} for the method), with what can be derived from them.
 *
 * <p>Immutable; any thread.
 *
 * @param accountId      the account.
 * @param instrumentId   the instrument.
 * @param quantity       signed open quantity: positive long, negative short.
 * @param openCost       cost of the open quantity, signed like it.
 * @param realizedPnl    realized P&amp;L.
 * @param boughtQuantity total bought.
 * @param soldQuantity   total sold.
 */
public record PositionRow(
    long accountId,
    int instrumentId,
    long quantity,
    BigDecimal openCost,
    BigDecimal realizedPnl,
    long boughtQuantity,
    long soldQuantity)
{
    /** @return the average price of the open quantity, or zero when flat. */
    public BigDecimal averagePrice()
    {
        return quantity == 0 ? BigDecimal.ZERO :
            openCost.divide(BigDecimal.valueOf(quantity), Position.SCALE, RoundingMode.HALF_EVEN);
    }

    /**
     * @param lastPrice the instrument's last trade price.
     * @return the open quantity's P&amp;L at that price.
     */
    public BigDecimal unrealizedPnl(final long lastPrice)
    {
        return BigDecimal.valueOf(lastPrice).multiply(BigDecimal.valueOf(quantity)).subtract(openCost);
    }
}
