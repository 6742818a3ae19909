package dev.hotpath.engine.api;


/**
 * An {@link EventSink} that ignores every event: to rebuild state without encoding events (replay, recovery
 * of commands already published) and to measure the matching engine alone.
 *
 * <p>Stateless; any thread.
 */
public final class NoOpEventSink implements EventSink
{
    /** The one instance. */
    public static final NoOpEventSink INSTANCE = new NoOpEventSink();

    private NoOpEventSink()
    {
    }

    @Override
    public void onAccepted(
        final long orderId, final long accountId, final int instrumentId, final Side side, final OrderType type,
        final long price, final long quantity)
    {
    }

    @Override
    public void onRejected(final long orderId, final long accountId, final int instrumentId, final RejectReason reason)
    {
    }

    @Override
    public void onAmended(
        final long orderId, final long accountId, final int instrumentId, final Side side, final long price,
        final long quantity)
    {
    }

    @Override
    public void onTrade(
        final long tradeId, final int instrumentId, final long makerOrderId, final long makerAccountId,
        final long takerOrderId, final long takerAccountId, final Side aggressor, final long price,
        final long quantity)
    {
    }

    @Override
    public void onOrderDone(
        final long orderId, final long accountId, final int instrumentId, final Side side, final DoneReason reason,
        final long remainingQuantity)
    {
    }

    @Override
    public void onLevelChanged(
        final int instrumentId, final Side side, final long price, final long totalQuantity, final int orderCount)
    {
    }
}
