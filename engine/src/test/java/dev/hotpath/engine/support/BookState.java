package dev.hotpath.engine.support;

import dev.hotpath.engine.api.Instrument;
import dev.hotpath.engine.api.Side;
import dev.hotpath.engine.matching.MatchingEngine;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The whole visible state of a matching engine as plain values: every open order in
 * {@link MatchingEngine#forEachOrder} order, every price level of every book side as
 * {@link MatchingEngine#topLevels} reports it, and the open order count. Two engines given the same commands
 * must have equal states; a rejected command must leave the state equal to what it was.
 *
 * <p>Immutable once captured; any thread. Capture it on the thread that owns the engine.
 *
 * @param orders         open orders, in {@code forEachOrder} order.
 * @param levels         levels of each instrument (ascending id), bids best first then asks best first.
 * @param openOrderCount what {@link MatchingEngine#openOrderCount()} says.
 */
public record BookState(List<OrderRow> orders, List<LevelRow> levels, int openOrderCount)
{
    /**
     * One open order as {@link MatchingEngine.OrderVisitor} sees it.
     *
     * @param orderId           id.
     * @param accountId         owner.
     * @param instrumentId      instrument.
     * @param side              side.
     * @param typeCode          order type code.
     * @param price             limit price.
     * @param remainingQuantity open quantity (an iceberg's visible and hidden parts).
     * @param visibleQuantity   what of it shows in its level.
     * @param filledQuantity    traded so far.
     */
    public record OrderRow(
        long orderId,
        long accountId,
        int instrumentId,
        Side side,
        byte typeCode,
        long price,
        long remainingQuantity,
        long visibleQuantity,
        long filledQuantity)
    {
    }

    /**
     * One price level as {@link MatchingEngine.LevelVisitor} sees it.
     *
     * @param instrumentId  instrument.
     * @param side          side.
     * @param price         price.
     * @param totalQuantity open quantity at the level.
     * @param orderCount    orders at the level.
     */
    public record LevelRow(int instrumentId, Side side, long price, long totalQuantity, int orderCount)
    {
    }

    /**
     * Reads the whole state of an engine.
     *
     * @param engine      the engine.
     * @param instruments its instruments (any order).
     * @return the state.
     */
    public static BookState capture(final MatchingEngine engine, final List<Instrument> instruments)
    {
        final List<OrderRow> orders = new ArrayList<>();
        engine.forEachOrder((orderId, accountId, instrumentId, side, typeCode, price, remaining, visible,
            filled) ->
            orders.add(new OrderRow(orderId, accountId, instrumentId, side, typeCode, price, remaining, visible, filled)));
        final List<Instrument> byId = new ArrayList<>(instruments);
        byId.sort(Comparator.comparingInt(Instrument::id));
        final List<LevelRow> levels = new ArrayList<>();
        for (final Instrument instrument : byId)
        {
            levels.addAll(levels(engine, instrument.id(), Side.BUY, Integer.MAX_VALUE));
            levels.addAll(levels(engine, instrument.id(), Side.SELL, Integer.MAX_VALUE));
        }
        return new BookState(List.copyOf(orders), List.copyOf(levels), engine.openOrderCount());
    }

    /**
     * Reads the best levels of one side of one book, checking that the count returned matches what was visited.
     *
     * @param engine       the engine.
     * @param instrumentId the instrument.
     * @param side         the side.
     * @param depth        the most levels wanted.
     * @return the levels, best first.
     */
    public static List<LevelRow> levels(
        final MatchingEngine engine, final int instrumentId, final Side side, final int depth)
    {
        final List<LevelRow> levels = new ArrayList<>();
        final int count = engine.topLevels(instrumentId, side, depth,
            (price, total, orderCount) -> levels.add(new LevelRow(instrumentId, side, price, total, orderCount)));
        if (count != levels.size())
        {
            throw new AssertionError("topLevels(" + instrumentId + ", " + side + ", " + depth + ") returned " +
                count + " but visited " + levels.size() + " levels");
        }
        return levels;
    }

    /**
     * Looks up one open order.
     *
     * @param engine  the engine.
     * @param orderId the order's id.
     * @return the order, or {@code null} when {@link MatchingEngine#findOrder} says it is not open.
     */
    public static OrderRow find(final MatchingEngine engine, final long orderId)
    {
        final List<OrderRow> found = new ArrayList<>(1);
        final boolean open = engine.findOrder(orderId,
            (id, accountId, instrumentId, side, typeCode, price, remaining, visible,
            filled) ->
            found.add(new OrderRow(id, accountId, instrumentId, side, typeCode, price, remaining, visible, filled)));
        if (open != (found.size() == 1))
        {
            throw new AssertionError("findOrder(" + orderId + ") returned " + open + " but visited " +
                found.size() + " orders");
        }
        return open ? found.get(0) : null;
    }

    /**
     * @param instrumentId an instrument.
     * @param side         a side.
     * @return the levels of that side of that book, best first.
     */
    public List<LevelRow> levelsOf(final int instrumentId, final Side side)
    {
        final List<LevelRow> result = new ArrayList<>();
        for (final LevelRow level : levels)
        {
            if (level.instrumentId() == instrumentId && level.side() == side)
            {
                result.add(level);
            }
        }
        return result;
    }
}
