package dev.hotpath.reporting.projection;

import dev.hotpath.engine.api.CommandType;
import dev.hotpath.engine.api.DoneReason;
import dev.hotpath.engine.api.EventSink;
import dev.hotpath.engine.api.OrderType;
import dev.hotpath.engine.api.RejectReason;
import dev.hotpath.engine.api.Side;
import dev.hotpath.engine.codec.EventEncoder;
import dev.hotpath.engine.codec.FrameLayout;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.nio.ByteOrder;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * The {@link Projector} alone, fed journal frames built here (no engine, no database), against values worked
 * out by hand. The flow on instrument 7, one frame per command:
 *
 * <pre>
 *  seq  t(s)  command                                events                                     by hand
 *  1    0.0   acct 1 PLACE sell 10 @100 (order 1)    accepted
 *  2    0.1   acct 1 PLACE sell 5 @101 (order 2)     accepted
 *  3    0.5   acct 2 PLACE buy 12 @101 (order 3)     accepted; trade 1: 10 @100 (maker 1),      partial fill of
 *                                                    order 1 FILLED; trade 2: 2 @101 (maker 2)  order 2 (3 left)
 *                                                    order 3 FILLED
 *  4    0.7   acct 1 AMEND order 2 to 3 @104         amended                                    amend
 *  5    1.2   acct 3 PLACE buy 6 @105 IOC (order 4)  accepted; trade 3: 3 @104 (maker 2),       partial fill,
 *                                                    order 2 FILLED, order 4 EXPIRED (3 left)   IOC expiry
 *  6    1.3   acct 2 PLACE sell 6 @104 (order 5)     accepted                                   acct 2 reduces
 *  7    1.4   acct 3 PLACE buy 6 @104 (order 6)      accepted; trade 4: 6 @104 (maker 5)        its long 12
 *                                                    orders 5 and 6 FILLED
 *  8    1.5   acct 3 PLACE sell 2 @110 (order 7)     accepted
 *  9    1.6   acct 3 PLACE buy 2 @110 (order 8)      order 7 SELF_TRADE_PREVENTED; order 8       STP cancel
 *                                                    accepted, rests
 * 10    1.7   acct 3 PLACE buy 1 @0 (order 9)        rejected INVALID_PRICE
 * 11    1.8   acct 1 CANCEL order 99                 rejected UNKNOWN_ORDER
 * 12    1.9   acct 3 CANCEL order 8                  order 8 CANCELLED
 * </pre>
 *
 * Positions by average cost: account 2 buys 10 @100 + 2 @101 (12 for 1202), sells 6 @104: takes out
 * 1202 x 6/12 = 601 and realizes 6 x 104 - 601 = 23, keeping 6 for 601 (unrealized at 104: 23). Account 1 sells
 * 10 @100, 2 @101, 3 @104: -15 for -1514. Account 3 buys 3 @104 and 6 @104: 9 for 936.
 */
class ProjectorTest
{
    private static final int INSTRUMENT = 7;
    /** Aligned to a minute. */
    private static final long T0 = 1_700_000_040_000_000_000L;
    private static final long MS = 1_000_000L;

    private final UnsafeBuffer frame = new UnsafeBuffer(new byte[4096]);
    private final UnsafeBuffer events = new UnsafeBuffer(new byte[4096]);
    private final EventEncoder encoder = new EventEncoder();
    private long sequence;
    private java.util.function.LongPredicate keep;

    private void frame(final Projector projector, final long atMs, final CommandType type, final long account,
        final Consumer<EventSink> body)
    {
        encoder.wrap(events);
        body.accept(encoder);
        final int length = encoder.length();
        sequence++;
        if (keep != null && !keep.test(sequence))
        {
            return;
        }
        frame.setMemory(0, FrameLayout.HEADER_LENGTH, (byte)0);
        frame.putLong(FrameLayout.SEQUENCE_OFFSET, sequence, ByteOrder.LITTLE_ENDIAN);
        frame.putLong(FrameLayout.TIMESTAMP_OFFSET, T0 + atMs * MS, ByteOrder.LITTLE_ENDIAN);
        frame.putLong(FrameLayout.ACCOUNT_ID_OFFSET, account, ByteOrder.LITTLE_ENDIAN);
        frame.putByte(FrameLayout.COMMAND_TYPE_OFFSET, type.code());
        frame.putInt(FrameLayout.EVENTS_LENGTH_OFFSET, length, ByteOrder.LITTLE_ENDIAN);
        frame.putBytes(FrameLayout.HEADER_LENGTH, events, 0, length);
        projector.onFrame(frame, FrameLayout.HEADER_LENGTH + length, 1000 + sequence);
    }

    private void flow(final Projector p)
    {
        frame(p, 0, CommandType.PLACE, 1, e -> e.onAccepted(1, 1, INSTRUMENT, Side.SELL, OrderType.LIMIT, 100, 10));
        frame(p, 100, CommandType.PLACE, 1, e -> e.onAccepted(2, 1, INSTRUMENT, Side.SELL, OrderType.LIMIT, 101, 5));
        frame(p, 500, CommandType.PLACE, 2, e ->
        {
            e.onAccepted(3, 2, INSTRUMENT, Side.BUY, OrderType.LIMIT, 101, 12);
            e.onTrade(1, INSTRUMENT, 1, 1, 3, 2, Side.BUY, 100, 10);
            e.onOrderDone(1, 1, INSTRUMENT, Side.SELL, DoneReason.FILLED, 0);
            e.onTrade(2, INSTRUMENT, 2, 1, 3, 2, Side.BUY, 101, 2);
            e.onOrderDone(3, 2, INSTRUMENT, Side.BUY, DoneReason.FILLED, 0);
        });
        frame(p, 700, CommandType.AMEND, 1, e -> e.onAmended(2, 1, INSTRUMENT, Side.SELL, 104, 3));
        frame(p, 1200, CommandType.PLACE, 3, e ->
        {
            e.onAccepted(4, 3, INSTRUMENT, Side.BUY, OrderType.IOC, 105, 6);
            e.onTrade(3, INSTRUMENT, 2, 1, 4, 3, Side.BUY, 104, 3);
            e.onOrderDone(2, 1, INSTRUMENT, Side.SELL, DoneReason.FILLED, 0);
            e.onOrderDone(4, 3, INSTRUMENT, Side.BUY, DoneReason.EXPIRED, 3);
        });
        frame(p, 1300, CommandType.PLACE, 2, e -> e.onAccepted(5, 2, INSTRUMENT, Side.SELL, OrderType.LIMIT, 104, 6));
        frame(p, 1400, CommandType.PLACE, 3, e ->
        {
            e.onAccepted(6, 3, INSTRUMENT, Side.BUY, OrderType.LIMIT, 104, 6);
            e.onTrade(4, INSTRUMENT, 5, 2, 6, 3, Side.BUY, 104, 6);
            e.onOrderDone(5, 2, INSTRUMENT, Side.SELL, DoneReason.FILLED, 0);
            e.onOrderDone(6, 3, INSTRUMENT, Side.BUY, DoneReason.FILLED, 0);
        });
        frame(p, 1500, CommandType.PLACE, 3, e ->
        {
            e.onAccepted(7, 3, INSTRUMENT, Side.SELL, OrderType.LIMIT, 110, 2);
            e.onLevelChanged(INSTRUMENT, Side.SELL, 110, 2, 1);
        });
        frame(p, 1600, CommandType.PLACE, 3, e ->
        {
            e.onOrderDone(7, 3, INSTRUMENT, Side.SELL, DoneReason.SELF_TRADE_PREVENTED, 2);
            e.onLevelChanged(INSTRUMENT, Side.SELL, 110, 0, 0);
            e.onAccepted(8, 3, INSTRUMENT, Side.BUY, OrderType.LIMIT, 110, 2);
            e.onLevelChanged(INSTRUMENT, Side.BUY, 110, 2, 1);
        });
        frame(p, 1700, CommandType.PLACE, 3, e -> e.onRejected(9, 3, INSTRUMENT, RejectReason.INVALID_PRICE));
        frame(p, 1800, CommandType.CANCEL, 1, e -> e.onRejected(99, 1, INSTRUMENT, RejectReason.UNKNOWN_ORDER));
        frame(p, 1900, CommandType.CANCEL, 3, e ->
        {
            e.onOrderDone(8, 3, INSTRUMENT, Side.BUY, DoneReason.CANCELLED, 2);
            e.onLevelChanged(INSTRUMENT, Side.BUY, 110, 0, 0);
        });
    }

    private static void assertPosition(final List<PositionRow> rows, final long account, final long quantity,
        final String openCost, final String realized, final long bought, final long sold)
    {
        final PositionRow row = rows.stream().filter(r -> r.accountId() == account).findFirst().orElseThrow();
        assertEquals(INSTRUMENT, row.instrumentId());
        assertEquals(quantity, row.quantity(), row.toString());
        assertEquals(0, new BigDecimal(openCost).compareTo(row.openCost()), row.toString());
        assertEquals(0, new BigDecimal(realized).compareTo(row.realizedPnl()), row.toString());
        assertEquals(bought, row.boughtQuantity(), row.toString());
        assertEquals(sold, row.soldQuantity(), row.toString());
    }

    @Test
    void shouldProjectEveryTableOfTheFlowByHand()
    {
        final Projector p = new Projector();
        flow(p);
        final Batch b = p.drain();

        assertEquals(12, b.frames());
        assertEquals(12, b.lastSequence());
        assertEquals(1012, b.lastIndex());
        assertEquals(List.of(
            new TradeRow(1, 3, T0 + 500 * MS, INSTRUMENT, 1, 1, 3, 2, true, 100, 10),
            new TradeRow(2, 3, T0 + 500 * MS, INSTRUMENT, 2, 1, 3, 2, true, 101, 2),
            new TradeRow(3, 5, T0 + 1200 * MS, INSTRUMENT, 2, 1, 4, 3, true, 104, 3),
            new TradeRow(4, 7, T0 + 1400 * MS, INSTRUMENT, 5, 2, 6, 3, true, 104, 6)), b.trades());

        assertEquals(3, b.positions().size());
        assertPosition(b.positions(), 1, -15, "-1514", "0", 0, 15);
        assertPosition(b.positions(), 2, 6, "601", "23", 12, 6);
        assertPosition(b.positions(), 3, 9, "936", "0", 9, 0);
        final PositionRow two = b.positions().stream().filter(r -> r.accountId() == 2).findFirst().orElseThrow();
        assertEquals(0, new BigDecimal("23").compareTo(two.unrealizedPnl(104)));
        assertEquals(0, new BigDecimal("100.1666666667").compareTo(two.averagePrice()));

        // 18 traded for 1000 + 202 + 312 + 624 = 2138 at last 104.
        assertEquals(List.of(new InstrumentRow(INSTRUMENT, 104, T0 + 1400 * MS, 21, new BigDecimal("2138"), 4)),
            b.instruments().stream().map(i -> new InstrumentRow(i.instrumentId(), i.lastPrice(), i.lastTradeNs(),
                i.volume(), i.notional().stripTrailingZeros(), i.tradeCount())).toList());

        // a batch's bars in no particular order (each is stored by its key): closed bars first, then open ones
        assertEquals(List.of(
            new BarRow(INSTRUMENT, BarInterval.ONE_SECOND, T0, 100, 101, 100, 101, 12, new BigDecimal("1202"), 2),
            new BarRow(INSTRUMENT, BarInterval.ONE_SECOND, T0 + 1000 * MS, 104, 104, 104, 104, 9,
                new BigDecimal("936"), 2),
            new BarRow(INSTRUMENT, BarInterval.ONE_MINUTE, T0, 100, 104, 100, 104, 21, new BigDecimal("2138"), 4)),
            b.bars().stream().map(ProjectorTest::plain).toList());

        assertEquals(Map.of(
            1L, new OrderStatsRow(1, 2, 2, 1, 1, 2, 0, 0, 0, 3, 0, Map.of("UNKNOWN_ORDER", 1L)),
            2L, new OrderStatsRow(2, 2, 2, 0, 0, 2, 0, 0, 0, 3, 0, Map.of()),
            3L, new OrderStatsRow(3, 5, 4, 0, 1, 1, 1, 1, 1, 2, 0, Map.of("INVALID_PRICE", 1L))),
            b.orderStats().stream().collect(java.util.stream.Collectors.toMap(OrderStatsRow::accountId, s -> s)));

        // Each level as the last change left it: both 110 levels gone (quantity 0).
        assertEquals(java.util.Set.of(new BookLevelRow(INSTRUMENT, false, 110, 0, 0), new BookLevelRow(INSTRUMENT, true,
            110, 0, 0)), java.util.Set.copyOf(b.levels()));
        assertEquals(2, b.levels().size(), "each level once");
        assertNull(p.drain(), "nothing new, nothing to write");
    }

    private static BarRow plain(final BarRow b)
    {
        return new BarRow(b.instrumentId(), b.interval(), b.startNs(), b.open(), b.high(), b.low(), b.close(),
            b.volume(), b.notional().stripTrailingZeros(), b.tradeCount());
    }

    @Test
    void shouldCountATriggeredStopForItsOwnerAndItsTradesAsAnyOrders()
    {
        final Projector p = new Projector();
        frame(p, 0, CommandType.PLACE, 4, e -> e.onAccepted(1, 4, INSTRUMENT, Side.BUY, OrderType.STOP, 0, 3));
        frame(p, 100, CommandType.PLACE, 5, e -> e.onAccepted(2, 5, INSTRUMENT, Side.SELL, OrderType.LIMIT, 100, 5));
        frame(p, 200, CommandType.PLACE, 6, e ->
        {
            e.onAccepted(3, 6, INSTRUMENT, Side.BUY, OrderType.LIMIT, 100, 1);
            e.onTrade(1, INSTRUMENT, 2, 5, 3, 6, Side.BUY, 100, 1);
            e.onOrderDone(3, 6, INSTRUMENT, Side.BUY, DoneReason.FILLED, 0);
            e.onTriggered(1, 4, INSTRUMENT, Side.BUY); // the trade at 100 reached account 4's stop
            e.onTrade(2, INSTRUMENT, 2, 5, 1, 4, Side.BUY, 100, 3);
            e.onOrderDone(1, 4, INSTRUMENT, Side.BUY, DoneReason.FILLED, 0);
        });
        final Batch b = p.drain();
        assertEquals(new OrderStatsRow(4, 1, 1, 0, 0, 1, 0, 0, 0, 1, 1, Map.of()),
            b.orderStats().stream().filter(s -> s.accountId() == 4).findFirst().orElseThrow());
        assertEquals(0, b.orderStats().stream().filter(s -> s.accountId() == 6).findFirst().orElseThrow()
            .triggered(), "the sender of the command that made the trade triggered nothing of its own");
        assertPosition(b.positions(), 4, 3, "300", "0", 3, 0);
    }

    @Test
    void shouldHandOverOnlyWhatChangedAndSnapshotsThatLaterEventsCannotTouch()
    {
        final Projector p = new Projector();
        flow(p);
        final Batch first = p.drain();
        final OrderStatsRow statsBefore = first.orderStats().stream().filter(s -> s.accountId() == 1).findFirst()
            .orElseThrow();
        final PositionRow positionBefore = first.positions().stream().filter(r -> r.accountId() == 1).findFirst()
            .orElseThrow();

        // Account 1 is rejected again and buys 5 back from account 2 @ 100: realizes 5 x (1514/15) - 500.
        frame(p, 2500, CommandType.PLACE, 1, e ->
        {
            e.onRejected(10, 1, INSTRUMENT, RejectReason.UNKNOWN_ORDER);
        });
        frame(p, 2600, CommandType.PLACE, 1, e ->
        {
            e.onAccepted(11, 1, INSTRUMENT, Side.BUY, OrderType.MARKET, 0, 5);
            e.onTrade(5, INSTRUMENT, 12, 2, 11, 1, Side.BUY, 100, 5);
            e.onOrderDone(11, 1, INSTRUMENT, Side.BUY, DoneReason.FILLED, 0);
        });
        final Batch second = p.drain();

        assertEquals(Map.of("UNKNOWN_ORDER", 1L), statsBefore.rejectedByReason(), "the first batch is a snapshot");
        assertEquals(2, statsBefore.placed());
        assertEquals(-15, positionBefore.quantity());
        assertEquals(List.of(5L), second.trades().stream().map(TradeRow::tradeId).toList());
        assertEquals(List.of(1L, 2L), second.positions().stream().map(PositionRow::accountId).sorted().toList());
        assertEquals(List.of(1L, 2L), second.orderStats().stream().map(OrderStatsRow::accountId).sorted().toList());
        assertEquals(new OrderStatsRow(1, 4, 3, 1, 2, 3, 0, 0, 0, 4, 0, Map.of("UNKNOWN_ORDER", 2L)),
            second.orderStats().stream().filter(s -> s.accountId() == 1).findFirst().orElseThrow());
        // -15 for -1514, buy back 5: takes out -1514 x 5/15 = -504.6666666667, realizes -500 + 504.6666666667.
        assertPosition(second.positions(), 1, -10, "-1009.3333333333", "4.6666666667", 5, 15);
        assertEquals(1, second.bars().stream().filter(b -> b.interval() == BarInterval.ONE_SECOND).count());
        assertEquals(T0 + 2000 * MS, second.bars().stream().filter(b -> b.interval() == BarInterval.ONE_SECOND)
            .findFirst().orElseThrow().startNs());
    }

    @Test
    void shouldGoOnFromStoredStateAsIfNeverStopped()
    {
        final Projector straight = new Projector();
        flow(straight);
        final Batch all = straight.drain();

        // Stop after frame 6; what the database then holds is the first drain (every row it touched) plus the
        // current bars; a new projector starts from that and applies frames 7 to 12 only.
        sequence = 0;
        keep = s -> s <= 6;
        final Projector first = new Projector();
        flow(first);
        final Batch firstHalf = first.drain();
        final StoredState stored = new StoredState(firstHalf.lastIndex(), firstHalf.lastSequence(),
            firstHalf.positions(), firstHalf.instruments(), List.of(
                firstHalf.bars().stream().filter(b -> b.interval() == BarInterval.ONE_SECOND)
                    .max(java.util.Comparator.comparingLong(BarRow::startNs)).orElseThrow(),
                firstHalf.bars().stream().filter(b -> b.interval() == BarInterval.ONE_MINUTE).findFirst()
                    .orElseThrow()),
            firstHalf.orderStats(), firstHalf.lastIndex(), firstHalf.lastSequence(), first.book());
        final Projector resumed = new Projector(stored);
        assertEquals(6, resumed.lastSequence());
        sequence = 0;
        keep = s -> s > 6;
        flow(resumed);
        keep = null;
        final Batch secondHalf = resumed.drain();

        assertEquals(6, secondHalf.frames());
        for (final OrderStatsRow s : secondHalf.orderStats())
        {
            assertEquals(all.orderStats().stream().filter(a -> a.accountId() == s.accountId()).findFirst()
                .orElseThrow(), s);
        }
        for (final PositionRow r : secondHalf.positions())
        {
            assertEquals(all.positions().stream().filter(a -> a.accountId() == r.accountId()).findFirst()
                .orElseThrow(), r);
        }
        assertEquals(all.instruments(), secondHalf.instruments());
        assertEquals(all.bars().stream().filter(b -> b.startNs() == T0 + 1000 * MS).toList(),
            secondHalf.bars().stream().filter(b -> b.interval() == BarInterval.ONE_SECOND).toList());
        assertEquals(new java.util.HashSet<>(straight.book()), new java.util.HashSet<>(resumed.book()));
    }
}
