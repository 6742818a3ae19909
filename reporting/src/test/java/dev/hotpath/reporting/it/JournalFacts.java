package dev.hotpath.reporting.it;

import dev.hotpath.engine.api.CommandType;
import dev.hotpath.engine.api.DoneReason;
import dev.hotpath.engine.api.EventSink;
import dev.hotpath.engine.api.OrderType;
import dev.hotpath.engine.api.RejectReason;
import dev.hotpath.engine.api.Side;
import dev.hotpath.engine.codec.EventDecoder;
import dev.hotpath.engine.codec.FrameLayout;
import dev.hotpath.engine.journal.EventJournalReader;

import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the engine did, counted the obvious way straight from its event journal: the reference the database
 * is checked against.
 */
final class JournalFacts implements EventSink
{
    long lastSequence;
    long trades;
    long lastTradeId;
    final Map<String, Long> netQuantity = new TreeMap<>();
    final Map<Integer, Long> volume = new TreeMap<>();
    final Map<Long, Long> placed = new TreeMap<>();
    final Map<Long, Long> rejected = new TreeMap<>();
    final Map<Long, Long> filled = new TreeMap<>();
    final Map<Long, Long> cancelled = new TreeMap<>();

    static JournalFacts read(final Path events)
    {
        final JournalFacts facts = new JournalFacts();
        try (EventJournalReader reader = new EventJournalReader(events))
        {
            while (reader.poll((frame, length, index) ->
            {
                facts.lastSequence = frame.getLong(FrameLayout.SEQUENCE_OFFSET, ByteOrder.LITTLE_ENDIAN);
                if (frame.getByte(FrameLayout.COMMAND_TYPE_OFFSET) == CommandType.PLACE.code())
                {
                    facts.placed.merge(frame.getLong(FrameLayout.ACCOUNT_ID_OFFSET, ByteOrder.LITTLE_ENDIAN), 1L,
                        Long::sum);
                }
                EventDecoder.decode(frame, FrameLayout.HEADER_LENGTH, length - FrameLayout.HEADER_LENGTH, facts);
            }, 10_000) > 0)
            {
                assert facts.lastSequence > 0;
            }
        }
        return facts;
    }

    @Override
    public void onAccepted(final long orderId, final long accountId, final int instrumentId, final Side side,
        final OrderType type, final long price, final long quantity)
    {
    }

    @Override
    public void onRejected(final long orderId, final long accountId, final int instrumentId, final RejectReason reason)
    {
        rejected.merge(accountId, 1L, Long::sum);
    }

    @Override
    public void onAmended(final long orderId, final long accountId, final int instrumentId, final Side side,
        final long price, final long quantity)
    {
    }

    @Override
    public void onTrade(final long tradeId, final int instrumentId, final long makerOrderId, final long makerAccountId,
        final long takerOrderId, final long takerAccountId, final Side aggressor, final long price, final long quantity)
    {
        trades++;
        lastTradeId = tradeId;
        final long signed = aggressor == Side.BUY ? quantity : -quantity;
        netQuantity.merge(takerAccountId + "/" + instrumentId, signed, Long::sum);
        netQuantity.merge(makerAccountId + "/" + instrumentId, -signed, Long::sum);
        volume.merge(instrumentId, quantity, Long::sum);
    }

    @Override
    public void onOrderDone(final long orderId, final long accountId, final int instrumentId, final Side side,
        final DoneReason reason, final long remainingQuantity)
    {
        if (reason == DoneReason.FILLED)
        {
            filled.merge(accountId, 1L, Long::sum);
        }
        else if (reason == DoneReason.CANCELLED)
        {
            cancelled.merge(accountId, 1L, Long::sum);
        }
    }

    @Override
    public void onLevelChanged(final int instrumentId, final Side side, final long price, final long totalQuantity,
        final int orderCount)
    {
    }
}
