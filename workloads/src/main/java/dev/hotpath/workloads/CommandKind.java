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
    AMEND;

    private static final CommandKind[] VALUES = values();

    /** @return every kind, in declaration order (a shared array: do not modify). */
    static CommandKind[] all()
    {
        return VALUES;
    }
}
