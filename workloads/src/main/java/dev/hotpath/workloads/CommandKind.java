package dev.hotpath.workloads;

/**
 * What a generated command does, as a workload's mix counts it.
 *
 * <p>Immutable; any thread.
 */
public enum CommandKind
{
    /** A new GTC limit order (usually passive; rests on the book). */
    LIMIT,
    /** A new immediate-or-cancel order priced at or just through the best opposite level. */
    IOC,
    /** A new market order sized to sweep several levels. */
    MARKET,
    /** A cancel of an open order of its owner (W3 also sends late cancels of just-filled orders). */
    CANCEL,
    /** An amend that moves an own open order's price and keeps its open quantity (exchange-core's move). */
    MOVE,
    /** An amend that changes an own open order's price and quantity. */
    AMEND,
    /** A new GTC limit order that is an iceberg: it shows a fifth to a half of its quantity at a time (W4). */
    ICEBERG,
    /** A new limit order good till a time 1 to 50 ms after it is sent: it expires while the flow runs (W4). */
    GOOD_TILL_TIME,
    /**
     * A new stop-limit order whose stop price is 1 to 3 ticks beyond the best opposite price, so that the flow's
     * trades reach it; its limit is 2 ticks past the stop (W4).
     */
    STOP_LIMIT;

    private static final CommandKind[] VALUES = values();

    /** @return every kind, in declaration order (a shared array: do not modify). */
    static CommandKind[] all()
    {
        return VALUES;
    }
}
