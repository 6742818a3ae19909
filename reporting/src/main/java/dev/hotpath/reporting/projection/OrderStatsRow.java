package dev.hotpath.reporting.projection;

import java.util.Map;

/**
 * What happened to one account's orders.
 *
 * <p>Immutable; any thread.
 *
 * @param accountId          the account.
 * @param placed             new-order commands sent.
 * @param accepted           new orders accepted.
 * @param amended            amends accepted.
 * @param rejected           commands rejected (any kind, any reason).
 * @param filled             orders completely filled.
 * @param cancelled          orders cancelled.
 * @param expired            IOC, FOK and market remainders expired.
 * @param selfTradePrevented orders removed by self-trade prevention.
 * @param fills              trades the account took part in.
 * @param triggered          stop orders triggered (they then trade, rest or expire like the others).
 * @param rejectedByReason   rejects by {@link dev.hotpath.engine.api.RejectReason} name.
 */
public record OrderStatsRow(
    long accountId,
    long placed,
    long accepted,
    long amended,
    long rejected,
    long filled,
    long cancelled,
    long expired,
    long selfTradePrevented,
    long fills,
    long triggered,
    Map<String, Long> rejectedByReason)
{
    /** Copies the map. */
    public OrderStatsRow
    {
        rejectedByReason = Map.copyOf(rejectedByReason);
    }
}
