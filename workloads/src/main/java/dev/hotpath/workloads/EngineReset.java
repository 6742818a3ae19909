package dev.hotpath.workloads;

import dev.hotpath.engine.api.EventSink;
import dev.hotpath.engine.api.Side;
import dev.hotpath.engine.matching.MatchingEngine;

import java.util.Arrays;

/**
 * Empties an engine's books by cancelling every open order as its owner would, without allocating (the
 * ids are collected into arrays kept from one call to the next). Benchmarks use it to rewind an engine
 * between invocations without building a new one, so that no garbage, and no GC, comes from the setup.
 *
 * <p>Not thread-safe: use it on the engine's thread.
 */
public final class EngineReset implements MatchingEngine.OrderVisitor
{
    private long[] orderIds;
    private long[] accountIds;
    private int count;

    /**
     * @param expectedOrders open orders to size the arrays for.
     */
    public EngineReset(final int expectedOrders)
    {
        orderIds = new long[Math.max(16, expectedOrders)];
        accountIds = new long[orderIds.length];
    }

    /**
     * Cancels every open order of the engine.
     *
     * @param engine the engine.
     * @param sink   receives the cancels' events.
     * @return how many orders were cancelled.
     */
    public int cancelAllOpenOrders(final MatchingEngine engine, final EventSink sink)
    {
        count = 0;
        engine.forEachOrder(this);
        final int cancelled = count;
        for (int i = 0; i < cancelled; i++)
        {
            engine.cancel(orderIds[i], accountIds[i], sink);
        }
        count = 0;
        return cancelled;
    }

    @Override
    public void order(
        final long orderId, final long accountId, final int instrumentId, final Side side, final byte typeCode,
        final long price, final long remainingQuantity, final long visibleQuantity,
        final long filledQuantity)
    {
        if (count == orderIds.length)
        {
            orderIds = Arrays.copyOf(orderIds, count * 2);
            accountIds = Arrays.copyOf(accountIds, count * 2);
        }
        orderIds[count] = orderId;
        accountIds[count++] = accountId;
    }
}
