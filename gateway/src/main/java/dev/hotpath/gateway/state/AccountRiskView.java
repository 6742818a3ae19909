package dev.hotpath.gateway.state;

import dev.hotpath.engine.api.Side;
import dev.hotpath.engine.risk.RiskLimits;

/**
 * The gateway's copy of one account's risk state, kept from the engine's events: its limits, kill switch, open
 * order count and position per instrument. The engine's own state belongs to its matching thread; this copy is
 * what AdminService reads.
 *
 * <p>Written by the responder thread (through {@link RiskProjection}), read by gRPC threads: every method is
 * synchronized (one account's monitor, outside the engine, a handful of times per command).
 */
public final class AccountRiskView
{
    private final long accountId;
    private final String name;
    private final long[] position;
    private RiskLimits limits;
    private boolean killSwitch;
    private int openOrders;

    /**
     * @param accountId       the account.
     * @param name            its name in the config.
     * @param limits          the limits it starts with (the config's).
     * @param instrumentSlots one more than the largest instrument id.
     */
    public AccountRiskView(final long accountId, final String name, final RiskLimits limits,
        final int instrumentSlots)
    {
        this.accountId = accountId;
        this.name = name;
        this.limits = limits;
        this.position = new long[instrumentSlots];
    }

    /** @return the account's id. */
    public long accountId()
    {
        return accountId;
    }

    synchronized void limits(final RiskLimits newLimits)
    {
        this.limits = newLimits;
    }

    synchronized void killSwitch(final boolean on)
    {
        this.killSwitch = on;
    }

    synchronized void opened()
    {
        openOrders++;
    }

    synchronized void closed()
    {
        openOrders--;
    }

    synchronized void filled(final int instrumentId, final Side side, final long quantity)
    {
        position[instrumentId] += side == Side.BUY ? quantity : -quantity;
    }

    /**
     * Sets the state a snapshot had (at start, before serving).
     *
     * @param saved the state; its positions have one entry per instrument slot.
     */
    synchronized void restore(final Snapshot saved)
    {
        limits = saved.limits();
        killSwitch = saved.killSwitch();
        openOrders = saved.openOrders();
        System.arraycopy(saved.positions(), 0, position, 0, position.length);
    }

    /** @return a consistent copy of the state now. */
    public synchronized Snapshot snapshot()
    {
        return new Snapshot(accountId, name, killSwitch, openOrders, limits, position.clone());
    }

    /**
     * One account's risk state at one moment.
     *
     * <p>Immutable (the positions array is a private copy: do not change it); any thread.
     *
     * @param accountId  the account.
     * @param name       its name.
     * @param killSwitch true while its new orders are refused.
     * @param openOrders how many of its orders are open.
     * @param limits     its limits.
     * @param positions  its signed position per instrument id, in quantity units.
     */
    public record Snapshot(long accountId, String name, boolean killSwitch, int openOrders, RiskLimits limits,
        long[] positions)
    {
    }
}
