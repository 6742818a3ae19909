package dev.hotpath.workloads;

import dev.hotpath.engine.api.DoneReason;
import dev.hotpath.engine.api.EventSink;
import dev.hotpath.engine.api.OrderType;
import dev.hotpath.engine.api.RejectReason;
import dev.hotpath.engine.api.Side;
import dev.hotpath.engine.matching.MatchingCore;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * W4, the order-types workload: its stops trigger, its good-till-time orders expire, its icebergs rest showing part
 * of their quantity, it makes no rejects, and a replay (also after {@link Workload#reset}) does exactly what the
 * generator's own engine did.
 */
class OrderTypesWorkloadTest
{
    private static final int COMMANDS = 200_000;

    /** Counts what a replay did: triggers, expiries of resting orders, rejects, trades, icebergs accepted. */
    private static final class Counts implements EventSink
    {
        final long[] values = new long[5];

        @Override
        public void onAccepted(final long orderId, final long accountId, final int instrumentId, final Side side,
            final OrderType type, final long price, final long quantity)
        {
        }

        @Override
        public void onRejected(final long orderId, final long accountId, final int instrumentId,
            final RejectReason reason)
        {
            values[2]++;
        }

        @Override
        public void onAmended(final long orderId, final long accountId, final int instrumentId, final Side side,
            final long price, final long quantity)
        {
        }

        @Override
        public void onTrade(final long tradeId, final int instrumentId, final long makerOrderId,
            final long makerAccountId, final long takerOrderId, final long takerAccountId, final Side aggressor,
            final long price, final long quantity)
        {
            values[3]++;
        }

        @Override
        public void onOrderDone(final long orderId, final long accountId, final int instrumentId, final Side side,
            final DoneReason reason, final long remainingQuantity)
        {
            if (reason == DoneReason.EXPIRED)
            {
                values[1]++;
            }
        }

        @Override
        public void onLevelChanged(final int instrumentId, final Side side, final long price,
            final long totalQuantity, final int orderCount)
        {
        }

        @Override
        public void onTriggered(final long orderId, final long accountId, final int instrumentId, final Side side)
        {
            values[0]++;
        }
    }

    @Test
    void shouldTriggerStopsExpireOrdersAndReplayTheSameAfterAReset()
    {
        final Workload w4 = Workload.generate(WorkloadSpec.w4(), 42, COMMANDS);
        assertEquals(w4.commands().digest(), Workload.generate(WorkloadSpec.w4(), 42, COMMANDS).commands().digest(),
            "same seed, same commands");
        long icebergs = 0;
        long timed = 0;
        for (int i = 0; i < w4.commands().size(); i++)
        {
            icebergs += w4.commands().displayQuantity(i) != 0 ? 1 : 0;
            timed += w4.commands().timestampNs(i) != 0 ? 1 : 0;
        }
        assertTrue(icebergs > COMMANDS / 100, "icebergs: " + icebergs);
        assertEquals(COMMANDS, timed, "every command carries the flow's time");

        final MatchingCore engine = w4.newEngine();
        final Counts counts = new Counts();
        w4.prefill().applyAll(engine, counts);
        final Counts first = new Counts();
        w4.commands().applyAll(engine, first);
        assertTrue(first.values[0] > COMMANDS / 200, "stops triggered: " + first.values[0]);
        assertTrue(first.values[1] > COMMANDS / 400, "orders expired: " + first.values[1]);
        assertEquals(0, first.values[2], "no rejects");
        assertEquals(w4.stats().trades(), first.values[3], "the replay trades as the generator's engine did");
        assertEquals(w4.stats().triggeredStops(), first.values[0], "the generator counts the stops triggered");
        assertTrue(w4.stats().expiredOrders() > COMMANDS / 400 && w4.stats().expiredOrders() <= first.values[1],
            "the orders that came due, among all EXPIRED ends (IOC remainders too): " + w4.stats().expiredOrders());

        w4.reset(engine, counts);
        final Counts second = new Counts();
        w4.commands().applyAll(engine, second);
        assertArrayEquals(first.values, second.values, "a replay after a reset does the same");
    }
}
