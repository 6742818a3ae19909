package dev.hotpath.reporting.projection;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Totals of one instrument since the journal began: its last trade price (what unrealized P&amp;L is marked
 * to), volume and VWAP.
 *
 * <p>Immutable; any thread.
 *
 * @param instrumentId the instrument.
 * @param lastPrice    last trade price.
 * @param lastTradeNs  the time bars use for its last trade (never decreasing).
 * @param volume       traded quantity.
 * @param notional     sum of price x quantity.
 * @param tradeCount   number of trades.
 */
public record InstrumentRow(
    int instrumentId, long lastPrice, long lastTradeNs, long volume, BigDecimal notional, long tradeCount)
{
    /**
     * @param price       trade price.
     * @param quantity    trade quantity.
     * @param timestampNs the trade's bar time.
     * @return this with one more trade.
     */
    public InstrumentRow plus(final long price, final long quantity, final long timestampNs)
    {
        return new InstrumentRow(instrumentId, price, timestampNs, volume + quantity,
            notional.add(BarRow.notional(price, quantity)), tradeCount + 1);
    }

    /** @return the volume-weighted average price. */
    public BigDecimal vwap()
    {
        return volume == 0 ? BigDecimal.ZERO :
            notional.divide(BigDecimal.valueOf(volume), BarRow.VWAP_SCALE, RoundingMode.HALF_EVEN);
    }
}
