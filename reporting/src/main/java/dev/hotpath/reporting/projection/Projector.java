package dev.hotpath.reporting.projection;

import dev.hotpath.engine.api.CommandType;
import dev.hotpath.engine.api.DoneReason;
import dev.hotpath.engine.api.EventSink;
import dev.hotpath.engine.api.OrderType;
import dev.hotpath.engine.api.RejectReason;
import dev.hotpath.engine.api.Side;
import dev.hotpath.engine.codec.EventDecoder;
import dev.hotpath.engine.codec.FrameLayout;
import org.agrona.DirectBuffer;
import org.agrona.collections.Int2ObjectHashMap;
import org.agrona.collections.IntHashSet;
import org.agrona.collections.Long2ObjectHashMap;

import java.math.BigDecimal;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns event journal frames into the reporting projections: trades, positions, bars, instrument totals,
 * order statistics and book levels. It keeps in memory only what the next event may change (positions,
 * each instrument's current bars, counters), collects what changed since the last {@link #drain()}, and
 * hands that over as a {@link Batch} to be written.
 *
 * <p>Bars follow journal order: a trade whose command timestamp is earlier than its instrument's previous
 * trade (senders' clocks differ) counts at the previous trade's time, so only the current bar of each
 * instrument and width is ever open. The trade history keeps every trade's own timestamp.
 *
 * <p>Mutable; owned by one thread (the ingest tailer).
 */
public final class Projector implements EventSink
{
    private final Long2ObjectHashMap<Int2ObjectHashMap<Position>> positions = new Long2ObjectHashMap<>();
    private final Int2ObjectHashMap<InstrumentRow> instruments = new Int2ObjectHashMap<>();
    private final Int2ObjectHashMap<BarSlot[]> currentBars = new Int2ObjectHashMap<>();
    private final Long2ObjectHashMap<OrderStats> stats = new Long2ObjectHashMap<>();
    private final OrderBooks books = new OrderBooks();
    private final LevelReplay levelReplay = new LevelReplay();

    private final List<TradeRow> trades = new ArrayList<>();
    private final List<Position> dirtyPositions = new ArrayList<>();
    private final List<BarRow> closedBars = new ArrayList<>();
    private final List<BarSlot> dirtyBars = new ArrayList<>();
    private final IntHashSet dirtyInstruments = new IntHashSet();
    private final List<OrderStats> dirtyStats = new ArrayList<>();
    private final Long2ObjectHashMap<Long2ObjectHashMap<BookLevelRow>> dirtyLevels = new Long2ObjectHashMap<>();
    private int dirtyLevelCount;

    private long frameSequence;
    private long frameTimestampNs;
    private long lastIndex = -1;
    private long lastSequence;
    private long lastTimestampNs;
    private int frames;
    private long events;

    /**
     * Starts from stored state.
     *
     * @param state what the database holds.
     */
    public Projector(final StoredState state)
    {
        for (final PositionRow row : state.positions())
        {
            accountPositions(row.accountId()).put(row.instrumentId(), new Position(row));
        }
        for (final InstrumentRow row : state.instruments())
        {
            instruments.put(row.instrumentId(), row);
        }
        for (final BarRow bar : state.currentBars())
        {
            barSlots(bar.instrumentId())[bar.interval().ordinal()].row = bar;
        }
        for (final OrderStatsRow row : state.orderStats())
        {
            stats.put(row.accountId(), new OrderStats(row));
        }
        books.applyAll(state.book());
        this.lastIndex = state.lastIndex();
        this.lastSequence = state.lastSequence();
    }

    /** Starts from nothing. */
    public Projector()
    {
        this(StoredState.EMPTY);
    }

    /**
     * Applies one journal frame.
     *
     * @param frame  the frame (header and events).
     * @param length its length.
     * @param index  its Chronicle index.
     */
    public void onFrame(final DirectBuffer frame, final int length, final long index)
    {
        final long sequence = frame.getLong(FrameLayout.SEQUENCE_OFFSET, ByteOrder.LITTLE_ENDIAN);
        frameSequence = sequence;
        frameTimestampNs = frame.getLong(FrameLayout.TIMESTAMP_OFFSET, ByteOrder.LITTLE_ENDIAN);
        if (frame.getByte(FrameLayout.COMMAND_TYPE_OFFSET) == CommandType.PLACE.code())
        {
            final OrderStats s = stats(frame.getLong(FrameLayout.ACCOUNT_ID_OFFSET, ByteOrder.LITTLE_ENDIAN));
            s.placed++;
        }
        events += EventDecoder.decode(frame, FrameLayout.HEADER_LENGTH, FrameLayout.eventsLength(frame), this);
        frames++;
        lastIndex = index;
        lastSequence = sequence;
        lastTimestampNs = frameTimestampNs;
    }

    /**
     * Applies only the book level changes of a frame that the stored projections already include: between the
     * stored book checkpoint and the stored journal position, on restart.
     *
     * @param frame  the frame (header and events).
     * @param length its length.
     */
    public void replayBook(final DirectBuffer frame, final int length)
    {
        EventDecoder.decode(frame, FrameLayout.HEADER_LENGTH, FrameLayout.eventsLength(frame), levelReplay);
    }

    /** @return every level of every book as the frames applied so far left them, a copy. */
    public List<BookLevelRow> book()
    {
        return books.all();
    }

    /** @return the sequence of the last frame applied (0 before the first). */
    public long lastSequence()
    {
        return lastSequence;
    }

    /** @return frames applied since the last {@link #drain()}. */
    public int pendingFrames()
    {
        return frames;
    }

    /**
     * Hands over what changed since the last call and starts a new batch.
     *
     * @return the changes, or {@code null} when no frame was applied.
     */
    public Batch drain()
    {
        return frames == 0 ? null : drain(false);
    }

    /**
     * Hands over what changed since the last call, with a checkpoint of the whole book when asked, and starts
     * a new batch. With a checkpoint the batch is made even when no frame was applied.
     *
     * @param bookCheckpoint true to add every level of every book.
     * @return the changes.
     */
    public Batch drain(final boolean bookCheckpoint)
    {
        final List<PositionRow> positionRows = new ArrayList<>(dirtyPositions.size());
        for (final Position p : dirtyPositions)
        {
            positionRows.add(p.row());
            p.dirty = false;
        }
        final List<InstrumentRow> instrumentRows = new ArrayList<>(dirtyInstruments.size());
        final IntHashSet.IntIterator ids = dirtyInstruments.iterator();
        while (ids.hasNext())
        {
            instrumentRows.add(instruments.get(ids.nextValue()));
        }
        final List<OrderStatsRow> statsRows = new ArrayList<>(dirtyStats.size());
        for (final OrderStats s : dirtyStats)
        {
            statsRows.add(s.row());
            s.dirty = false;
        }
        final List<BarRow> barRows = new ArrayList<>(closedBars.size() + dirtyBars.size());
        barRows.addAll(closedBars);
        for (final BarSlot slot : dirtyBars)
        {
            barRows.add(slot.row);
            slot.dirty = false;
        }
        final List<BookLevelRow> levelRows = new ArrayList<>(dirtyLevelCount);
        for (final Long2ObjectHashMap<BookLevelRow> side : dirtyLevels.values())
        {
            levelRows.addAll(side.values());
        }
        final Batch batch = new Batch(lastIndex, lastSequence, lastTimestampNs, frames, events, List.copyOf(trades),
            positionRows, barRows, instrumentRows, statsRows, levelRows, bookCheckpoint ? books.all() : null);
        trades.clear();
        dirtyPositions.clear();
        closedBars.clear();
        dirtyBars.clear();
        dirtyInstruments.clear();
        dirtyStats.clear();
        for (final Long2ObjectHashMap<BookLevelRow> side : dirtyLevels.values())
        {
            side.clear();
        }
        dirtyLevelCount = 0;
        frames = 0;
        events = 0;
        return batch;
    }

    @Override
    public void onAccepted(
        final long orderId, final long accountId, final int instrumentId, final Side side, final OrderType type,
        final long price, final long quantity)
    {
        stats(accountId).accepted++;
    }

    @Override
    public void onRejected(final long orderId, final long accountId, final int instrumentId, final RejectReason reason)
    {
        final OrderStats s = stats(accountId);
        s.rejected++;
        s.rejectedByReason.merge(reason == null ? "UNKNOWN" : reason.name(), 1L, Long::sum);
    }

    @Override
    public void onAmended(
        final long orderId, final long accountId, final int instrumentId, final Side side, final long price,
        final long quantity)
    {
        stats(accountId).amended++;
    }

    @Override
    public void onTrade(
        final long tradeId, final int instrumentId, final long makerOrderId, final long makerAccountId,
        final long takerOrderId, final long takerAccountId, final Side aggressor, final long price,
        final long quantity)
    {
        final boolean takerBuys = aggressor == Side.BUY;
        trades.add(new TradeRow(tradeId, frameSequence, frameTimestampNs, instrumentId, makerOrderId, makerAccountId,
            takerOrderId, takerAccountId, takerBuys, price, quantity));
        fill(makerAccountId, instrumentId, !takerBuys, price, quantity);
        fill(takerAccountId, instrumentId, takerBuys, price, quantity);

        final InstrumentRow before = instruments.get(instrumentId);
        final long barTimeNs = before == null ? frameTimestampNs : Math.max(before.lastTradeNs(), frameTimestampNs);
        final InstrumentRow after = (before == null ?
            new InstrumentRow(instrumentId, price, barTimeNs, 0, BigDecimal.ZERO, 0) : before)
            .plus(price, quantity, barTimeNs);
        instruments.put(instrumentId, after);
        dirtyInstruments.add(instrumentId);

        final BarSlot[] slots = barSlots(instrumentId);
        for (final BarSlot slot : slots)
        {
            final long startNs = slot.interval.startOf(barTimeNs);
            final BarRow current = slot.row;
            if (current != null && current.startNs() == startNs)
            {
                slot.row = current.plus(price, quantity);
            }
            else
            {
                if (slot.dirty)
                {
                    closedBars.add(current); // its last state in this batch, stored before the next bar
                }
                slot.row = BarRow.first(instrumentId, slot.interval, startNs, price, quantity);
            }
            if (!slot.dirty)
            {
                slot.dirty = true;
                dirtyBars.add(slot);
            }
        }
    }

    @Override
    public void onOrderDone(
        final long orderId, final long accountId, final int instrumentId, final Side side, final DoneReason reason,
        final long remainingQuantity)
    {
        final OrderStats s = stats(accountId);
        switch (reason)
        {
            case FILLED -> s.filled++;
            case CANCELLED -> s.cancelled++;
            case EXPIRED -> s.expired++;
            case SELF_TRADE_PREVENTED -> s.selfTradePrevented++;
            default -> throw new IllegalStateException("unknown done reason " + reason);
        }
    }

    @Override
    public void onTriggered(final long orderId, final long accountId, final int instrumentId, final Side side)
    {
        stats(accountId).triggered++;
    }

    @Override
    public void onLevelChanged(
        final int instrumentId, final Side side, final long price, final long totalQuantity, final int orderCount)
    {
        final boolean bid = side == Side.BUY;
        final BookLevelRow level = new BookLevelRow(instrumentId, bid, price, totalQuantity, orderCount);
        books.apply(level);
        final long key = OrderBooks.sideKey(instrumentId, bid);
        Long2ObjectHashMap<BookLevelRow> changed = dirtyLevels.get(key);
        if (changed == null)
        {
            changed = new Long2ObjectHashMap<>();
            dirtyLevels.put(key, changed);
        }
        if (changed.put(price, level) == null)
        {
            dirtyLevelCount++;
        }
    }

    private void fill(final long accountId, final int instrumentId, final boolean buy, final long price,
        final long quantity)
    {
        final Int2ObjectHashMap<Position> held = accountPositions(accountId);
        Position position = held.get(instrumentId);
        if (position == null)
        {
            position = new Position(accountId, instrumentId);
            held.put(instrumentId, position);
        }
        position.fill(buy, price, quantity);
        if (!position.dirty)
        {
            position.dirty = true;
            dirtyPositions.add(position);
        }
        stats(accountId).fills++;
    }

    private Int2ObjectHashMap<Position> accountPositions(final long accountId)
    {
        Int2ObjectHashMap<Position> held = positions.get(accountId);
        if (held == null)
        {
            held = new Int2ObjectHashMap<>();
            positions.put(accountId, held);
        }
        return held;
    }

    private BarSlot[] barSlots(final int instrumentId)
    {
        BarSlot[] slots = currentBars.get(instrumentId);
        if (slots == null)
        {
            final BarInterval[] intervals = BarInterval.values();
            slots = new BarSlot[intervals.length];
            for (int i = 0; i < intervals.length; i++)
            {
                slots[i] = new BarSlot(intervals[i]);
            }
            currentBars.put(instrumentId, slots);
        }
        return slots;
    }

    private OrderStats stats(final long accountId)
    {
        OrderStats s = stats.get(accountId);
        if (s == null)
        {
            s = new OrderStats(accountId);
            stats.put(accountId, s);
        }
        if (!s.dirty)
        {
            s.dirty = true;
            dirtyStats.add(s);
        }
        return s;
    }

    /** Applies level changes to the book and ignores every other event. */
    private final class LevelReplay implements EventSink
    {
        @Override
        public void onAccepted(final long orderId, final long accountId, final int instrumentId, final Side side,
            final OrderType type, final long price, final long quantity)
        {
        }

        @Override
        public void onRejected(final long orderId, final long accountId, final int instrumentId,
            final RejectReason reason)
        {
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
        }

        @Override
        public void onOrderDone(final long orderId, final long accountId, final int instrumentId, final Side side,
            final DoneReason reason, final long remainingQuantity)
        {
        }

        @Override
        public void onLevelChanged(final int instrumentId, final Side side, final long price,
            final long totalQuantity, final int orderCount)
        {
            books.apply(new BookLevelRow(instrumentId, side == Side.BUY, price, totalQuantity, orderCount));
        }
    }

    /** An instrument's open bar of one width, and whether this batch changed it. */
    private static final class BarSlot
    {
        final BarInterval interval;
        BarRow row;
        boolean dirty;

        BarSlot(final BarInterval interval)
        {
            this.interval = interval;
        }
    }
}
