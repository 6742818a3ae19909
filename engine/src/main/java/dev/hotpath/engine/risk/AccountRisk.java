package dev.hotpath.engine.risk;

/**
 * What the risk engine knows about one account: its limits, kill switch, open orders, and per instrument its
 * position and the open quantity of its resting buy and sell orders. The limits are kept as four primitive
 * fields, so that a {@link dev.hotpath.engine.api.CommandType#SET_LIMITS} command changes them in place without
 * allocating; {@link #limitsSetAtRunTime()} tells limits set by such a command from the config's.
 *
 * <p>Owned by the matching thread.
 */
public final class AccountRisk
{
    final long accountId;
    long maxOrderQuantity;
    long maxOrderNotional;
    int maxOpenOrders;
    long maxPosition;
    boolean limitsSetAtRunTime;
    boolean killSwitch;
    int openOrders;
    final long[] position;
    final long[] openBuyQuantity;
    final long[] openSellQuantity;

    AccountRisk(final long accountId, final RiskLimits limits, final int instrumentSlots)
    {
        this.accountId = accountId;
        setLimits(limits.maxOrderQuantity(), limits.maxOrderNotional(), limits.maxOpenOrders(),
            limits.maxPosition());
        this.position = new long[instrumentSlots];
        this.openBuyQuantity = new long[instrumentSlots];
        this.openSellQuantity = new long[instrumentSlots];
    }

    /** @return the account's id. */
    public long accountId()
    {
        return accountId;
    }

    /** @return its limits, as a new object (allocates: for snapshots, tests and tools, not per order). */
    public RiskLimits limits()
    {
        return new RiskLimits(maxOrderQuantity, maxOrderNotional, maxOpenOrders, maxPosition);
    }

    /**
     * @return true when its limits were set by a {@link dev.hotpath.engine.api.CommandType#SET_LIMITS} command,
     *         false while they are the config's.
     */
    public boolean limitsSetAtRunTime()
    {
        return limitsSetAtRunTime;
    }

    /** @return true when new orders are refused. */
    public boolean killSwitch()
    {
        return killSwitch;
    }

    /** @return how many of its orders are open. */
    public int openOrders()
    {
        return openOrders;
    }

    /**
     * @param instrumentId an instrument.
     * @return signed position (bought minus sold).
     */
    public long position(final int instrumentId)
    {
        return position[instrumentId];
    }

    /**
     * @param instrumentId an instrument.
     * @return open quantity of its resting buy orders.
     */
    public long openBuyQuantity(final int instrumentId)
    {
        return openBuyQuantity[instrumentId];
    }

    /**
     * @param instrumentId an instrument.
     * @return open quantity of its resting sell orders.
     */
    public long openSellQuantity(final int instrumentId)
    {
        return openSellQuantity[instrumentId];
    }

    void setLimits(
        final long maxOrderQuantity, final long maxOrderNotional, final int maxOpenOrders, final long maxPosition)
    {
        this.maxOrderQuantity = maxOrderQuantity;
        this.maxOrderNotional = maxOrderNotional;
        this.maxOpenOrders = maxOpenOrders;
        this.maxPosition = maxPosition;
    }
}
