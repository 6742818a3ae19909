package dev.hotpath.engine.api;

/**
 * Why an order left the book (or never rested on it): its last event.
 *
 * <p>Immutable; any thread.
 */
public enum DoneReason
{
    /** Its whole quantity traded. */
    FILLED((byte)'F'),
    /** Its owner cancelled it, or the account's kill switch did. */
    CANCELLED((byte)'C'),
    /** An IOC, FOK or market order's unfilled remainder, which never rests. */
    EXPIRED((byte)'E'),
    /** Self-trade prevention removed it rather than let it trade with its own account. */
    SELF_TRADE_PREVENTED((byte)'S');

    private final byte code;

    DoneReason(final byte code)
    {
        this.code = code;
    }

    /** @return the one-byte code used in events. */
    public byte code()
    {
        return code;
    }

    /**
     * @param code a byte from an event.
     * @return the reason, or {@code null} when the code is not a reason.
     */
    public static DoneReason fromCode(final byte code)
    {
        switch (code)
        {
            case 'F':
                return FILLED;
            case 'C':
                return CANCELLED;
            case 'E':
                return EXPIRED;
            case 'S':
                return SELF_TRADE_PREVENTED;
            default:
                return null;
        }
    }
}
