package dev.hotpath.engine.api;

/**
 * A tradable instrument: its id, its symbol, and the grid its prices and quantities live on.
 *
 * <p>Prices are {@code long} counts of the instrument's smallest price unit ({@code 10^-priceScale} of the
 * quote currency) and quantities are {@code long} counts of its smallest quantity unit
 * ({@code 10^-quantityScale}). A price must be a multiple of {@link #tickSize()}, a quantity a multiple of
 * {@link #lotSize()}. No floating point anywhere.
 *
 * <p>Immutable; any thread.
 *
 * @param id            dense id from 0, used to index books.
 * @param symbol        human name, e.g. "BTC-USD".
 * @param tickSize      smallest price step, in price units (≥ 1).
 * @param lotSize       smallest quantity step, in quantity units (≥ 1).
 * @param priceScale    decimals of one price unit, for converting to and from human units.
 * @param quantityScale decimals of one quantity unit.
 */
public record Instrument(int id, String symbol, long tickSize, long lotSize, int priceScale, int quantityScale)
{
    /** Validates the fields. */
    public Instrument
    {
        if (id < 0)
        {
            throw new IllegalArgumentException("instrument id must be >= 0: " + id);
        }
        if (symbol == null || symbol.isBlank())
        {
            throw new IllegalArgumentException("instrument symbol must not be blank");
        }
        if (tickSize < 1 || lotSize < 1)
        {
            throw new IllegalArgumentException("tick and lot size must be >= 1: " + symbol);
        }
        if (priceScale < 0 || priceScale > 18 || quantityScale < 0 || quantityScale > 18)
        {
            throw new IllegalArgumentException("scales must be within 0..18: " + symbol);
        }
    }

    /**
     * An instrument with tick and lot of one unit and no decimals: handy in tests and benchmarks.
     *
     * @param id     dense id.
     * @param symbol human name.
     * @return the instrument.
     */
    public static Instrument simple(final int id, final String symbol)
    {
        return new Instrument(id, symbol, 1, 1, 0, 0);
    }
}
