package dev.hotpath.engine.matching;

import dev.hotpath.engine.api.Command;
import dev.hotpath.engine.api.Instrument;
import dev.hotpath.engine.api.OrderType;
import dev.hotpath.engine.api.Side;
import dev.hotpath.engine.support.BookState.OrderRow;
import dev.hotpath.engine.support.EngineCommand;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A random but reproducible flow of matching engine commands from one seed: every order type near a moving
 * mid price so that orders cross often, cancels and amends (price and quantity, up and down, crossing), cancel
 * all, a few accounts so that self-trade prevention fires, and bad input of every kind the rules reject.
 *
 * <p>The flow looks at the reference engine's open orders to aim cancels and amends at live orders, so a run
 * is reproduced by the seed plus the engine's behaviour; the commands it produced are recorded by the caller.
 *
 * <p>Not thread-safe: one per test run, on the test thread.
 */
final class OrderFlow
{
    /** Tick 1 lot 1; tick 5 lot 10; tick 25 lot 100. Id 2 is left out on purpose: an unknown instrument. */
    static final List<Instrument> INSTRUMENTS = List.of(
        Instrument.simple(0, "AAA"), new Instrument(1, "BBB", 5, 10, 2, 0), new Instrument(3, "DDD", 25, 100, 2, 2));

    private static final int[] UNKNOWN_INSTRUMENTS = { 2, 4, -1, 1000, Integer.MIN_VALUE, Integer.MAX_VALUE };
    private static final long[] ACCOUNTS = { 1, 2, 3, 4 };
    private static final long[] ODD_ACCOUNTS = { 0, -7, Long.MAX_VALUE, Long.MIN_VALUE };
    private static final byte[] BAD_SIDES = { 0, 'b', 's', 'X', 'L', -1, Byte.MIN_VALUE, Byte.MAX_VALUE };
    private static final byte[] BAD_TYPES = { 0, 'l', 'm', 'X', 'B', 'S', -1, Byte.MIN_VALUE, Byte.MAX_VALUE };

    /** The shape of a flow; command mixes are per thousand, the rest is bad new orders. */
    enum Profile
    {
        /** Prices within a few ticks of the mid: lots of crossing, books of tens of orders. */
        NEAR_MID(2_500, 1, 1_000, 15, 520, 120, 180, 3, true),
        /** Prices spread over thousands of ticks: deep books with well over a thousand levels per side. */
        DEEP_BOOK(10_000, 100, 10_000, 5_000, 720, 40, 80, 0, false);

        final int commands;
        final int fullCheckEvery;
        final long midTicks;
        final int spreadTicks;
        final int newOrders;
        final int cancels;
        final int amends;
        final int cancelAlls;
        /** Whether the flow also sends stops, expiries and time (the deep-book flow does not: it builds depth). */
        final boolean withWaitingOrders;

        Profile(
            final int commands,
            final int fullCheckEvery,
            final long midTicks,
            final int spreadTicks,
            final int newOrders,
            final int cancels,
            final int amends,
            final int cancelAlls,
            final boolean withWaitingOrders)
        {
            this.commands = commands;
            this.fullCheckEvery = fullCheckEvery;
            this.midTicks = midTicks;
            this.spreadTicks = spreadTicks;
            this.newOrders = newOrders;
            this.cancels = cancels;
            this.amends = amends;
            this.cancelAlls = cancelAlls;
            this.withWaitingOrders = withWaitingOrders;
        }
    }

    private final SplittableRandom random;
    private final Profile profile;
    private final long firstOrderId;
    private final long[] midTicks = new long[INSTRUMENTS.size()];
    private long nextOrderId;
    /** The flow's clock: advanced now and then; new orders sometimes expire a little after it. */
    private long timeNs = 1_000;

    OrderFlow(final long seed, final Profile profile)
    {
        this.random = new SplittableRandom(seed);
        this.profile = profile;
        final int idBase = random.nextInt(3);
        this.firstOrderId = idBase == 0 ? 1 : idBase == 1 ? 1L << 40 : Long.MAX_VALUE - 100_000_000L;
        this.nextOrderId = firstOrderId;
        Arrays.fill(midTicks, profile.midTicks);
    }

    /**
     * @param reference the reference engine, whose open orders cancels and amends aim at.
     * @return the next command.
     */
    EngineCommand next(final MatchingEngine reference)
    {
        if (random.nextInt(50) == 0)
        {
            final int index = random.nextInt(midTicks.length);
            midTicks[index] = Math.max(profile.spreadTicks + 10, midTicks[index] + random.nextInt(-5, 6));
        }
        if (profile.withWaitingOrders && random.nextInt(12) == 0)
        {
            // time moves on (now and then a stale timestamp, which must change nothing)
            timeNs += random.nextInt(8) == 0 ? -random.nextInt(1, 20) : random.nextInt(1, 40);
            return new EngineCommand.AdvanceTime(timeNs);
        }
        final int dice = random.nextInt(1000);
        if (dice < profile.newOrders)
        {
            return newOrder();
        }
        if (dice < profile.newOrders + profile.cancels)
        {
            return cancel(openOrders(reference));
        }
        if (dice < profile.newOrders + profile.cancels + profile.amends)
        {
            return amend(openOrders(reference), reference);
        }
        if (dice < profile.newOrders + profile.cancels + profile.amends + profile.cancelAlls)
        {
            return random.nextBoolean() ? new EngineCommand.CancelAll(account()) : massCancel();
        }
        return badNewOrder(reference);
    }

    /** A mass cancel: one instrument or all (now and then an unknown one), one side or both (now and then a bad code). */
    private EngineCommand massCancel()
    {
        final int which = random.nextInt(10);
        final int instrumentId = which < 4 ? Command.ALL_INSTRUMENTS : which < 9 ?
            INSTRUMENTS.get(random.nextInt(INSTRUMENTS.size())).id() :
            UNKNOWN_INSTRUMENTS[random.nextInt(UNKNOWN_INSTRUMENTS.length)];
        final int how = random.nextInt(10);
        final byte sideCode = how < 3 ? Command.BOTH_SIDES : how < 6 ? Side.BUY.code() : how < 9 ? Side.SELL.code() :
            (byte)'X';
        return new EngineCommand.MassCancel(account(), instrumentId, sideCode);
    }

    /** @return a cancel all for every account the flow uses, to end a flow with empty books. */
    static List<EngineCommand> cancelAllOfEveryAccount()
    {
        final List<EngineCommand> commands = new ArrayList<>();
        for (final long accountId : ACCOUNTS)
        {
            commands.add(new EngineCommand.CancelAll(accountId));
        }
        for (final long accountId : ODD_ACCOUNTS)
        {
            commands.add(new EngineCommand.CancelAll(accountId));
        }
        return commands;
    }

    private EngineCommand newOrder()
    {
        final boolean deepInstrument = profile == Profile.DEEP_BOOK && random.nextInt(10) > 0;
        final int index = deepInstrument ? 0 : random.nextInt(INSTRUMENTS.size());
        final Instrument instrument = INSTRUMENTS.get(index);
        final Side side = random.nextBoolean() ? Side.BUY : Side.SELL;
        final OrderType type = orderType();
        final long price = price(index, side);
        final long quantity = quantity(instrument, price);
        final long orderPrice = type == OrderType.MARKET ? marketPrice(price) : price;
        if (!profile.withWaitingOrders)
        {
            return new EngineCommand.Place(
                newOrderId(), account(), instrument.id(), side.code(), type.code(), orderPrice, quantity);
        }
        final long expiresAt = random.nextInt(5) != 0 ? 0 : random.nextInt(10) == 0 ?
            timeNs - random.nextInt(0, 5) : timeNs + random.nextInt(1, 200); // now and then already past
        if (random.nextInt(6) == 0)
        {
            // a stop: its stop price a few ticks either side of the mid, so that trades reach it and cascade;
            // now and then a bad stop price
            final boolean limit = random.nextBoolean();
            final long tick = instrument.tickSize();
            final long stopPrice = random.nextInt(15) == 0 ? (random.nextBoolean() ? 0 : midTicks[index] * tick + 1) :
                (midTicks[index] + random.nextInt(-6, 7)) * tick;
            return new EngineCommand.PlaceFull(newOrderId(), account(), instrument.id(), side.code(),
                limit ? OrderType.STOP_LIMIT.code() : OrderType.STOP.code(), limit ? price : 0, quantity, stopPrice,
                expiresAt, 0);
        }
        if (random.nextInt(5) == 0)
        {
            return iceberg(instrument, side, price, expiresAt);
        }
        if (expiresAt != 0 || random.nextInt(40) == 0)
        {
            // good till a time (mostly a little ahead), and now and then a stop price on a type that is no stop
            return new EngineCommand.PlaceFull(newOrderId(), account(), instrument.id(), side.code(), type.code(),
                orderPrice, quantity, expiresAt == 0 ? instrument.tickSize() : 0, expiresAt, 0);
        }
        return new EngineCommand.Place(
            newOrderId(), account(), instrument.id(), side.code(), type.code(), orderPrice, quantity);
    }

    /**
     * An iceberg: a limit or post-only order of 2 to 60 lots showing 1 to 8 lots at a time, so that takers meet its
     * refreshes; now and then a bad display quantity (all of it, off the lot, negative, or on a type that cannot
     * hide).
     */
    private EngineCommand iceberg(final Instrument instrument, final Side side, final long price, final long expiresAt)
    {
        final long lot = instrument.lotSize();
        final long lots = random.nextInt(2, 61);
        long display = random.nextLong(1, Math.min(lots, 9)) * lot;
        OrderType type = random.nextInt(5) == 0 ? OrderType.POST_ONLY : OrderType.LIMIT;
        if (random.nextInt(15) == 0)
        {
            final int how = random.nextInt(4);
            if (how == 0)
            {
                display = lots * lot;
            }
            else if (how == 1)
            {
                display = lot == 1 ? -1 : display + 1;
            }
            else if (how == 2)
            {
                display = -display;
            }
            else
            {
                type = random.nextBoolean() ? OrderType.IOC : OrderType.FOK;
            }
        }
        return new EngineCommand.PlaceFull(newOrderId(), account(), instrument.id(), side.code(), type.code(), price,
            lots * lot, 0, type.mayExpire() ? expiresAt : 0, display);
    }

    private OrderType orderType()
    {
        final int dice = random.nextInt(100);
        if (profile == Profile.DEEP_BOOK)
        {
            return dice < 75 ? OrderType.LIMIT : dice < 88 ? OrderType.POST_ONLY : dice < 92 ? OrderType.IOC :
                dice < 96 ? OrderType.FOK : OrderType.MARKET;
        }
        return dice < 40 ? OrderType.LIMIT : dice < 50 ? OrderType.MARKET : dice < 65 ? OrderType.IOC :
            dice < 80 ? OrderType.FOK : OrderType.POST_ONLY;
    }

    /** A price on the instrument's grid: mostly on the own side of the mid, sometimes across it. */
    private long price(final int index, final Side side)
    {
        final long tick = INSTRUMENTS.get(index).tickSize();
        final long mid = midTicks[index];
        final long offset;
        if (profile == Profile.DEEP_BOOK)
        {
            offset = random.nextInt(30) == 0 ? random.nextInt(-3, 4) : random.nextInt(1, profile.spreadTicks);
        }
        else
        {
            offset = random.nextInt(20) == 0 ? random.nextInt(-300, 301) : random.nextInt(-3, profile.spreadTicks + 1);
        }
        final long ticks = side == Side.BUY ? mid - offset : mid + offset;
        return Math.max(1, ticks) * tick;
    }

    /** A market order's price is ignored: mostly 0, sometimes anything at all. */
    private long marketPrice(final long limitPrice)
    {
        final int dice = random.nextInt(10);
        return dice < 6 ? 0 : dice < 8 ? limitPrice : dice == 8 ? -random.nextInt(1000) : random.nextLong();
    }

    private long quantity(final Instrument instrument, final long price)
    {
        final int dice = random.nextInt(100);
        final long lots;
        if (dice < 70)
        {
            lots = random.nextInt(1, 11);
        }
        else if (dice < 90)
        {
            lots = random.nextInt(10, 51);
        }
        else if (dice < 99)
        {
            lots = random.nextInt(50, 301);
        }
        else
        {
            lots = Math.max(1, Long.MAX_VALUE / price / instrument.lotSize() / 64);
        }
        return lots * instrument.lotSize();
    }

    private long newOrderId()
    {
        if (nextOrderId > firstOrderId && random.nextInt(50) == 0)
        {
            return issuedOrderId();
        }
        return nextOrderId++;
    }

    private long issuedOrderId()
    {
        return nextOrderId == firstOrderId ? firstOrderId : random.nextLong(firstOrderId, nextOrderId);
    }

    private long account()
    {
        return random.nextInt(40) == 0 ? ODD_ACCOUNTS[random.nextInt(ODD_ACCOUNTS.length)] :
            ACCOUNTS[random.nextInt(ACCOUNTS.length)];
    }

    private long otherAccount(final long accountId)
    {
        final long other = ACCOUNTS[random.nextInt(ACCOUNTS.length)];
        return other == accountId ? other + 1 : other;
    }

    private EngineCommand cancel(final List<OrderRow> open)
    {
        final int dice = random.nextInt(100);
        if (!open.isEmpty() && dice < 83)
        {
            final OrderRow order = open.get(random.nextInt(open.size()));
            final long accountId = dice < 75 ? order.accountId() : otherAccount(order.accountId());
            return new EngineCommand.Cancel(order.orderId(), accountId);
        }
        return new EngineCommand.Cancel(unknownOrLostOrderId(), account());
    }

    private long unknownOrLostOrderId()
    {
        final int dice = random.nextInt(10);
        if (dice < 6)
        {
            return issuedOrderId();
        }
        if (dice < 8)
        {
            return nextOrderId + random.nextInt(1000);
        }
        return dice == 8 ? 0 : -random.nextLong(1, Long.MAX_VALUE);
    }

    private EngineCommand amend(final List<OrderRow> open, final MatchingEngine reference)
    {
        final int dice = random.nextInt(100);
        if (open.isEmpty() || dice >= 95)
        {
            return new EngineCommand.Amend(unknownOrLostOrderId(), account(), 100, 10);
        }
        final OrderRow order = open.get(random.nextInt(open.size()));
        final long accountId = dice < 90 ? order.accountId() : otherAccount(order.accountId());
        final Instrument instrument = instrumentOf(order.instrumentId());
        final long newPrice = amendedPrice(order, instrument, reference);
        final long newQuantity = amendedQuantity(order, instrument, newPrice);
        return new EngineCommand.Amend(order.orderId(), accountId, newPrice, newQuantity);
    }

    private long amendedPrice(final OrderRow order, final Instrument instrument, final MatchingEngine reference)
    {
        final long tick = instrument.tickSize();
        final int dice = random.nextInt(100);
        if (dice < 30)
        {
            return order.price();
        }
        if (dice < 65)
        {
            return Math.max(tick, order.price() + random.nextInt(-3, 4) * tick);
        }
        if (dice < 80)
        {
            final long best = bestPrice(reference, order.instrumentId(), order.side().opposite());
            if (best > 0)
            {
                final long through = random.nextInt(0, 3) * tick;
                return order.side() == Side.BUY ? best + through : Math.max(tick, best - through);
            }
            return order.price();
        }
        if (dice < 90)
        {
            return Math.max(tick, order.price() + random.nextInt(-300, 301) * tick);
        }
        return badPrice(instrument);
    }

    private long amendedQuantity(final OrderRow order, final Instrument instrument, final long newPrice)
    {
        final long lot = instrument.lotSize();
        final long remaining = order.remainingQuantity();
        final int dice = random.nextInt(100);
        if (dice < 25)
        {
            return remaining;
        }
        if (dice < 55)
        {
            return remaining > lot ? random.nextLong(1, remaining / lot) * lot : remaining;
        }
        if (dice < 85)
        {
            return remaining + random.nextInt(1, 21) * lot;
        }
        return badQuantity(instrument, Math.max(1, newPrice));
    }

    private EngineCommand badNewOrder(final MatchingEngine reference)
    {
        final int index = random.nextInt(INSTRUMENTS.size());
        final Instrument instrument = INSTRUMENTS.get(index);
        final Side side = random.nextBoolean() ? Side.BUY : Side.SELL;
        final OrderType pricedType = random.nextBoolean() ? OrderType.LIMIT : OrderType.values()[2 + random.nextInt(3)];
        long orderId = newOrderId();
        int instrumentId = instrument.id();
        byte sideCode = side.code();
        byte typeCode = random.nextInt(5) == 0 ? OrderType.MARKET.code() : pricedType.code();
        long price = price(index, side);
        long quantity = quantity(instrument, price);
        switch (random.nextInt(12))
        {
            case 0 -> orderId = random.nextBoolean() ? 0 : -random.nextLong(1, Long.MAX_VALUE);
            case 1 -> instrumentId = UNKNOWN_INSTRUMENTS[random.nextInt(UNKNOWN_INSTRUMENTS.length)];
            case 2 -> sideCode = BAD_SIDES[random.nextInt(BAD_SIDES.length)];
            case 3 -> typeCode = BAD_TYPES[random.nextInt(BAD_TYPES.length)];
            case 4, 5 -> quantity = badQuantity(instrument, price);
            case 6, 7 ->
            {
                typeCode = pricedType.code();
                price = badPrice(instrument);
            }
            case 8 ->
            {
                final List<OrderRow> open = openOrders(reference);
                orderId = open.isEmpty() ? orderId : open.get(random.nextInt(open.size())).orderId();
            }
            case 9 ->
            {
                typeCode = OrderType.POST_ONLY.code();
                final long best = bestPrice(reference, instrumentId, side.opposite());
                price = best > 0 ? best : price;
            }
            default ->
            {
                orderId = random.nextBoolean() ? orderId : 0;
                instrumentId = random.nextBoolean() ? instrumentId : UNKNOWN_INSTRUMENTS[0];
                sideCode = random.nextBoolean() ? sideCode : BAD_SIDES[random.nextInt(BAD_SIDES.length)];
                typeCode = random.nextBoolean() ? typeCode : BAD_TYPES[random.nextInt(BAD_TYPES.length)];
                quantity = random.nextBoolean() ? quantity : badQuantity(instrument, price);
                price = random.nextBoolean() ? price : badPrice(instrument);
            }
        }
        return new EngineCommand.Place(orderId, account(), instrumentId, sideCode, typeCode, price, quantity);
    }

    /** Zero, negative, off tick (when the tick is above one), or so large that any quantity overflows. */
    private long badPrice(final Instrument instrument)
    {
        final long tick = instrument.tickSize();
        return switch (random.nextInt(4))
        {
            case 0 -> 0;
            case 1 -> random.nextBoolean() ? -tick : Long.MIN_VALUE;
            case 2 -> tick > 1 ? random.nextInt(1, 1000) * tick + random.nextLong(1, tick) : 0;
            default -> Long.MAX_VALUE / tick * tick;
        };
    }

    /** Zero, negative, off lot (when the lot is above one), or just too large for the price. */
    private long badQuantity(final Instrument instrument, final long price)
    {
        final long lot = instrument.lotSize();
        return switch (random.nextInt(4))
        {
            case 0 -> 0;
            case 1 -> random.nextBoolean() ? -lot : Long.MIN_VALUE;
            case 2 -> lot > 1 ? random.nextInt(1, 100) * lot + random.nextLong(1, lot) : 0;
            default -> (Long.MAX_VALUE / price / lot + 1) * lot;
        };
    }

    private static Instrument instrumentOf(final int instrumentId)
    {
        for (final Instrument instrument : INSTRUMENTS)
        {
            if (instrument.id() == instrumentId)
            {
                return instrument;
            }
        }
        throw new IllegalArgumentException("no instrument " + instrumentId);
    }

    private static long bestPrice(final MatchingEngine engine, final int instrumentId, final Side side)
    {
        final long[] best = { 0 };
        engine.topLevels(instrumentId, side, 1, (price, total, count) -> best[0] = price);
        return best[0];
    }

    private static List<OrderRow> openOrders(final MatchingEngine engine)
    {
        final List<OrderRow> open = new ArrayList<>();
        engine.forEachOrder((orderId, accountId, instrumentId, side, typeCode, price, remaining, visible,
            filled) ->
            open.add(new OrderRow(orderId, accountId, instrumentId, side, typeCode, price, remaining, visible, filled)));
        return open;
    }
}
