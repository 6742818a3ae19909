package dev.hotpath.engine.api;

/**
 * How an order meets the book.
 *
 * <p>Immutable; any thread.
 */
public enum OrderType
{
    /** Good till cancelled: trades what it can at its price or better, the rest rests on the book. */
    LIMIT((byte)'L'),
    /** No price: trades against whatever is on the other side, the rest expires. */
    MARKET((byte)'M'),
    /** Immediate or cancel: trades what it can at its price or better, the rest expires. */
    IOC((byte)'I'),
    /** Fill or kill: trades its whole quantity at its price or better at once, or nothing at all. */
    FOK((byte)'F'),
    /** Post only: rests on the book as a maker; rejected if it would trade on arrival. */
    POST_ONLY((byte)'P'),
    /**
     * Stop (stop-market): waits off the book, invisible, until a trade prints at or through its stop price (at or
     * above for a buy, at or below for a sell), then enters as a {@link #MARKET} order.
     */
    STOP((byte)'S'),
    /** Stop-limit: waits like a {@link #STOP}, then enters as a {@link #LIMIT} order at its price. */
    STOP_LIMIT((byte)'T');

    private static final OrderType[] BY_CODE = new OrderType[128];

    static
    {
        for (final OrderType type : values())
        {
            BY_CODE[type.code] = type;
        }
    }

    private final byte code;

    OrderType(final byte code)
    {
        this.code = code;
    }

    /** @return the one-byte code used in journals and events. */
    public byte code()
    {
        return code;
    }

    /** @return true when the order carries a limit price (every type but {@link #MARKET} and {@link #STOP}). */
    public boolean hasPrice()
    {
        return this != MARKET && this != STOP;
    }

    /** @return true for the types that wait for a trade at their stop price: {@link #STOP}, {@link #STOP_LIMIT}. */
    public boolean isStop()
    {
        return this == STOP || this == STOP_LIMIT;
    }

    /** @return what a stop enters as when it triggers ({@link #MARKET} or {@link #LIMIT}); other types: itself. */
    public OrderType triggered()
    {
        return this == STOP ? MARKET : this == STOP_LIMIT ? LIMIT : this;
    }

    /** @return true when an order of this type may carry an expiry: it can wait, on the book or off it. */
    public boolean mayExpire()
    {
        return this == LIMIT || this == POST_ONLY || this == STOP || this == STOP_LIMIT;
    }

    /** @return true when an order of this type may be an iceberg (show only part of its quantity): it rests. */
    public boolean mayHide()
    {
        return this == LIMIT || this == POST_ONLY;
    }

    /** @return true when an unfilled remainder rests on the book rather than expiring. */
    public boolean restsOnBook()
    {
        return this == LIMIT || this == POST_ONLY;
    }

    /**
     * @param code a byte from a journal, an event or the network.
     * @return the order type, or {@code null} when the code is not an order type.
     */
    public static OrderType fromCode(final byte code)
    {
        return code >= 0 ? BY_CODE[code] : null;
    }
}
