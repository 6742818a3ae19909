package dev.hotpath.benchmarks;

import dev.hotpath.engine.api.DoneReason;
import dev.hotpath.engine.api.EventSink;
import dev.hotpath.engine.api.OrderType;
import dev.hotpath.engine.api.RejectReason;
import dev.hotpath.engine.api.Side;

/**
 * The cheapest sink that still uses its events: it counts them and folds one field of each into a
 * checksum that the benchmark returns, so the JIT cannot drop the work that produces the arguments. About
 * a nanosecond per event; a real publisher costs more.
 *
 * <p>Single-threaded, like the engine.
 */
final class CountingSink implements EventSink
{
    long events;
    long checksum;

    @Override
    public void onAccepted(
        final long orderId, final long accountId, final int instrumentId, final Side side, final OrderType type,
        final long price, final long quantity)
    {
        events++;
        checksum += orderId;
    }

    @Override
    public void onRejected(final long orderId, final long accountId, final int instrumentId, final RejectReason reason)
    {
        events++;
        checksum += reason.code();
    }

    @Override
    public void onAmended(
        final long orderId, final long accountId, final int instrumentId, final Side side, final long price,
        final long quantity)
    {
        events++;
        checksum += price;
    }

    @Override
    public void onTrade(
        final long tradeId, final int instrumentId, final long makerOrderId, final long makerAccountId,
        final long takerOrderId, final long takerAccountId, final Side aggressor, final long price,
        final long quantity)
    {
        events++;
        checksum += quantity;
    }

    @Override
    public void onOrderDone(
        final long orderId, final long accountId, final int instrumentId, final Side side, final DoneReason reason,
        final long remainingQuantity)
    {
        events++;
        checksum += remainingQuantity;
    }

    @Override
    public void onLevelChanged(
        final int instrumentId, final Side side, final long price, final long totalQuantity, final int orderCount)
    {
        events++;
        checksum += totalQuantity;
    }
}
