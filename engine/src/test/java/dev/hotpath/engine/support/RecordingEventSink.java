package dev.hotpath.engine.support;

import dev.hotpath.engine.api.DoneReason;
import dev.hotpath.engine.api.EventSink;
import dev.hotpath.engine.api.OrderType;
import dev.hotpath.engine.api.RejectReason;
import dev.hotpath.engine.api.Side;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * An {@link EventSink} for tests that turns every event into an {@link Event} record and keeps them in arrival
 * order, so that a test can assert the exact event list a command produced.
 *
 * <p>Not thread-safe: used by the one test thread that drives the engine.
 */
public final class RecordingEventSink implements EventSink
{
    private final List<Event> events = new ArrayList<>();

    /** @return the events recorded so far, oldest first (a read-only view). */
    public List<Event> events()
    {
        return Collections.unmodifiableList(events);
    }

    /** @return the events recorded since the last drain, oldest first, and forgets them. */
    public List<Event> drain()
    {
        final List<Event> copy = List.copyOf(events);
        events.clear();
        return copy;
    }

    /** Forgets the events recorded so far. */
    public void clear()
    {
        events.clear();
    }

    /** @return how many events are recorded. */
    public int size()
    {
        return events.size();
    }

    /**
     * @param type an event record type.
     * @param <T>  that type.
     * @return the recorded events of that type, oldest first.
     */
    public <T extends Event> List<T> ofType(final Class<T> type)
    {
        final List<T> result = new ArrayList<>();
        for (final Event event : events)
        {
            if (type.isInstance(event))
            {
                result.add(type.cast(event));
            }
        }
        return result;
    }

    @Override
    public void onAccepted(
        final long orderId,
        final long accountId,
        final int instrumentId,
        final Side side,
        final OrderType type,
        final long price,
        final long quantity)
    {
        events.add(new Event.Accepted(orderId, accountId, instrumentId, side, type, price, quantity));
    }

    @Override
    public void onRejected(final long orderId, final long accountId, final int instrumentId, final RejectReason reason)
    {
        events.add(new Event.Rejected(orderId, accountId, instrumentId, reason));
    }

    @Override
    public void onAmended(
        final long orderId,
        final long accountId,
        final int instrumentId,
        final Side side,
        final long price,
        final long quantity)
    {
        events.add(new Event.Amended(orderId, accountId, instrumentId, side, price, quantity));
    }

    @Override
    public void onTrade(
        final long tradeId,
        final int instrumentId,
        final long makerOrderId,
        final long makerAccountId,
        final long takerOrderId,
        final long takerAccountId,
        final Side aggressor,
        final long price,
        final long quantity)
    {
        events.add(new Event.Trade(
            tradeId, instrumentId, makerOrderId, makerAccountId, takerOrderId, takerAccountId, aggressor, price,
            quantity));
    }

    @Override
    public void onOrderDone(
        final long orderId,
        final long accountId,
        final int instrumentId,
        final Side side,
        final DoneReason reason,
        final long remainingQuantity)
    {
        events.add(new Event.OrderDone(orderId, accountId, instrumentId, side, reason, remainingQuantity));
    }

    @Override
    public void onLevelChanged(
        final int instrumentId, final Side side, final long price, final long totalQuantity, final int orderCount)
    {
        events.add(new Event.LevelChanged(instrumentId, side, price, totalQuantity, orderCount));
    }

    @Override
    public void onTriggered(final long orderId, final long accountId, final int instrumentId, final Side side)
    {
        events.add(new Event.Triggered(orderId, accountId, instrumentId, side));
    }

    @Override
    public void onLimitsSet(
        final long accountId,
        final long maxOrderQuantity,
        final long maxOrderNotional,
        final int maxOpenOrders,
        final long maxPosition)
    {
        events.add(new Event.LimitsSet(accountId, maxOrderQuantity, maxOrderNotional, maxOpenOrders, maxPosition));
    }
}
