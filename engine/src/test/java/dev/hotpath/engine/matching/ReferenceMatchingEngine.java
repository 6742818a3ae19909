package dev.hotpath.engine.matching;

import dev.hotpath.engine.api.Command;
import dev.hotpath.engine.api.DoneReason;
import dev.hotpath.engine.api.EventSink;
import dev.hotpath.engine.api.Instrument;
import dev.hotpath.engine.api.OrderType;
import dev.hotpath.engine.api.RejectReason;
import dev.hotpath.engine.api.SelfTradePolicy;
import dev.hotpath.engine.api.Side;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The reference model of docs/matching-rules.md: a slow, naive, obviously correct {@link MatchingEngine} that
 * the fast {@link MatchingCore} is compared with, event by event, in the property test.
 *
 * <p>Each book side is a plain {@link ArrayList} of orders kept sorted by price priority, then arrival; price
 * levels are never stored but computed by summing the orders at a price; everything is a linear scan. It
 * follows the text of the rules step by step, and shares no code with {@link MatchingCore} (it decodes side
 * and type codes itself and does its own validation).
 *
 * <p>Single-threaded: only the test thread that created it may call it.
 */
public final class ReferenceMatchingEngine implements MatchingEngine
{
    private final TreeMap<Integer, Book> books = new TreeMap<>();
    private final SelfTradePolicy policy;
    private long lastTradeId;
    private long arrivalCounter;
    private long nowNs;
    /** Stops triggered during the current command, in trigger order; they enter after it. */
    private final List<RefOrder> triggered = new ArrayList<>();

    /**
     * @param instruments the tradable instruments (distinct ids).
     * @param policy      what to do when an account's orders would trade with each other.
     */
    public ReferenceMatchingEngine(final List<Instrument> instruments, final SelfTradePolicy policy)
    {
        for (final Instrument instrument : instruments)
        {
            if (books.put(instrument.id(), new Book(instrument)) != null)
            {
                throw new IllegalArgumentException("duplicate instrument id " + instrument.id());
            }
        }
        this.policy = policy;
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
        enterTriggered(sink);
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
        final RejectReason reason = checkPlace(orderId, accountId, instrumentId, sideCode, typeCode, price, quantity,
            stopPrice, expiresAtNs, displayQuantity);
        if (reason != null)
        {
            sink.onRejected(orderId, accountId, instrumentId, reason);
            return;
        }
        final Book book = books.get(instrumentId);
        final Side side = decodeSide(sideCode);
        final OrderType type = decodeType(typeCode);
        final long limitPrice = type.hasPrice() ? price : 0;

        sink.onAccepted(orderId, accountId, instrumentId, side, type, limitPrice, quantity);
        if (type.isStop())
        {
            final RefOrder stop = new RefOrder(orderId, accountId, book.instrument, side, type, limitPrice, quantity, 0);
            stop.stopPrice = stopPrice;
            stop.expiresAtNs = expiresAtNs;
            addStop(book, stop);
            return;
        }

        if (type == OrderType.FOK && fillOrKillCount(book, accountId, side, limitPrice) < quantity)
        {
            sink.onOrderDone(orderId, accountId, instrumentId, side, DoneReason.EXPIRED, quantity);
            return;
        }
        final RefOrder incoming =
            new RefOrder(orderId, accountId, book.instrument, side, type, limitPrice, quantity, 0);
        incoming.expiresAtNs = expiresAtNs;
        incoming.display = displayQuantity;
        matchAndFinish(book, incoming, sink);
    }

    @Override
    public void advanceTime(final long timeNs, final EventSink sink)
    {
        if (timeNs <= nowNs)
        {
            return;
        }
        nowNs = timeNs;
        final List<RefOrder> due = new ArrayList<>();
        for (final RefOrder order : allOpenOrders())
        {
            if (order.expiresAtNs != 0 && order.expiresAtNs <= timeNs)
            {
                due.add(order);
            }
        }
        due.sort(Comparator.<RefOrder>comparingLong(o -> o.expiresAtNs).thenComparingLong(o -> o.orderId));
        for (final RefOrder order : due)
        {
            finish(order, DoneReason.EXPIRED, sink);
        }
    }

    @Override
    public void cancel(final long orderId, final long accountId, final EventSink sink)
    {
        final RefOrder order = findOpen(orderId);
        if (order == null)
        {
            sink.onRejected(orderId, accountId, -1, RejectReason.UNKNOWN_ORDER);
            return;
        }
        if (order.accountId != accountId)
        {
            sink.onRejected(orderId, accountId, -1, RejectReason.NOT_ORDER_OWNER);
            return;
        }
        cancelOrder(order, sink);
    }

    @Override
    public void amend(
        final long orderId, final long accountId, final long newPrice, final long newQuantity, final EventSink sink)
    {
        amendOne(orderId, accountId, newPrice, newQuantity, sink);
        enterTriggered(sink);
    }

    private void amendOne(
        final long orderId, final long accountId, final long newPrice, final long newQuantity, final EventSink sink)
    {
        final RefOrder order = findOpen(orderId);
        if (order == null)
        {
            sink.onRejected(orderId, accountId, -1, RejectReason.UNKNOWN_ORDER);
            return;
        }
        if (order.accountId != accountId)
        {
            sink.onRejected(orderId, accountId, -1, RejectReason.NOT_ORDER_OWNER);
            return;
        }
        final Book book = books.get(order.instrument.id());
        if (order.type.isStop())
        {
            amendStop(book, order, newPrice, newQuantity, sink);
            return;
        }
        final RejectReason reason = checkAmend(book, order, newPrice, newQuantity);
        if (reason != null)
        {
            sink.onRejected(orderId, accountId, order.instrument.id(), reason);
            return;
        }

        sink.onAmended(orderId, accountId, order.instrument.id(), order.side, newPrice, newQuantity);

        if (newPrice == order.price && newQuantity == order.remaining)
        {
            return; // same price, same quantity: nothing more
        }
        if (newPrice == order.price && newQuantity < order.remaining)
        {
            // reduced in place: keeps its arrival, so its time priority; an iceberg gives up hidden quantity first
            final long visibleBefore = order.visible();
            final long cut = order.remaining - newQuantity;
            final long fromHidden = Math.min(cut, order.remaining - visibleBefore);
            order.remaining = newQuantity;
            order.shown = visibleBefore - (cut - fromHidden);
            if (order.visible() != visibleBefore)
            {
                reportLevel(book, order.side, order.price, sink);
            }
            return;
        }
        // new price or larger quantity: leaves its level, then comes in again as an incoming order of its type
        book.side(order.side).remove(order);
        reportLevel(book, order.side, order.price, sink);
        final RefOrder incoming = new RefOrder(
            order.orderId, order.accountId, order.instrument, order.side, order.type, newPrice, newQuantity,
            order.filled);
        incoming.expiresAtNs = order.expiresAtNs; // an amend keeps the expiry
        incoming.display = order.display; // and an iceberg's display quantity
        matchAndFinish(book, incoming, sink);
    }

    @Override
    public void massCancel(final long accountId, final int instrumentId, final byte sideCode, final EventSink sink)
    {
        if (instrumentId != Command.ALL_INSTRUMENTS && !books.containsKey(instrumentId))
        {
            sink.onRejected(0, accountId, instrumentId, RejectReason.UNKNOWN_INSTRUMENT);
            return;
        }
        final Side side = decodeSide(sideCode);
        if (sideCode != Command.BOTH_SIDES && side == null)
        {
            sink.onRejected(0, accountId, instrumentId, RejectReason.INVALID_SIDE);
            return;
        }
        final List<RefOrder> toCancel = new ArrayList<>();
        for (final RefOrder order : allOpenOrders())
        {
            if (order.accountId == accountId &&
                (instrumentId == Command.ALL_INSTRUMENTS || order.instrument.id() == instrumentId) &&
                (side == null || order.side == side))
            {
                toCancel.add(order);
            }
        }
        for (final RefOrder order : toCancel)
        {
            cancelOrder(order, sink);
        }
    }

    @Override
    public int topLevels(final int instrumentId, final Side side, final int depth, final LevelVisitor out)
    {
        final Book book = books.get(instrumentId);
        if (book == null)
        {
            return 0;
        }
        // The side is sorted best first, so the orders of one level are next to each other.
        final List<RefOrder> orders = book.side(side);
        int count = 0;
        int next = 0;
        while (next < orders.size() && count < depth)
        {
            final long price = orders.get(next).price;
            long total = 0;
            int orderCount = 0;
            while (next < orders.size() && orders.get(next).price == price)
            {
                total += orders.get(next).visible();
                orderCount++;
                next++;
            }
            out.level(price, total, orderCount);
            count++;
        }
        return count;
    }

    @Override
    public boolean findOrder(final long orderId, final OrderVisitor out)
    {
        final RefOrder order = findOpen(orderId);
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
        for (final RefOrder order : allOpenOrders())
        {
            visit(order, out);
        }
    }

    @Override
    public int openOrderCount()
    {
        return allOpenOrders().size();
    }

    private RejectReason checkPlace(
        final long orderId,
        final long accountId,
        final int instrumentId,
        final byte sideCode,
        final byte typeCode,
        final long price,
        final long quantity,
        final long stopPrice,
        final long expiresAtNs,
        final long displayQuantity)
    {
        if (orderId <= 0)
        {
            return RejectReason.INVALID_ORDER_ID;
        }
        final Book book = books.get(instrumentId);
        if (book == null)
        {
            return RejectReason.UNKNOWN_INSTRUMENT;
        }
        final Side side = decodeSide(sideCode);
        if (side == null)
        {
            return RejectReason.INVALID_SIDE;
        }
        final OrderType type = decodeType(typeCode);
        if (type == null)
        {
            return RejectReason.INVALID_ORDER_TYPE;
        }
        if (quantity <= 0)
        {
            return RejectReason.INVALID_QUANTITY;
        }
        if (quantity % book.instrument.lotSize() != 0)
        {
            return RejectReason.QUANTITY_OFF_LOT;
        }
        if (type != OrderType.MARKET && type != OrderType.STOP)
        {
            if (price <= 0)
            {
                return RejectReason.INVALID_PRICE;
            }
            if (price % book.instrument.tickSize() != 0)
            {
                return RejectReason.PRICE_OFF_TICK;
            }
            if (quantity > Long.MAX_VALUE / price)
            {
                return RejectReason.NUMERIC_OVERFLOW;
            }
        }
        if (type == OrderType.STOP || type == OrderType.STOP_LIMIT ?
            stopPrice <= 0 || stopPrice % book.instrument.tickSize() != 0 : stopPrice != 0)
        {
            return RejectReason.INVALID_STOP_PRICE;
        }
        if (displayQuantity != 0 && (type != OrderType.LIMIT && type != OrderType.POST_ONLY || displayQuantity < 0 ||
            displayQuantity >= quantity || displayQuantity % book.instrument.lotSize() != 0))
        {
            return RejectReason.INVALID_DISPLAY_QUANTITY;
        }
        if (expiresAtNs != 0 && (type != OrderType.LIMIT && type != OrderType.POST_ONLY && type != OrderType.STOP &&
            type != OrderType.STOP_LIMIT || expiresAtNs <= nowNs))
        {
            return RejectReason.INVALID_EXPIRY;
        }
        if (findOpen(orderId) != null)
        {
            return RejectReason.DUPLICATE_ORDER_ID;
        }
        if (type == OrderType.POST_ONLY && crossesBest(book, side, type, price))
        {
            return RejectReason.POST_ONLY_WOULD_CROSS;
        }
        return null;
    }

    /** An untriggered stop keeps its stop price and its place; a STOP_LIMIT takes a new price, a STOP needs 0. */
    private void amendStop(final Book book, final RefOrder order, final long newPrice, final long newQuantity,
        final EventSink sink)
    {
        final RejectReason quantityReason = checkQuantity(book, newQuantity);
        final RejectReason reason = order.type != OrderType.STOP ? checkAmend(book, order, newPrice, newQuantity) :
            quantityReason != null ? quantityReason : newPrice != 0 ? RejectReason.INVALID_PRICE : null;
        if (reason != null)
        {
            sink.onRejected(order.orderId, order.accountId, order.instrument.id(), reason);
            return;
        }
        sink.onAmended(order.orderId, order.accountId, order.instrument.id(), order.side, newPrice, newQuantity);
        final RefOrder amended = new RefOrder(order.orderId, order.accountId, order.instrument, order.side, order.type,
            newPrice, newQuantity, 0);
        amended.stopPrice = order.stopPrice;
        amended.expiresAtNs = order.expiresAtNs;
        final List<RefOrder> list = book.stops(order.side);
        list.set(list.indexOf(order), amended);
    }

    private static RejectReason checkQuantity(final Book book, final long quantity)
    {
        if (quantity <= 0)
        {
            return RejectReason.INVALID_QUANTITY;
        }
        return quantity % book.instrument.lotSize() != 0 ? RejectReason.QUANTITY_OFF_LOT : null;
    }

    private RejectReason checkAmend(final Book book, final RefOrder order, final long newPrice, final long newQuantity)
    {
        final RejectReason quantityReason = checkQuantity(book, newQuantity);
        if (quantityReason != null)
        {
            return quantityReason;
        }
        if (newPrice <= 0)
        {
            return RejectReason.INVALID_PRICE;
        }
        if (newPrice % book.instrument.tickSize() != 0)
        {
            return RejectReason.PRICE_OFF_TICK;
        }
        if (newQuantity > Long.MAX_VALUE / newPrice)
        {
            return RejectReason.NUMERIC_OVERFLOW;
        }
        if (order.type == OrderType.POST_ONLY && crossesBest(book, order.side, order.type, newPrice))
        {
            return RejectReason.POST_ONLY_WOULD_CROSS;
        }
        return null;
    }

    /**
     * The FOK pre-check: what the order could trade right now, walking the crossing levels best first and each
     * level in queue order; an own order is skipped under CANCEL_RESTING and ends the count otherwise. An
     * iceberg's hidden part comes after the whole queue of its level (each refresh goes to the back), so a level
     * with an own order that ends the count gives only the visible parts ahead of that order.
     */
    private long fillOrKillCount(final Book book, final long accountId, final Side side, final long price)
    {
        final List<RefOrder> opposite = book.side(side.opposite());
        long count = 0;
        int next = 0;
        while (next < opposite.size() && crosses(side, OrderType.FOK, price, opposite.get(next).price))
        {
            final List<RefOrder> level = ordersAt(opposite, opposite.get(next).price);
            next += level.size();
            long visibleAhead = 0;
            long open = 0;
            for (final RefOrder maker : level)
            {
                if (maker.accountId == accountId)
                {
                    if (policy == SelfTradePolicy.CANCEL_RESTING)
                    {
                        continue;
                    }
                    return saturatedAdd(count, visibleAhead);
                }
                visibleAhead = saturatedAdd(visibleAhead, maker.visible());
                open = saturatedAdd(open, maker.remaining);
            }
            count = saturatedAdd(count, open);
        }
        return count;
    }

    /** {@code a + b} for non-negative values, or {@code Long.MAX_VALUE} when that does not fit. */
    private static long saturatedAdd(final long a, final long b)
    {
        return b > Long.MAX_VALUE - a ? Long.MAX_VALUE : a + b;
    }

    /** The match loop of the rules, then the incoming order's outcome, reported last. */
    private void matchAndFinish(final Book book, final RefOrder incoming, final EventSink sink)
    {
        final int instrumentId = book.instrument.id();
        final Side makerSide = incoming.side.opposite();
        final List<RefOrder> opposite = book.side(makerSide);
        final long quantity = incoming.remaining;
        boolean stopped = false;

        while (incoming.remaining > 0 && !opposite.isEmpty() &&
            crosses(incoming.side, incoming.type, incoming.price, opposite.get(0).price))
        {
            final long levelPrice = opposite.get(0).price;
            final long totalBefore = levelTotal(opposite, levelPrice);
            final int countBefore = levelCount(opposite, levelPrice);
            // the incoming order always meets the front order of the level: each maker it meets leaves the front
            // (filled, cancelled by self-trade prevention, or refreshed to the back) unless the incoming order is done
            while (incoming.remaining > 0 && !opposite.isEmpty() && opposite.get(0).price == levelPrice)
            {
                final RefOrder maker = opposite.get(0);
                if (maker.accountId == incoming.accountId)
                {
                    if (policy == SelfTradePolicy.CANCEL_RESTING || policy == SelfTradePolicy.CANCEL_BOTH)
                    {
                        opposite.remove(maker);
                        sink.onOrderDone(maker.orderId, maker.accountId, instrumentId, maker.side,
                            DoneReason.SELF_TRADE_PREVENTED, maker.remaining);
                    }
                    if (policy == SelfTradePolicy.CANCEL_INCOMING || policy == SelfTradePolicy.CANCEL_BOTH)
                    {
                        stopped = true;
                        break;
                    }
                    continue;
                }
                final long tradeQuantity = Math.min(incoming.remaining, maker.visible());
                lastTradeId++;
                sink.onTrade(lastTradeId, instrumentId, maker.orderId, maker.accountId, incoming.orderId,
                    incoming.accountId, incoming.side, levelPrice, tradeQuantity);
                incoming.remaining -= tradeQuantity;
                maker.remaining -= tradeQuantity;
                maker.shown -= tradeQuantity;
                maker.filled += tradeQuantity;
                trigger(book, levelPrice);
                if (maker.remaining == 0)
                {
                    opposite.remove(maker);
                    sink.onOrderDone(maker.orderId, maker.accountId, instrumentId, maker.side, DoneReason.FILLED, 0);
                }
                else if (maker.visible() == 0)
                {
                    opposite.remove(maker); // an iceberg's visible part is gone: its next part rests at the back
                    rest(book, maker);
                }
            }
            final long totalAfter = levelTotal(opposite, levelPrice);
            final int countAfter = levelCount(opposite, levelPrice);
            if (totalAfter != totalBefore || countAfter != countBefore)
            {
                sink.onLevelChanged(instrumentId, makerSide, levelPrice, totalAfter, countAfter);
            }
            if (stopped)
            {
                break;
            }
        }
        incoming.filled += quantity - incoming.remaining;

        if (stopped)
        {
            sink.onOrderDone(incoming.orderId, incoming.accountId, instrumentId, incoming.side,
                DoneReason.SELF_TRADE_PREVENTED, incoming.remaining);
        }
        else if (incoming.remaining == 0)
        {
            sink.onOrderDone(incoming.orderId, incoming.accountId, instrumentId, incoming.side, DoneReason.FILLED, 0);
        }
        else if (incoming.type == OrderType.LIMIT || incoming.type == OrderType.POST_ONLY)
        {
            rest(book, incoming);
            reportLevel(book, incoming.side, incoming.price, sink);
        }
        else
        {
            sink.onOrderDone(incoming.orderId, incoming.accountId, instrumentId, incoming.side, DoneReason.EXPIRED,
                incoming.remaining);
        }
    }

    /**
     * Puts an order at the back of its price level: it arrives now, so it sorts after every order at its price. An
     * iceberg shows at most its display quantity of what it has left.
     */
    private void rest(final Book book, final RefOrder order)
    {
        order.shown = Math.min(order.display, order.remaining);
        arrivalCounter++;
        order.arrival = arrivalCounter;
        final List<RefOrder> side = book.side(order.side);
        side.add(order);
        side.sort(priority(order.side));
    }

    private void cancelOrder(final RefOrder order, final EventSink sink)
    {
        finish(order, DoneReason.CANCELLED, sink);
    }

    /** Takes an open order off its book, or an untriggered stop out of its list, and reports it. */
    private void finish(final RefOrder order, final DoneReason reason, final EventSink sink)
    {
        final Book book = books.get(order.instrument.id());
        if (order.type.isStop())
        {
            book.stops(order.side).remove(order);
            sink.onOrderDone(order.orderId, order.accountId, order.instrument.id(), order.side, reason,
                order.remaining);
            return;
        }
        book.side(order.side).remove(order);
        sink.onOrderDone(order.orderId, order.accountId, order.instrument.id(), order.side, reason, order.remaining);
        reportLevel(book, order.side, order.price, sink);
    }

    private static void reportLevel(final Book book, final Side side, final long price, final EventSink sink)
    {
        final List<RefOrder> orders = book.side(side);
        sink.onLevelChanged(book.instrument.id(), side, price, levelTotal(orders, price), levelCount(orders, price));
    }

    private boolean crossesBest(final Book book, final Side side, final OrderType type, final long price)
    {
        final List<RefOrder> opposite = book.side(side.opposite());
        return !opposite.isEmpty() && crosses(side, type, price, opposite.get(0).price);
    }

    /** Whether an incoming order of this side, type and price would trade with a resting order at levelPrice. */
    private static boolean crosses(final Side side, final OrderType type, final long price, final long levelPrice)
    {
        if (type == OrderType.MARKET)
        {
            return true;
        }
        return side == Side.BUY ? price >= levelPrice : price <= levelPrice;
    }

    private static Comparator<RefOrder> priority(final Side side)
    {
        final Comparator<RefOrder> byPrice = side == Side.BUY ?
            Comparator.comparingLong((RefOrder order) -> order.price).reversed() :
            Comparator.comparingLong((RefOrder order) -> order.price);
        return byPrice.thenComparingLong(order -> order.arrival);
    }

    private static List<RefOrder> ordersAt(final List<RefOrder> side, final long price)
    {
        final List<RefOrder> result = new ArrayList<>();
        for (final RefOrder order : side)
        {
            if (order.price == price)
            {
                result.add(order);
            }
        }
        return result;
    }

    private static long levelTotal(final List<RefOrder> side, final long price)
    {
        long total = 0;
        for (final RefOrder order : ordersAt(side, price))
        {
            total += order.visible();
        }
        return total;
    }

    private static int levelCount(final List<RefOrder> side, final long price)
    {
        return ordersAt(side, price).size();
    }

    private RefOrder findOpen(final long orderId)
    {
        for (final Book book : books.values())
        {
            for (final List<RefOrder> list : List.of(book.bids, book.asks, book.buyStops, book.sellStops))
            {
                for (final RefOrder order : list)
                {
                    if (order.orderId == orderId)
                    {
                        return order;
                    }
                }
            }
        }
        return null;
    }

    private static void addStop(final Book book, final RefOrder stop)
    {
        final List<RefOrder> list = book.stops(stop.side);
        int at = list.size();
        while (at > 0 && (stop.side == Side.BUY ? list.get(at - 1).stopPrice > stop.stopPrice :
            list.get(at - 1).stopPrice < stop.stopPrice))
        {
            at--;
        }
        list.add(at, stop);
    }

    /** A trade at a price: every stop it reaches, buy stops then sell stops, each list from its front. */
    private void trigger(final Book book, final long tradePrice)
    {
        while (!book.buyStops.isEmpty() && book.buyStops.get(0).stopPrice <= tradePrice)
        {
            triggered.add(book.buyStops.remove(0));
        }
        while (!book.sellStops.isEmpty() && book.sellStops.get(0).stopPrice >= tradePrice)
        {
            triggered.add(book.sellStops.remove(0));
        }
    }

    /** After a command: the triggered stops enter one by one, as market or limit orders; more may trigger. */
    private void enterTriggered(final EventSink sink)
    {
        while (!triggered.isEmpty())
        {
            final RefOrder stop = triggered.remove(0);
            sink.onTriggered(stop.orderId, stop.accountId, stop.instrument.id(), stop.side);
            final OrderType type = stop.type == OrderType.STOP ? OrderType.MARKET : OrderType.LIMIT;
            final RefOrder incoming = new RefOrder(stop.orderId, stop.accountId, stop.instrument, stop.side, type,
                stop.price, stop.remaining, 0);
            incoming.expiresAtNs = type == OrderType.LIMIT ? stop.expiresAtNs : 0;
            matchAndFinish(books.get(stop.instrument.id()), incoming, sink);
        }
    }

    /** Every open order in forEachOrder order: instruments by id, bids best first, then asks best first. */
    private List<RefOrder> allOpenOrders()
    {
        final List<RefOrder> result = new ArrayList<>();
        for (final Map.Entry<Integer, Book> entry : books.entrySet())
        {
            result.addAll(entry.getValue().bids);
            result.addAll(entry.getValue().asks);
            result.addAll(entry.getValue().buyStops);
            result.addAll(entry.getValue().sellStops);
        }
        return result;
    }

    private static void visit(final RefOrder order, final OrderVisitor out)
    {
        out.order(order.orderId, order.accountId, order.instrument.id(), order.side, order.type.code(), order.price,
            order.remaining, order.visible(), order.filled);
    }

    private static Side decodeSide(final byte code)
    {
        for (final Side side : Side.values())
        {
            if (side.code() == code)
            {
                return side;
            }
        }
        return null;
    }

    private static OrderType decodeType(final byte code)
    {
        for (final OrderType type : OrderType.values())
        {
            if (type.code() == code)
            {
                return type;
            }
        }
        return null;
    }

    /** One instrument's book: two lists sorted best first, then oldest first. */
    private static final class Book
    {
        final Instrument instrument;
        final List<RefOrder> bids = new ArrayList<>();
        final List<RefOrder> asks = new ArrayList<>();
        /** Untriggered buy stops: ascending stop price, then arrival. */
        final List<RefOrder> buyStops = new ArrayList<>();
        /** Untriggered sell stops: descending stop price, then arrival. */
        final List<RefOrder> sellStops = new ArrayList<>();

        Book(final Instrument instrument)
        {
            this.instrument = instrument;
        }

        List<RefOrder> side(final Side side)
        {
            return side == Side.BUY ? bids : asks;
        }

        List<RefOrder> stops(final Side side)
        {
            return side == Side.BUY ? buyStops : sellStops;
        }
    }

    /** An order of the model: mutable, found by identity in the side lists. */
    private static final class RefOrder
    {
        final long orderId;
        final long accountId;
        final Instrument instrument;
        final Side side;
        final OrderType type;
        final long price;
        long remaining;
        long filled;
        long arrival;
        long expiresAtNs;
        long stopPrice;
        /** An iceberg's display quantity; 0: not an iceberg. */
        long display;
        /** An iceberg's visible part while it rests (set by rest, lowered by its trades); unused otherwise. */
        long shown;

        RefOrder(
            final long orderId,
            final long accountId,
            final Instrument instrument,
            final Side side,
            final OrderType type,
            final long price,
            final long remaining,
            final long filled)
        {
            this.orderId = orderId;
            this.accountId = accountId;
            this.instrument = instrument;
            this.side = side;
            this.type = type;
            this.price = price;
            this.remaining = remaining;
            this.filled = filled;
        }

        /** What the order shows in its level: all it has left, or an iceberg's visible part. */
        long visible()
        {
            return display == 0 ? remaining : shown;
        }
    }
}
