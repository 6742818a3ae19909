package dev.hotpath.engine.risk;

/**
 * What the risk engine knows about one account: its limits, kill switch, open orders, and per instrument its
 * position and the open quantity of its resting buy and sell orders.
 *
 * <p>Owned by the matching thread.
 */
public final class AccountRisk
{
    final long accountId;
    RiskLimits limits;
    boolean killSwitch;
    int openOrders;
    final long[] position;
    final long[] openBuyQuantity;
    final long[] openSellQuantity;

    AccountRisk(final long accountId, final RiskLimits limits, final int instrumentSlots)
    {
        this.accountId = accountId;
        this.limits = limits;
        this.position = new long[instrumentSlots];
        this.openBuyQuantity = new long[instrumentSlots];
        this.openSellQuantity = new long[instrumentSlots];
    }

    /** @return the account's id. */
    public long accountId()
    {
        return accountId;
    }

    /** @return its limits. */
    public RiskLimits limits()
    {
        return limits;
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
}
