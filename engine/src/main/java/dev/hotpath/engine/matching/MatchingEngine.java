package dev.hotpath.engine.matching;

import dev.hotpath.engine.api.Command;
import dev.hotpath.engine.api.EventSink;
import dev.hotpath.engine.api.Side;

/**
 * The rules of the exchange for many instruments: validate commands, match with price-time priority,
 * keep the books, and report everything that happens as events to an {@link EventSink}.
 *
 * <p>Two implementations obey the same contract: {@link MatchingCore}, the fast allocation-free one that
 * runs on the hot path, and a slow obviously-correct reference model in the tests that the fast one is
 * fuzzed against.
 *
 * <p>Single-threaded: only the thread that owns the engine (the matching thread in the pipeline) may call
 * any method. Bad input never throws: it is rejected through the sink and changes nothing. Order and
 * side codes are raw bytes ({@link dev.hotpath.engine.api.Side#code()},
 * {@link dev.hotpath.engine.api.OrderType#code()}) because commands arrive as bytes from journals and
 * the network; an invalid code is a reject, not an exception.
 */
public interface MatchingEngine
{
    /**
     * Places a new order.
     *
     * @param orderId      unique id chosen by the sender (&gt; 0).
     * @param accountId    the account placing it.
     * @param instrumentId the instrument.
     * @param sideCode     {@link dev.hotpath.engine.api.Side#code()}.
     * @param typeCode     {@link dev.hotpath.engine.api.OrderType#code()}.
     * @param price        limit price in price units (ignored for market orders).
     * @param quantity     quantity in quantity units.
     * @param sink         receives the events.
     */
    void place(long orderId, long accountId, int instrumentId, byte sideCode, byte typeCode, long price,
        long quantity, EventSink sink);

    /**
     * Cancels an open order of the account.
     *
     * @param orderId   the order.
     * @param accountId the account asking; must own the order.
     * @param sink      receives the events.
     */
    void cancel(long orderId, long accountId, EventSink sink);

    /**
     * Changes the price and open quantity of an open order of the account. A smaller quantity at the same
     * price keeps the order's place in the queue; a new price or a larger quantity sends it to the back,
     * and a new price that crosses the other side trades like a new limit order.
     *
     * @param orderId     the order.
     * @param accountId   the account asking; must own the order.
     * @param newPrice    new limit price in price units.
     * @param newQuantity new open quantity (not counting what has already traded).
     * @param sink        receives the events.
     */
    void amend(long orderId, long accountId, long newPrice, long newQuantity, EventSink sink);

    /**
     * A new order with the fields of stops and expiries: as
     * {@link #place(long, long, int, byte, byte, long, long, EventSink)}, and
     * <ul>
     * <li>a {@code STOP} or {@code STOP_LIMIT} order waits off the book until a trade prints at or through its
     *     {@code stopPrice}, then enters as a market or limit order after the command that made the trade (see
     *     docs/matching-rules.md); other types must have a stop price of 0; otherwise {@code INVALID_STOP_PRICE};</li>
     * <li>an order that waits (on the book or as a stop) expires (done {@code EXPIRED}) when {@link #advanceTime}
     *     reaches {@code expiresAtNs}; an expiry on an order that cannot wait, or not after the engine's time, is
     *     rejected {@code INVALID_EXPIRY}.</li>
     * </ul>
     * Both are checked after the price and quantity, before the duplicate id.
     *
     * @param orderId      id.
     * @param accountId    owner.
     * @param instrumentId instrument.
     * @param sideCode     side code.
     * @param typeCode     order type code.
     * @param price        limit price.
     * @param quantity     quantity.
     * @param stopPrice    a stop's stop price; {@code 0} for other types.
     * @param expiresAtNs  when it expires, in the commands' time (epoch ns); {@code 0}: good till cancelled.
     * @param sink         receives the events.
     */
    default void place(long orderId, long accountId, int instrumentId, byte sideCode, byte typeCode, long price,
        long quantity, long stopPrice, long expiresAtNs, EventSink sink)
    {
        place(orderId, accountId, instrumentId, sideCode, typeCode, price, quantity, stopPrice, expiresAtNs, 0, sink);
    }

    /**
     * A new order with every field: as {@link #place(long, long, int, byte, byte, long, long, long, long, EventSink)},
     * and a {@code displayQuantity} above 0 makes it an iceberg: it matches with its whole quantity when it comes in,
     * but rests showing at most {@code displayQuantity} (what its level counts); when that part trades away, the next
     * part is shown at the back of the level. Only {@code LIMIT} and {@code POST_ONLY} orders may be icebergs, with a
     * display quantity of whole lots below the quantity; otherwise {@code INVALID_DISPLAY_QUANTITY}, checked after the
     * stop price and before the expiry.
     *
     * @param orderId         id.
     * @param accountId       owner.
     * @param instrumentId    instrument.
     * @param sideCode        side code.
     * @param typeCode        order type code.
     * @param price           limit price.
     * @param quantity        quantity.
     * @param stopPrice       a stop's stop price; {@code 0} for other types.
     * @param expiresAtNs     when it expires; {@code 0}: good till cancelled.
     * @param displayQuantity an iceberg's display quantity; {@code 0}: shows everything.
     * @param sink            receives the events.
     */
    void place(long orderId, long accountId, int instrumentId, byte sideCode, byte typeCode, long price,
        long quantity, long stopPrice, long expiresAtNs, long displayQuantity, EventSink sink);

    /**
     * Moves the engine's time on to a command's timestamp (never back) and expires, first, every resting order
     * whose expiry it reaches: earliest expiry first, at the same expiry the smaller order id first, each as a
     * cancel with reason {@code EXPIRED}.
     *
     * @param timeNs the command's timestamp, epoch ns.
     * @param sink   receives the events.
     */
    void advanceTime(long timeNs, EventSink sink);

    /**
     * Cancels every open order of an account, e.g. when its kill switch is turned on.
     *
     * @param accountId the account.
     * @param sink      receives an {@code onOrderDone(CANCELLED)} and level change per order.
     */
    default void cancelAll(long accountId, EventSink sink)
    {
        massCancel(accountId, Command.ALL_INSTRUMENTS, Command.BOTH_SIDES, sink);
    }

    /**
     * Cancels the open orders of an account on one instrument or all, on one side or both: instrument by
     * instrument in ascending id, bids then asks, each side best price first and, within a price, in time
     * priority. Nothing matches: no event. An instrument id that is neither {@link Command#ALL_INSTRUMENTS} nor
     * known, or a side code that is neither {@link Command#BOTH_SIDES} nor a side, is rejected (order id 0).
     *
     * @param accountId    the account.
     * @param instrumentId one instrument, or {@link Command#ALL_INSTRUMENTS}.
     * @param sideCode     one side's code, or {@link Command#BOTH_SIDES}.
     * @param sink         receives an {@code onOrderDone(CANCELLED)} and level change per order.
     */
    void massCancel(long accountId, int instrumentId, byte sideCode, EventSink sink);

    /**
     * Copies the best levels of one side of a book, best first.
     *
     * @param instrumentId the instrument.
     * @param side         which side.
     * @param depth        the most levels wanted.
     * @param out          receives the levels.
     * @return how many levels were copied (0 for an unknown instrument).
     */
    int topLevels(int instrumentId, Side side, int depth, LevelVisitor out);

    /**
     * Looks up an open order.
     *
     * @param orderId the order's id.
     * @param out     receives the order's state when it is open.
     * @return true when the order is open (resting on a book).
     */
    boolean findOrder(long orderId, OrderVisitor out);

    /**
     * Visits every open order, book by book (instrument id ascending), bids best first then asks best
     * first, in queue order within a level. Used by snapshots and by tests that compare books.
     *
     * @param out receives each order.
     */
    void forEachOrder(OrderVisitor out);

    /** @return how many orders are open across all books. */
    int openOrderCount();

    /** Receives one price level. */
    @FunctionalInterface
    interface LevelVisitor
    {
        /**
         * @param price         the level's price.
         * @param totalQuantity open quantity at the level.
         * @param orderCount    number of orders at the level.
         */
        void level(long price, long totalQuantity, int orderCount);
    }

    /** Receives one open order. */
    @FunctionalInterface
    interface OrderVisitor
    {
        /**
         * @param orderId           the order's id.
         * @param accountId         its owner.
         * @param instrumentId      its instrument.
         * @param side              its side.
         * @param typeCode          its order type's code.
         * @param price             its limit price.
         * @param remainingQuantity its open quantity (an iceberg's visible and hidden parts together).
         * @param visibleQuantity   what of it shows in its level: all of it, unless an iceberg (a stop, in no level, all).
         * @param filledQuantity    what has traded so far.
         */
        void order(long orderId, long accountId, int instrumentId, Side side, byte typeCode, long price,
            long remainingQuantity, long visibleQuantity, long filledQuantity);
    }
}
