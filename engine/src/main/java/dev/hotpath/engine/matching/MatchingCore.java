package dev.hotpath.engine.matching;

import dev.hotpath.engine.api.Command;
import dev.hotpath.engine.api.DoneReason;
import dev.hotpath.engine.api.EventSink;
import dev.hotpath.engine.api.Instrument;
import dev.hotpath.engine.api.OrderType;
import dev.hotpath.engine.api.RejectReason;
import dev.hotpath.engine.api.SelfTradePolicy;
import dev.hotpath.engine.api.Side;
import dev.hotpath.engine.book.BookSide;
import dev.hotpath.engine.book.LevelScratch;
import dev.hotpath.engine.book.ObjectPool;
import dev.hotpath.engine.book.Order;
import dev.hotpath.engine.book.OrderBook;
import dev.hotpath.engine.book.PriceLevel;
import dev.hotpath.engine.book.StopOrders;
import org.agrona.collections.Long2ObjectHashMap;

import java.util.Arrays;
import java.util.List;

/**
 * The fast matching engine of the hot path: the books of many instruments, matched with price-time
 * priority, following <a href="../../../../../../../docs/matching-rules.md">docs/matching-rules.md</a> to
 * the letter.
 *
 * <p>Nothing is allocated per command once warmed up: orders and price levels come from pools, orders are
 * found by id in an Agrona {@link Long2ObjectHashMap} (open addressing on a {@code long[]}, no boxing),
 * events go out as primitive arguments. Bad input is rejected through the sink, never thrown.
 *
 * <p>Single-threaded: only the matching thread may call it.
 */
public final class MatchingCore implements MatchingEngine
{
    private static final int DEFAULT_EXPECTED_ORDERS = 1 << 16;
    private static final int DEFAULT_FAR_LEVELS_PER_SIDE = 64;

    private final Instrument[] instruments;
    private final OrderBook[] books;
    private final StopOrders[] stops;
    private final Long2ObjectHashMap<Order> ordersById;
    private final ObjectPool<Order> orderPool;
    private final ObjectPool<PriceLevel> levelPool;
    private final SelfTradePolicy selfTradePolicy;
    private long lastTradeId;
    private boolean selfTradeStopped;
    private Order[] scratch = new Order[64];
    private PreTradeCheck preTradeCheck;
    private final ExpiryQueue expiries = new ExpiryQueue();
    /** The engine's time: the latest command timestamp seen (epoch ns); orders expire against it. */
    private long nowNs;
    /** The expiry of the new order being executed (0: none): given to it if it rests. */
    private long newOrderExpiresAtNs;
    /** Stops triggered during the current command, in trigger order, waiting to enter after it: a FIFO. */
    private Order[] triggered = new Order[64];
    private int triggeredHead;
    private int triggeredCount;

    /**
     * An engine sized for typical use.
     *
     * @param instruments     the tradable instruments (ids need not be dense, but index an array).
     * @param selfTradePolicy what to do when an account's orders would trade with each other.
     */
    public MatchingCore(final List<Instrument> instruments, final SelfTradePolicy selfTradePolicy)
    {
        this(instruments, selfTradePolicy, DEFAULT_EXPECTED_ORDERS);
    }

    /**
     * @param instruments     the tradable instruments.
     * @param selfTradePolicy what to do when an account's orders would trade with each other.
     * @param expectedOrders  open orders to preallocate for (pools grow beyond it, allocating once).
     */
    public MatchingCore(
        final List<Instrument> instruments, final SelfTradePolicy selfTradePolicy, final int expectedOrders)
    {
        this(instruments, selfTradePolicy, expectedOrders, BookSide.DEFAULT_LADDER_SLOTS);
    }

    /**
     * @param instruments     the tradable instruments.
     * @param selfTradePolicy what to do when an account's orders would trade with each other.
     * @param expectedOrders  open orders to preallocate for (pools grow beyond it, allocating once).
     * @param ladderSlots     prices per book side held in the direct-mapped window near the market (a power
     *                        of two from 64 to 4,096; tests use small windows so that prices fall outside).
     */
    public MatchingCore(
        final List<Instrument> instruments,
        final SelfTradePolicy selfTradePolicy,
        final int expectedOrders,
        final int ladderSlots)
    {
        int maxId = -1;
        for (final Instrument instrument : instruments)
        {
            maxId = Math.max(maxId, instrument.id());
        }
        this.instruments = new Instrument[maxId + 1];
        this.books = new OrderBook[maxId + 1];
        this.stops = new StopOrders[maxId + 1];
        this.selfTradePolicy = selfTradePolicy;
        this.orderPool = new ObjectPool<>(expectedOrders, Order::new);
        this.levelPool = new ObjectPool<>(Math.max(1024, expectedOrders / 4), PriceLevel::new);
        this.ordersById = new Long2ObjectHashMap<>(expectedOrders * 2, 0.5f);
        final LevelScratch scratch = new LevelScratch(levelPool.capacity());
        for (final Instrument instrument : instruments)
        {
            if (this.instruments[instrument.id()] != null)
            {
                throw new IllegalArgumentException("duplicate instrument id " + instrument.id());
            }
            this.instruments[instrument.id()] = instrument;
            this.stops[instrument.id()] = new StopOrders();
            this.books[instrument.id()] = new OrderBook(instrument, levelPool, scratch, ladderSlots, DEFAULT_FAR_LEVELS_PER_SIDE);
        }
    }

    /**
     * Installs the pre-trade check (risk) run on each new order and amend after validation, before
     * acceptance. Call before the engine is used.
     *
     * @param check the check, or {@code null} for none.
     */
    public void preTradeCheck(final PreTradeCheck check)
    {
        this.preTradeCheck = check;
    }

    @Override
    public void place(
        final long orderId,
        final long accountId,
        final int instrumentId,
        final byte sideCode,
        final byte typeCode,
        final long price,
        final long quantity,
        final EventSink sink)
    {
        place(orderId, accountId, instrumentId, sideCode, typeCode, price, quantity, 0, 0, sink);
    }

    @Override
    public void place(
        final long orderId,
        final long accountId,
        final int instrumentId,
        final byte sideCode,
        final byte typeCode,
        final long price,
        final long quantity,
        final long stopPrice,
        final long expiresAtNs,
        final long displayQuantity,
        final EventSink sink)
    {
        placeOne(orderId, accountId, instrumentId, sideCode, typeCode, price, quantity, stopPrice, expiresAtNs,
            displayQuantity, sink);
        if (triggeredCount > 0)
        {
            enterTriggeredStops(sink);
        }
    }

    private void placeOne(
        final long orderId,
        final long accountId,
        final int instrumentId,
        final byte sideCode,
        final byte typeCode,
        final long price,
        final long quantity,
        final long stopPrice,
        final long expiresAtNs,
        final long displayQuantity,
        final EventSink sink)
    {
        if (orderId <= 0)
        {
            sink.onRejected(orderId, accountId, instrumentId, RejectReason.INVALID_ORDER_ID);
            return;
        }
        final OrderBook book = book(instrumentId);
        if (book == null)
        {
            sink.onRejected(orderId, accountId, instrumentId, RejectReason.UNKNOWN_INSTRUMENT);
            return;
        }
        final Side side = Side.fromCode(sideCode);
        if (side == null)
        {
            sink.onRejected(orderId, accountId, instrumentId, RejectReason.INVALID_SIDE);
            return;
        }
        final OrderType type = OrderType.fromCode(typeCode);
        if (type == null)
        {
            sink.onRejected(orderId, accountId, instrumentId, RejectReason.INVALID_ORDER_TYPE);
            return;
        }
        final Instrument instrument = book.instrument();
        final RejectReason invalid = type.hasPrice() ?
            OrderChecks.checkPriceAndQuantity(instrument, price, quantity) :
            OrderChecks.checkQuantity(instrument, quantity);
        if (invalid != null)
        {
            sink.onRejected(orderId, accountId, instrumentId, invalid);
            return;
        }
        if (type.isStop() ? stopPrice <= 0 || stopPrice % instrument.tickSize() != 0 : stopPrice != 0)
        {
            sink.onRejected(orderId, accountId, instrumentId, RejectReason.INVALID_STOP_PRICE);
            return;
        }
        if (displayQuantity != 0 && (!type.mayHide() || displayQuantity < 0 || displayQuantity >= quantity ||
            displayQuantity % instrument.lotSize() != 0))
        {
            sink.onRejected(orderId, accountId, instrumentId, RejectReason.INVALID_DISPLAY_QUANTITY);
            return;
        }
        if (expiresAtNs != 0 && (!type.mayExpire() || expiresAtNs <= nowNs))
        {
            sink.onRejected(orderId, accountId, instrumentId, RejectReason.INVALID_EXPIRY);
            return;
        }
        if (ordersById.containsKey(orderId))
        {
            sink.onRejected(orderId, accountId, instrumentId, RejectReason.DUPLICATE_ORDER_ID);
            return;
        }
        final BookSide opposite = book.side(side.opposite());
        if (type == OrderType.POST_ONLY && wouldCross(opposite, price))
        {
            sink.onRejected(orderId, accountId, instrumentId, RejectReason.POST_ONLY_WOULD_CROSS);
            return;
        }

        final long limitPrice = type.hasPrice() ? price : 0;
        if (preTradeCheck != null)
        {
            // a stop-market is judged at its stop price: where it will start to trade
            final long referencePrice = type.hasPrice() ? price : type == OrderType.STOP ? stopPrice :
                bestPrice(opposite);
            final RejectReason veto =
                preTradeCheck.checkPlace(accountId, instrumentId, side, type, referencePrice, quantity);
            if (veto != null)
            {
                sink.onRejected(orderId, accountId, instrumentId, veto);
                return;
            }
        }
        sink.onAccepted(orderId, accountId, instrumentId, side, type, limitPrice, quantity);
        if (type.isStop())
        {
            // waits off the book for a trade at its stop price (see StopOrders); counted by risk from now on
            final Order order = orderPool.acquire()
                .set(orderId, accountId, instrumentId, side, type.code(), limitPrice, quantity, 0)
                .display(0).expiresAtNs(expiresAtNs).stopPrice(stopPrice);
            ordersById.put(orderId, order);
            stops[instrumentId].add(order);
            if (expiresAtNs != 0)
            {
                expiries.add(expiresAtNs, orderId);
            }
            return;
        }
        if (type == OrderType.FOK && fillableQuantity(opposite, accountId, limitPrice, quantity) < quantity)
        {
            sink.onOrderDone(orderId, accountId, instrumentId, side, DoneReason.EXPIRED, quantity);
            return;
        }
        newOrderExpiresAtNs = expiresAtNs;
        execute(book, orderId, accountId, side, type, limitPrice, quantity, displayQuantity, 0, null, sink);
        newOrderExpiresAtNs = 0;
    }

    @Override
    public void advanceTime(final long timeNs, final EventSink sink)
    {
        if (timeNs <= nowNs)
        {
            return; // the engine's time never goes back (commands from several threads may arrive a little out of order)
        }
        nowNs = timeNs;
        while (!expiries.isEmpty() && expiries.firstTime() <= timeNs)
        {
            final long expiresAt = expiries.firstTime();
            final Order order = ordersById.get(expiries.firstOrderId());
            expiries.removeFirst();
            if (order != null && order.expiresAtNs() == expiresAt)
            {
                removeOrder(order, DoneReason.EXPIRED, sink);
            }
            // else: cancelled, filled or replaced since; its entry is simply dropped
        }
    }

    /** @return the engine's time (the latest command timestamp seen); part of its state. */
    public long nowNs()
    {
        return nowNs;
    }

    /**
     * Sets the engine's time: used to load a snapshot.
     *
     * @param timeNs the snapshot's time.
     */
    public void restoreNowNs(final long timeNs)
    {
        this.nowNs = timeNs;
    }

    @Override
    public void cancel(final long orderId, final long accountId, final EventSink sink)
    {
        final Order order = ownedOrder(orderId, accountId, sink);
        if (order != null)
        {
            removeOrder(order, DoneReason.CANCELLED, sink);
        }
    }

    @Override
    public void amend(
        final long orderId, final long accountId, final long newPrice, final long newQuantity, final EventSink sink)
    {
        amendOne(orderId, accountId, newPrice, newQuantity, sink);
        if (triggeredCount > 0)
        {
            enterTriggeredStops(sink);
        }
    }

    private void amendOne(
        final long orderId, final long accountId, final long newPrice, final long newQuantity, final EventSink sink)
    {
        final Order order = ownedOrder(orderId, accountId, sink);
        if (order == null)
        {
            return;
        }
        if (isStop(order))
        {
            amendStop(order, newPrice, newQuantity, sink);
            return;
        }
        final int instrumentId = order.instrumentId();
        final OrderBook book = books[instrumentId];
        final RejectReason invalid = OrderChecks.checkPriceAndQuantity(book.instrument(), newPrice, newQuantity);
        if (invalid != null)
        {
            sink.onRejected(orderId, accountId, instrumentId, invalid);
            return;
        }
        final Side side = order.side();
        final BookSide own = book.side(side);
        final BookSide opposite = book.side(side.opposite());
        final byte typeCode = order.typeCode();
        if (typeCode == OrderType.POST_ONLY.code() && wouldCross(opposite, newPrice))
        {
            sink.onRejected(orderId, accountId, instrumentId, RejectReason.POST_ONLY_WOULD_CROSS);
            return;
        }

        final long remaining = order.remainingQuantity();
        if (preTradeCheck != null)
        {
            final RejectReason veto =
                preTradeCheck.checkAmend(accountId, instrumentId, side, remaining, newPrice, newQuantity);
            if (veto != null)
            {
                sink.onRejected(orderId, accountId, instrumentId, veto);
                return;
            }
        }
        sink.onAmended(orderId, accountId, instrumentId, side, newPrice, newQuantity);
        if (newPrice == order.price() && newQuantity <= remaining)
        {
            final long visibleBefore = order.visibleQuantity();
            if (newQuantity < remaining)
            {
                final PriceLevel level = own.reduce(order, remaining - newQuantity);
                if (order.visibleQuantity() != visibleBefore) // an iceberg's hidden part goes first, unseen
                {
                    sink.onLevelChanged(instrumentId, side, level.price(), level.totalQuantity(), level.orderCount());
                }
            }
            return;
        }

        final long oldPrice = order.price();
        if (!wouldCross(opposite, newPrice))
        {
            if (own.repriceAlone(order, newPrice, newQuantity))
            {
                // the order was alone at its level and rests alone at the new price: the same events as
                // leaving the old level and resting at the new one, without a pool round trip for the level
                sink.onLevelChanged(instrumentId, side, oldPrice, 0, 0);
                sink.onLevelChanged(instrumentId, side, newPrice, order.visibleQuantity(), 1);
                return;
            }
            // a move that cannot trade is a re-queue: leave the old level, join the back of the new one
            final PriceLevel oldLevel = own.remove(order);
            sink.onLevelChanged(instrumentId, side, oldLevel.price(), oldLevel.totalQuantity(), oldLevel.orderCount());
            final PriceLevel newLevel = own.add(order.requeueAt(newPrice, newQuantity));
            sink.onLevelChanged(instrumentId, side, newPrice, newLevel.totalQuantity(), newLevel.orderCount());
            return;
        }

        // the order leaves its level but keeps its object and its entry in ordersById: if it rests again
        // execute reuses both (no hash map remove and put, no pool round trip); if not, it drops them
        final long filled = order.filledQuantity();
        final PriceLevel oldLevel = own.remove(order);
        sink.onLevelChanged(instrumentId, side, oldLevel.price(), oldLevel.totalQuantity(), oldLevel.orderCount());
        execute(book, orderId, accountId, side, OrderType.fromCode(typeCode), newPrice, newQuantity,
            order.displayQuantity(), filled, order, sink);
    }

    @Override
    public void massCancel(final long accountId, final int instrumentId, final byte sideCode, final EventSink sink)
    {
        if (instrumentId != Command.ALL_INSTRUMENTS && book(instrumentId) == null)
        {
            sink.onRejected(0, accountId, instrumentId, RejectReason.UNKNOWN_INSTRUMENT);
            return;
        }
        final Side side = Side.fromCode(sideCode);
        if (sideCode != Command.BOTH_SIDES && side == null)
        {
            sink.onRejected(0, accountId, instrumentId, RejectReason.INVALID_SIDE);
            return;
        }
        int count = 0;
        for (final OrderBook book : books)
        {
            if (book != null && (instrumentId == Command.ALL_INSTRUMENTS || book.instrument().id() == instrumentId))
            {
                if (side != Side.SELL)
                {
                    count = collectOrdersOf(accountId, book.bids(), count);
                }
                if (side != Side.BUY)
                {
                    count = collectOrdersOf(accountId, book.asks(), count);
                }
                final StopOrders waiting = stops[book.instrument().id()];
                if (side != Side.SELL)
                {
                    count = collectStopsOf(accountId, waiting.first(Side.BUY), count);
                }
                if (side != Side.BUY)
                {
                    count = collectStopsOf(accountId, waiting.first(Side.SELL), count);
                }
            }
        }
        for (int i = 0; i < count; i++)
        {
            removeOrder(scratch[i], DoneReason.CANCELLED, sink);
            scratch[i] = null;
        }
    }

    @Override
    public int topLevels(final int instrumentId, final Side side, final int depth, final LevelVisitor out)
    {
        final OrderBook book = book(instrumentId);
        if (book == null)
        {
            return 0;
        }
        final BookSide bookSide = book.side(side);
        int count = 0;
        for (PriceLevel level = bookSide.best(); level != null && count < depth; level = bookSide.worse(level))
        {
            out.level(level.price(), level.totalQuantity(), level.orderCount());
            count++;
        }
        return count;
    }

    @Override
    public boolean findOrder(final long orderId, final OrderVisitor out)
    {
        final Order order = ordersById.get(orderId);
        if (order == null)
        {
            return false;
        }
        visit(order, out);
        return true;
    }

    @Override
    public void forEachOrder(final OrderVisitor out)
    {
        for (final OrderBook book : books)
        {
            if (book != null)
            {
                forEachOrder(book.bids(), out);
                forEachOrder(book.asks(), out);
                final StopOrders waiting = stops[book.instrument().id()];
                for (Order stop = waiting.first(Side.BUY); stop != null; stop = stop.next())
                {
                    visit(stop, out);
                }
                for (Order stop = waiting.first(Side.SELL); stop != null; stop = stop.next())
                {
                    visit(stop, out);
                }
            }
        }
    }

    @Override
    public int openOrderCount()
    {
        return ordersById.size();
    }

    /** @return the id of the last trade (0 before the first); part of the engine's state. */
    public long lastTradeId()
    {
        return lastTradeId;
    }

    /**
     * Puts back an open order exactly as it was, at the back of its level: used to load a snapshot, in
     * {@link #forEachOrder} order so that queues come back in the same order.
     *
     * @param orderId           id.
     * @param accountId         owner.
     * @param instrumentId      instrument (must exist).
     * @param side              side.
     * @param typeCode          order type code.
     * @param price             limit price.
     * @param remainingQuantity open quantity.
     * @param filledQuantity    quantity traded so far.
     * @param expiresAtNs       its expiry, or {@code 0}.
     * @param stopPrice         an untriggered stop's stop price, or {@code 0}.
     * @param displayQuantity   an iceberg's display quantity, or {@code 0}.
     * @param hiddenQuantity    an iceberg's hidden quantity (part of {@code remainingQuantity}), or {@code 0}.
     */
    public void restoreOrder(
        final long orderId,
        final long accountId,
        final int instrumentId,
        final Side side,
        final byte typeCode,
        final long price,
        final long remainingQuantity,
        final long filledQuantity,
        final long expiresAtNs,
        final long stopPrice,
        final long displayQuantity,
        final long hiddenQuantity)
    {
        final Order order = orderPool.acquire()
            .set(orderId, accountId, instrumentId, side, typeCode, price, remainingQuantity, filledQuantity)
            .display(displayQuantity).parts(remainingQuantity - hiddenQuantity, hiddenQuantity)
            .expiresAtNs(expiresAtNs).stopPrice(stopPrice);
        if (expiresAtNs != 0)
        {
            expiries.add(expiresAtNs, orderId);
        }
        if (isStop(order))
        {
            stops[instrumentId].append(order);
        }
        else
        {
            books[instrumentId].side(side).add(order);
        }
        ordersById.put(orderId, order);
    }

    /**
     * Sets the trade id counter: used to load a snapshot.
     *
     * @param lastTradeId the id of the last trade before the snapshot.
     */
    public void restoreLastTradeId(final long lastTradeId)
    {
        this.lastTradeId = lastTradeId;
    }

    /**
     * @param instrumentId an instrument id.
     * @return the instrument, or {@code null} when there is none with that id.
     */
    public Instrument instrument(final int instrumentId)
    {
        return instrumentId >= 0 && instrumentId < instruments.length ? instruments[instrumentId] : null;
    }

    /**
     * @param instrumentId an instrument id.
     * @return the best bid price, or {@code 0} when there is no bid.
     */
    public long bestBid(final int instrumentId)
    {
        return bestPrice(books[instrumentId].bids());
    }

    /**
     * @param instrumentId an instrument id.
     * @return the best ask price, or {@code 0} when there is no ask.
     */
    public long bestAsk(final int instrumentId)
    {
        return bestPrice(books[instrumentId].asks());
    }

    /**
     * Looks up an open order on the matching thread, without copying it (for risk checks).
     *
     * @param orderId id.
     * @return the order, or {@code null}.
     */
    public Order openOrder(final long orderId)
    {
        return ordersById.get(orderId);
    }

    private OrderBook book(final int instrumentId)
    {
        return instrumentId >= 0 && instrumentId < books.length ? books[instrumentId] : null;
    }

    private Order ownedOrder(final long orderId, final long accountId, final EventSink sink)
    {
        final Order order = ordersById.get(orderId);
        if (order == null)
        {
            sink.onRejected(orderId, accountId, -1, RejectReason.UNKNOWN_ORDER);
            return null;
        }
        if (order.accountId() != accountId)
        {
            sink.onRejected(orderId, accountId, -1, RejectReason.NOT_ORDER_OWNER);
            return null;
        }
        return order;
    }

    private static long bestPrice(final BookSide side)
    {
        final PriceLevel best = side.best();
        return best == null ? 0 : best.price();
    }

    private static boolean wouldCross(final BookSide opposite, final long price)
    {
        final PriceLevel best = opposite.best();
        return best != null && opposite.crosses(best, price);
    }

    /**
     * Matches an incoming order (new, or amended off its level) against the opposite side, then reports
     * its outcome: filled, stopped by self-trade prevention, resting, or expired.
     *
     * @param displayQuantity an iceberg's display quantity (it rests showing at most that), or {@code 0}.
     * @param amended for an amended order, its object, off any level but still in {@code ordersById}:
     *                reused if the order rests again, dropped otherwise; {@code null} for a new order.
     */
    private void execute(
        final OrderBook book,
        final long orderId,
        final long accountId,
        final Side side,
        final OrderType type,
        final long price,
        final long quantity,
        final long displayQuantity,
        final long alreadyFilled,
        final Order amended,
        final EventSink sink)
    {
        final int instrumentId = book.instrument().id();
        final long matchPrice = type == OrderType.MARKET ? (side == Side.BUY ? Long.MAX_VALUE : Long.MIN_VALUE) : price;
        final BookSide opposite = book.side(side.opposite());
        final long remaining;
        if (wouldCross(opposite, matchPrice))
        {
            remaining = match(opposite, instrumentId, orderId, accountId, side, matchPrice, quantity, sink);
        }
        else
        {
            // most orders and moves rest without trading: skip the match loop (and the call) altogether
            remaining = quantity;
            selfTradeStopped = false;
        }

        if (selfTradeStopped)
        {
            drop(amended);
            sink.onOrderDone(orderId, accountId, instrumentId, side, DoneReason.SELF_TRADE_PREVENTED, remaining);
        }
        else if (remaining == 0)
        {
            drop(amended);
            sink.onOrderDone(orderId, accountId, instrumentId, side, DoneReason.FILLED, 0);
        }
        else if (type.restsOnBook())
        {
            final Order order = (amended != null ? amended : orderPool.acquire()).set(
                orderId, accountId, instrumentId, side, type.code(), price, remaining,
                alreadyFilled + quantity - remaining).display(displayQuantity);
            final PriceLevel level = book.side(side).add(order);
            if (amended == null)
            {
                ordersById.put(orderId, order);
                order.expiresAtNs(newOrderExpiresAtNs).stopPrice(0);
                if (newOrderExpiresAtNs != 0)
                {
                    expiries.add(newOrderExpiresAtNs, orderId);
                }
            }
            sink.onLevelChanged(instrumentId, side, price, level.totalQuantity(), level.orderCount());
        }
        else
        {
            drop(amended);
            sink.onOrderDone(orderId, accountId, instrumentId, side, DoneReason.EXPIRED, remaining);
        }
    }

    /** Forgets an amended order that did not rest again. */
    private void drop(final Order amended)
    {
        if (amended != null)
        {
            ordersById.remove(amended.orderId());
            orderPool.release(amended);
        }
    }

    /** The match loop of docs/matching-rules.md. Returns the unfilled quantity; sets selfTradeStopped. */
    private long match(
        final BookSide opposite,
        final int instrumentId,
        final long takerOrderId,
        final long takerAccountId,
        final Side takerSide,
        final long matchPrice,
        final long quantity,
        final EventSink sink)
    {
        final SelfTradePolicy policy = selfTradePolicy;
        long remaining = quantity;
        boolean stopped = false;
        PriceLevel level;
        while (remaining > 0 && (level = opposite.best()) != null && opposite.crosses(level, matchPrice))
        {
            final long levelPrice = level.price();
            final long totalBefore = level.totalQuantity();
            final int countBefore = level.orderCount();
            Order maker = level.head();
            boolean traded = false;
            while (maker != null && remaining > 0)
            {
                Order next = maker.next();
                if (maker.accountId() == takerAccountId)
                {
                    if (policy != SelfTradePolicy.CANCEL_INCOMING)
                    {
                        removeFromLevel(maker, DoneReason.SELF_TRADE_PREVENTED, sink);
                    }
                    if (policy != SelfTradePolicy.CANCEL_RESTING)
                    {
                        stopped = true;
                        break;
                    }
                }
                else
                {
                    final long fill = Math.min(remaining, maker.visibleQuantity());
                    remaining -= fill;
                    maker.fill(fill);
                    sink.onTrade(++lastTradeId, instrumentId, maker.orderId(), maker.accountId(),
                        takerOrderId, takerAccountId, takerSide, levelPrice, fill);
                    traded = true;
                    if (maker.visibleQuantity() == 0)
                    {
                        if (maker.hiddenQuantity() == 0)
                        {
                            removeFromLevel(maker, DoneReason.FILLED, sink);
                        }
                        else
                        {
                            // an iceberg shows its next part at the back of the level; alone there, it is next again
                            BookSide.refreshAtBack(maker);
                            if (next == null)
                            {
                                next = maker;
                            }
                        }
                    }
                }
                maker = next;
            }
            final long totalAfter = level.totalQuantity();
            final int countAfter = level.orderCount();
            if (totalAfter != totalBefore || countAfter != countBefore)
            {
                sink.onLevelChanged(instrumentId, opposite.side(), levelPrice, totalAfter, countAfter);
            }
            if (countAfter == 0)
            {
                opposite.removeLevel(level);
            }
            if (traded && stops[instrumentId].count() > 0)
            {
                triggerStops(instrumentId, levelPrice);
            }
            if (stopped)
            {
                break;
            }
        }
        selfTradeStopped = stopped;
        return remaining;
    }

    /** Takes a maker out of its level during matching (the level itself is dropped by the match loop). */
    private void removeFromLevel(final Order order, final DoneReason reason, final EventSink sink)
    {
        BookSide.unlink(order);
        ordersById.remove(order.orderId());
        sink.onOrderDone(order.orderId(), order.accountId(), order.instrumentId(), order.side(), reason,
            order.remainingQuantity());
        orderPool.release(order);
    }

    /** Takes an order off the book (or an untriggered stop out of its list) outside matching and reports it. */
    private void removeOrder(final Order order, final DoneReason reason, final EventSink sink)
    {
        if (isStop(order))
        {
            stops[order.instrumentId()].remove(order);
            ordersById.remove(order.orderId());
            sink.onOrderDone(order.orderId(), order.accountId(), order.instrumentId(), order.side(), reason,
                order.remainingQuantity());
            orderPool.release(order);
            return;
        }
        final int instrumentId = order.instrumentId();
        final Side side = order.side();
        final long orderId = order.orderId();
        final long remaining = order.remainingQuantity();
        final PriceLevel level = books[instrumentId].side(side).remove(order);
        ordersById.remove(orderId);
        sink.onOrderDone(orderId, order.accountId(), instrumentId, side, reason, remaining);
        sink.onLevelChanged(instrumentId, side, level.price(), level.totalQuantity(), level.orderCount());
        orderPool.release(order);
    }

    /** How much an FOK order could trade right now, counting as docs/matching-rules.md says. */
    private long fillableQuantity(
        final BookSide opposite, final long accountId, final long limitPrice, final long wanted)
    {
        final boolean ownOrderEndsCount = selfTradePolicy != SelfTradePolicy.CANCEL_RESTING;
        long available = 0;
        for (PriceLevel level = opposite.best(); level != null; level = opposite.worse(level))
        {
            if (!opposite.crosses(level, limitPrice))
            {
                break;
            }
            // an iceberg's hidden part is reached only after every order queued behind it (its refresh goes to the
            // back), so an own order that ends the count leaves only the visible parts ahead of it
            long visible = 0;
            long open = 0;
            for (Order order = level.head(); order != null; order = order.next())
            {
                if (order.accountId() == accountId)
                {
                    if (ownOrderEndsCount)
                    {
                        return available + visible;
                    }
                }
                else
                {
                    visible += order.visibleQuantity();
                    open += order.remainingQuantity();
                    if (available + visible >= wanted)
                    {
                        return available + visible;
                    }
                }
            }
            available += open;
            if (available >= wanted)
            {
                return available;
            }
        }
        return available;
    }

    private int collectOrdersOf(final long accountId, final BookSide side, final int start)
    {
        int count = start;
        for (PriceLevel level = side.best(); level != null; level = side.worse(level))
        {
            for (Order order = level.head(); order != null; order = order.next())
            {
                if (order.accountId() == accountId)
                {
                    count = remember(order, count);
                }
            }
        }
        return count;
    }

    private static boolean isStop(final Order order)
    {
        return order.typeCode() == OrderType.STOP.code() || order.typeCode() == OrderType.STOP_LIMIT.code();
    }

    /** A trade printed at a price: the stops it reaches leave their lists and queue up, in trigger order. */
    private void triggerStops(final int instrumentId, final long tradePrice)
    {
        final StopOrders waiting = stops[instrumentId];
        Order stop;
        while ((stop = waiting.nextTriggeredBy(tradePrice)) != null)
        {
            waiting.remove(stop);
            if (triggeredCount == triggered.length)
            {
                triggered = Arrays.copyOf(triggered, triggeredCount * 2);
            }
            triggered[triggeredCount++] = stop;
        }
    }

    /**
     * After a command: each triggered stop enters, in trigger order, as a market or limit order with its id, its
     * expiry and its quantity; the trades it makes may trigger more (queued behind), until none is left.
     */
    private void enterTriggeredStops(final EventSink sink)
    {
        while (triggeredHead < triggeredCount)
        {
            final Order stop = triggered[triggeredHead];
            triggered[triggeredHead++] = null;
            final long orderId = stop.orderId();
            final long accountId = stop.accountId();
            final int instrumentId = stop.instrumentId();
            final Side side = stop.side();
            final OrderType type = OrderType.fromCode(stop.typeCode()).triggered();
            final long price = stop.price();
            final long quantity = stop.remainingQuantity();
            final long expiresAt = stop.expiresAtNs();
            ordersById.remove(orderId);
            orderPool.release(stop);
            sink.onTriggered(orderId, accountId, instrumentId, side);
            newOrderExpiresAtNs = type.restsOnBook() ? expiresAt : 0;
            execute(books[instrumentId], orderId, accountId, side, type, price, quantity, 0, 0, null, sink);
            newOrderExpiresAtNs = 0;
        }
        triggeredHead = 0;
        triggeredCount = 0;
    }

    /**
     * Amends an untriggered stop in place: a STOP_LIMIT's limit price and quantity, a STOP's quantity (its price
     * must be 0); it keeps its stop price and its place among the stops, and shows nowhere in market data.
     */
    private void amendStop(final Order order, final long newPrice, final long newQuantity, final EventSink sink)
    {
        final long orderId = order.orderId();
        final long accountId = order.accountId();
        final int instrumentId = order.instrumentId();
        final Instrument instrument = books[instrumentId].instrument();
        final boolean limit = order.typeCode() == OrderType.STOP_LIMIT.code();
        final RejectReason quantityOrPrice = limit ?
            OrderChecks.checkPriceAndQuantity(instrument, newPrice, newQuantity) :
            OrderChecks.checkQuantity(instrument, newQuantity);
        final RejectReason invalid = quantityOrPrice != null || limit || newPrice == 0 ? quantityOrPrice :
            RejectReason.INVALID_PRICE;
        if (invalid != null)
        {
            sink.onRejected(orderId, accountId, instrumentId, invalid);
            return;
        }
        if (preTradeCheck != null)
        {
            final RejectReason veto = preTradeCheck.checkAmend(accountId, instrumentId, order.side(),
                order.remainingQuantity(), limit ? newPrice : order.stopPrice(), newQuantity);
            if (veto != null)
            {
                sink.onRejected(orderId, accountId, instrumentId, veto);
                return;
            }
        }
        sink.onAmended(orderId, accountId, instrumentId, order.side(), newPrice, newQuantity);
        order.requeueAt(newPrice, newQuantity);
    }

    private int collectStopsOf(final long accountId, final Order first, final int start)
    {
        int count = start;
        for (Order stop = first; stop != null; stop = stop.next())
        {
            if (stop.accountId() == accountId)
            {
                count = remember(stop, count);
            }
        }
        return count;
    }

    /** Puts an order at {@code count} in the scratch array (growing it, once, when full); returns the new count. */
    private int remember(final Order order, final int count)
    {
        if (count == scratch.length)
        {
            scratch = Arrays.copyOf(scratch, count * 2);
        }
        scratch[count] = order;
        return count + 1;
    }

    private static void forEachOrder(final BookSide side, final OrderVisitor out)
    {
        for (PriceLevel level = side.best(); level != null; level = side.worse(level))
        {
            for (Order order = level.head(); order != null; order = order.next())
            {
                visit(order, out);
            }
        }
    }

    private static void visit(final Order order, final OrderVisitor out)
    {
        out.order(order.orderId(), order.accountId(), order.instrumentId(), order.side(), order.typeCode(),
            order.price(), order.remainingQuantity(), order.visibleQuantity(), order.filledQuantity());
    }
}
