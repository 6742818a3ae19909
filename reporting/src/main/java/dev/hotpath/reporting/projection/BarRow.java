package dev.hotpath.reporting.projection;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * One OHLCV bar of one instrument.
 *
 * <p>Immutable; any thread.
 *
 * @param instrumentId the instrument.
 * @param interval     its width.
 * @param startNs      its start, a multiple of the width.
 * @param open         first trade price.
 * @param high         highest trade price.
 * @param low          lowest trade price.
 * @param close        last trade price.
 * @param volume       traded quantity.
 * @param notional     sum of price x quantity.
 * @param tradeCount   number of trades.
 */
public record BarRow(
    int instrumentId,
    BarInterval interval,
    long startNs,
    long open,
    long high,
    long low,
    long close,
    long volume,
    BigDecimal notional,
    long tradeCount)
{
    /** Decimals of a VWAP. */
    public static final int VWAP_SCALE = 6;

    /**
     * A bar of one trade.
     *
     * @param instrumentId the instrument.
     * @param interval     the width.
     * @param startNs      the start.
     * @param price        trade price.
     * @param quantity     trade quantity.
     * @return the bar.
     */
    public static BarRow first(
        final int instrumentId, final BarInterval interval, final long startNs, final long price, final long quantity)
    {
        return new BarRow(instrumentId, interval, startNs, price, price, price, price, quantity,
            notional(price, quantity), 1);
    }

    /**
     * @param price    trade price.
     * @param quantity trade quantity.
     * @return this bar with one more trade.
     */
    public BarRow plus(final long price, final long quantity)
    {
        return new BarRow(instrumentId, interval, startNs, open, Math.max(high, price), Math.min(low, price), price,
            volume + quantity, notional.add(notional(price, quantity)), tradeCount + 1);
    }

    /** @return the volume-weighted average price, {@link #VWAP_SCALE} decimals. */
    public BigDecimal vwap()
    {
        return volume == 0 ? BigDecimal.ZERO :
            notional.divide(BigDecimal.valueOf(volume), VWAP_SCALE, RoundingMode.HALF_EVEN);
    }

    static BigDecimal notional(final long price, final long quantity)
    {
        return BigDecimal.valueOf(price).multiply(BigDecimal.valueOf(quantity));
    }
}
