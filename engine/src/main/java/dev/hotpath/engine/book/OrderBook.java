package dev.hotpath.engine.book;

import dev.hotpath.engine.api.Instrument;
import dev.hotpath.engine.api.Side;

/**
 * The order book of one instrument: its bid side and its ask side. It only stores orders; the rules of
 * matching live in {@code dev.hotpath.engine.matching}.
 *
 * <p>Owned by the matching thread.
 */
public final class OrderBook
{
    private final Instrument instrument;
    private final BookSide bids;
    private final BookSide asks;

    /**
     * @param instrument    the instrument.
     * @param levelPool     shared pool of price levels.
     * @param scratch       shared room for levels while a side moves its price window.
     * @param ladderSlots   prices per side held in the window near the market (see {@link BookSide}).
     * @param initialLevels expected levels per side outside that window.
     */
    public OrderBook(
        final Instrument instrument,
        final ObjectPool<PriceLevel> levelPool,
        final LevelScratch scratch,
        final int ladderSlots,
        final int initialLevels)
    {
        this.instrument = instrument;
        this.bids = new BookSide(Side.BUY, levelPool, scratch, instrument.tickSize(), ladderSlots, initialLevels);
        this.asks = new BookSide(Side.SELL, levelPool, scratch, instrument.tickSize(), ladderSlots, initialLevels);
    }

    /** @return the instrument. */
    public Instrument instrument()
    {
        return instrument;
    }

    /**
     * @param side a side.
     * @return that side of the book.
     */
    public BookSide side(final Side side)
    {
        return side == Side.BUY ? bids : asks;
    }

    /** @return the bids. */
    public BookSide bids()
    {
        return bids;
    }

    /** @return the asks. */
    public BookSide asks()
    {
        return asks;
    }
}
