package dev.hotpath.engine.support;

import dev.hotpath.engine.api.Instrument;
import dev.hotpath.engine.api.OrderType;
import dev.hotpath.engine.api.Side;
import dev.hotpath.engine.matching.MatchingEngine;
import dev.hotpath.engine.support.BookState.LevelRow;
import dev.hotpath.engine.support.BookState.OrderRow;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The invariants every matching engine's books must hold between commands, checked from the outside through
 * the query methods: no crossed book at rest, each level's total and count equal to the sum and number of its
 * orders, levels and orders in best-first order, every open order findable by id and on its instrument's grid.
 *
 * <p>Stateless; call it on the thread that owns the engine.
 */
public final class BookInvariants
{
    private BookInvariants()
    {
    }

    /**
     * Checks the invariants.
     *
     * @param engine      the engine.
     * @param instruments its instruments.
     * @param state       its state, just captured with {@link BookState#capture}.
     * @return a description of the first broken invariant, or {@code null} when all hold.
     */
    public static String check(final MatchingEngine engine, final List<Instrument> instruments, final BookState state)
    {
        final Map<Integer, Instrument> byId = new HashMap<>();
        for (final Instrument instrument : instruments)
        {
            byId.put(instrument.id(), instrument);
        }
        if (state.openOrderCount() != state.orders().size())
        {
            return "openOrderCount() is " + state.openOrderCount() + " but forEachOrder visits " +
                state.orders().size() + " orders";
        }

        final Set<Long> ids = new HashSet<>();
        final List<LevelRow> levelsFromOrders = new ArrayList<>();
        OrderRow previous = null;
        for (final OrderRow order : state.orders())
        {
            final String broken = isStop(order) ? checkStop(engine, byId.get(order.instrumentId()), order, previous) :
                checkOrder(engine, byId.get(order.instrumentId()), order, previous);
            if (broken != null)
            {
                return broken + ": " + order;
            }
            if (!ids.add(order.orderId()))
            {
                return "order id visited twice: " + order;
            }
            if (!isStop(order))
            {
                addToLevels(levelsFromOrders, order); // an untriggered stop is on no level
            }
            previous = order;
        }
        if (!levelsFromOrders.equals(state.levels()))
        {
            return "levels from topLevels " + state.levels() + " differ from levels summed from forEachOrder " +
                levelsFromOrders;
        }
        for (final Instrument instrument : instruments)
        {
            final List<LevelRow> bids = state.levelsOf(instrument.id(), Side.BUY);
            final List<LevelRow> asks = state.levelsOf(instrument.id(), Side.SELL);
            if (!bids.isEmpty() && !asks.isEmpty() && bids.get(0).price() >= asks.get(0).price())
            {
                return "crossed book at rest: best bid " + bids.get(0) + ", best ask " + asks.get(0);
            }
        }
        return null;
    }

    private static String checkOrder(
        final MatchingEngine engine, final Instrument instrument, final OrderRow order, final OrderRow previous)
    {
        if (instrument == null)
        {
            return "open order of an unknown instrument";
        }
        if (order.remainingQuantity() <= 0 || order.remainingQuantity() % instrument.lotSize() != 0)
        {
            return "open quantity not positive or off lot";
        }
        if (order.visibleQuantity() <= 0 || order.visibleQuantity() > order.remainingQuantity() ||
            order.visibleQuantity() % instrument.lotSize() != 0)
        {
            return "visible quantity not positive, above the open quantity, or off lot";
        }
        if (order.filledQuantity() < 0 || order.filledQuantity() % instrument.lotSize() != 0)
        {
            return "filled quantity negative or off lot";
        }
        if (order.price() <= 0 || order.price() % instrument.tickSize() != 0)
        {
            return "price not positive or off tick";
        }
        if (order.typeCode() != OrderType.LIMIT.code() && order.typeCode() != OrderType.POST_ONLY.code())
        {
            return "only LIMIT and POST_ONLY orders rest";
        }
        if (previous != null && !inForEachOrderOrder(previous, order))
        {
            return "forEachOrder out of order after " + previous;
        }
        final OrderRow found = BookState.find(engine, order.orderId());
        if (!order.equals(found))
        {
            return "findOrder gives " + found + " for the order visited by forEachOrder";
        }
        return null;
    }

    private static boolean isStop(final OrderRow order)
    {
        return order.typeCode() == OrderType.STOP.code() || order.typeCode() == OrderType.STOP_LIMIT.code();
    }

    /**
     * An untriggered stop: on the grid (a STOP has no price), listed after its instrument's book orders, buy stops
     * before sell stops, and findable by id.
     */
    private static String checkStop(
        final MatchingEngine engine, final Instrument instrument, final OrderRow order, final OrderRow previous)
    {
        if (instrument == null)
        {
            return "stop of an unknown instrument";
        }
        if (order.remainingQuantity() <= 0 || order.remainingQuantity() % instrument.lotSize() != 0 ||
            order.filledQuantity() != 0)
        {
            return "stop quantity not positive, off lot, or partly filled";
        }
        if (order.typeCode() == OrderType.STOP.code() ? order.price() != 0 :
            order.price() <= 0 || order.price() % instrument.tickSize() != 0)
        {
            return "stop price field wrong (0 for STOP, on the tick for STOP_LIMIT)";
        }
        if (previous != null && (previous.instrumentId() > order.instrumentId() ||
            previous.instrumentId() == order.instrumentId() && isStop(previous) && previous.side() == Side.SELL &&
            order.side() == Side.BUY))
        {
            return "forEachOrder lists stops out of order after " + previous;
        }
        final OrderRow found = BookState.find(engine, order.orderId());
        return order.equals(found) ? null : "findOrder gives " + found + " for the stop visited by forEachOrder";
    }

    private static boolean inForEachOrderOrder(final OrderRow previous, final OrderRow order)
    {
        if (previous.instrumentId() == order.instrumentId() && isStop(previous))
        {
            return false; // a book order after a stop of the same instrument
        }
        if (previous.instrumentId() != order.instrumentId())
        {
            return previous.instrumentId() < order.instrumentId();
        }
        if (previous.side() != order.side())
        {
            return previous.side() == Side.BUY;
        }
        return order.side() == Side.BUY ? previous.price() >= order.price() : previous.price() <= order.price();
    }

    private static void addToLevels(final List<LevelRow> levels, final OrderRow order)
    {
        final LevelRow last = levels.isEmpty() ? null : levels.get(levels.size() - 1);
        if (last != null && last.instrumentId() == order.instrumentId() && last.side() == order.side() &&
            last.price() == order.price())
        {
            levels.set(levels.size() - 1, new LevelRow(last.instrumentId(), last.side(), last.price(),
                last.totalQuantity() + order.visibleQuantity(), last.orderCount() + 1));
        }
        else
        {
            levels.add(new LevelRow(order.instrumentId(), order.side(), order.price(), order.visibleQuantity(), 1));
        }
    }
}
