package dev.hotpath.workloads;

import dev.hotpath.engine.api.DoneReason;
import dev.hotpath.engine.api.EventSink;
import dev.hotpath.engine.api.OrderType;
import dev.hotpath.engine.api.RejectReason;
import dev.hotpath.engine.api.Side;

/** Folds every event, with all its fields, into a 64-bit digest, and counts events by kind. */
final class DigestingSink implements EventSink
{
    long digest = 0x84222325CBF29CE4L;
    long accepted;
    long rejected;
    long amended;
    long trades;
    long done;
    long levelChanges;

    private void mix(final long v)
    {
        digest = (digest ^ v) * 0x100000001B3L + (digest >>> 29);
    }

    @Override
    public void onAccepted(
        final long orderId, final long accountId, final int instrumentId, final Side side, final OrderType type,
        final long price, final long quantity)
    {
        accepted++;
        mix('A');
        mix(orderId);
        mix(accountId);
        mix(instrumentId);
        mix(side.code());
        mix(type.code());
        mix(price);
        mix(quantity);
    }

    @Override
    public void onRejected(final long orderId, final long accountId, final int instrumentId, final RejectReason reason)
    {
        rejected++;
        mix('R');
        mix(orderId);
        mix(accountId);
        mix(instrumentId);
        mix(reason.code());
    }

    @Override
    public void onAmended(
        final long orderId, final long accountId, final int instrumentId, final Side side, final long price,
        final long quantity)
    {
        amended++;
        mix('M');
        mix(orderId);
        mix(accountId);
        mix(instrumentId);
        mix(side.code());
        mix(price);
        mix(quantity);
    }

    @Override
    public void onTrade(
        final long tradeId, final int instrumentId, final long makerOrderId, final long makerAccountId,
        final long takerOrderId, final long takerAccountId, final Side aggressor, final long price,
        final long quantity)
    {
        trades++;
        mix('T');
        mix(tradeId);
        mix(instrumentId);
        mix(makerOrderId);
        mix(makerAccountId);
        mix(takerOrderId);
        mix(takerAccountId);
        mix(aggressor.code());
        mix(price);
        mix(quantity);
    }

    @Override
    public void onOrderDone(
        final long orderId, final long accountId, final int instrumentId, final Side side, final DoneReason reason,
        final long remainingQuantity)
    {
        done++;
        mix('D');
        mix(orderId);
        mix(accountId);
        mix(instrumentId);
        mix(side.code());
        mix(reason.code());
        mix(remainingQuantity);
    }

    @Override
    public void onLevelChanged(
        final int instrumentId, final Side side, final long price, final long totalQuantity, final int orderCount)
    {
        levelChanges++;
        mix('L');
        mix(instrumentId);
        mix(side.code());
        mix(price);
        mix(totalQuantity);
        mix(orderCount);
    }

    @Override
    public String toString()
    {
        return "digest=" + Long.toHexString(digest) + " accepted=" + accepted + " rejected=" + rejected +
            " amended=" + amended + " trades=" + trades + " done=" + done + " levelChanges=" + levelChanges;
    }
}
