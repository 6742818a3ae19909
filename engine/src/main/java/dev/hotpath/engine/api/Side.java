package dev.hotpath.engine.api;

/**
 * The side of an order: it buys (bids) or sells (offers).
 *
 * <p>Immutable; any thread. {@link #fromCode(byte)} decodes the one-byte wire form without allocating
 * (unlike {@code values()}, which copies an array on every call).
 */
public enum Side
{
    BUY((byte)'B'),
    SELL((byte)'S');

    private final byte code;

    Side(final byte code)
    {
        this.code = code;
    }

    /** @return the one-byte code used in journals and events. */
    public byte code()
    {
        return code;
    }

    /** @return the side an order of this side trades against. */
    public Side opposite()
    {
        return this == BUY ? SELL : BUY;
    }

    /**
     * @param code a byte from a journal, an event or the network.
     * @return the side, or {@code null} when the code is not a side.
     */
    public static Side fromCode(final byte code)
    {
        switch (code)
        {
            case 'B':
                return BUY;
            case 'S':
                return SELL;
            default:
                return null;
        }
    }
}
