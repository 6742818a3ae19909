package dev.hotpath.reporting.projection;

import java.util.Map;
import java.util.TreeMap;

/**
 * One account's order counters as they change.
 *
 * <p>Mutable; owned by the ingest thread.
 */
final class OrderStats
{
    final long accountId;
    long placed;
    long accepted;
    long amended;
    long rejected;
    long filled;
    long cancelled;
    long expired;
    long selfTradePrevented;
    long fills;
    long triggered;
    /** Changed since the projector last handed it over. */
    boolean dirty;
    final Map<String, Long> rejectedByReason = new TreeMap<>();

    OrderStats(final long accountId)
    {
        this.accountId = accountId;
    }

    OrderStats(final OrderStatsRow row)
    {
        this(row.accountId());
        placed = row.placed();
        accepted = row.accepted();
        amended = row.amended();
        rejected = row.rejected();
        filled = row.filled();
        cancelled = row.cancelled();
        expired = row.expired();
        selfTradePrevented = row.selfTradePrevented();
        fills = row.fills();
        triggered = row.triggered();
        rejectedByReason.putAll(row.rejectedByReason());
    }

    OrderStatsRow row()
    {
        return new OrderStatsRow(accountId, placed, accepted, amended, rejected, filled, cancelled, expired,
            selfTradePrevented, fills, triggered, rejectedByReason);
    }
}
