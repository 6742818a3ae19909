package dev.hotpath.workloads;

import dev.hotpath.engine.api.DoneReason;
import dev.hotpath.engine.api.EventSink;
import dev.hotpath.engine.api.Instrument;
import dev.hotpath.engine.api.OrderType;
import dev.hotpath.engine.api.RejectReason;
import dev.hotpath.engine.api.Side;
import dev.hotpath.engine.matching.MatchingCore;
import dev.hotpath.engine.matching.MatchingEngine;
import org.agrona.collections.Long2LongHashMap;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * Generates the commands of a {@link WorkloadSpec} from a seed: the same spec and seed give the same
 * commands, on any machine. It runs every command it makes through its own {@link MatchingCore}, so it
 * knows exactly which orders are open, and cancels and moves only name live orders of their owners.
 *
 * <p>Two phases: {@link #prefill(CommandBatch)} builds the initial books (passive GTC orders up to the
 * target size, then a settling run of the mix so that the books reach their steady shape), and
 * {@link #next(CommandBatch, int)} makes the measured commands; it can be called again for more.
 * {@link #stats()} describes the commands made by {@code next} so far.
 *
 * <h2>The model (per book)</h2>
 * <ul>
 *   <li>The fair price is the last trade price (initially {@value #INITIAL_PRICE}); it drifts as trades
 *       happen on either side. New orders lean towards the side with fewer resting orders, and back towards
 *       the start when the price wanders more than {@value #DRIFT_BAND_TICKS} ticks away.</li>
 *   <li>LIMIT (GTC): passive, {@code 1 + floor(range * u^2)} ticks from the fair price on its own side
 *       ({@code u} uniform, {@code range} the spec's {@code priceRangeTicks}): dense at the top, thin far
 *       away; 1 to 100 lots (30 on average).</li>
 *   <li>IOC: at the best opposite price plus 0 to 2 ticks, for at most a quarter of the best level's
 *       average order (an eighth on average): it always trades, rarely fills a maker, never walks the
 *       book.</li>
 *   <li>MARKET: sized to take the whole of the best {@code k - 1} opposite levels and part of the
 *       {@code k}-th, {@code k} uniform in the spec's sweep range.</li>
 *   <li>MOVE (amend price, same open quantity): a random open order of the book. Usually it drifts
 *       towards the fair price by a hundredth of the distance, at least one tick (one tick either way when
 *       it is at the fair price), as in exchange-core's generator. Sometimes it chases: it is repriced at
 *       the best opposite level and trades there (only orders no bigger than that level's average order
 *       chase, so one chase fills about one order). The chance of a chase is {@value #CHASE_CHANCE}
 *       times {@code (resting / target)^8}: this is what holds the resting count near its target.</li>
 *   <li>CANCEL: a random open order of the book, by its owner.</li>
 *   <li>AMEND (W3): a random open order gets a new price within 3 ticks and a new quantity.</li>
 *   <li>ICEBERG (W4): a LIMIT of 5 to 100 lots showing 20% to 50% of it at a time.</li>
 *   <li>GOOD_TILL_TIME (W4): a LIMIT good till 1 to 50 ms after it is sent. A timed workload's commands carry
 *       times {@value #STEP_NS} ns apart, so its orders expire while it runs, on every replay alike.</li>
 *   <li>STOP_LIMIT (W4): a stop 1 to 3 ticks beyond the best opposite price, its limit 2 ticks further: the
 *       price's moves trigger it, and it trades when it enters. Cancels and moves may pick waiting stops too.</li>
 * </ul>
 *
 * <p>Why W1 trades on about 5% of commands rather than exchange-core's "about 6%": with 9% new GTC orders
 * and 6% cancels, only 3% of commands can, on average, take an order off the book by filling it, and
 * every trade between two resting orders fills at least one of them. So at most the 3% IOC orders (which
 * do not rest) plus 3% can trade: 6% is the ceiling of a book that keeps its size, reached only if no IOC
 * ever filled a maker. The generator gets within one point of it.
 *
 * <p>W3 cannot keep its book with live cancels: 40% new limits come in, and 30% cancels plus 20% sweeps
 * (each taking at least one whole level) would take out more. So while its book is below its target size a
 * W3 cancel is sent late: for an order a sweep has just filled, as a client racing the market would, and
 * the engine rejects it ({@code UNKNOWN_ORDER}). That is also why W3 sweeps 2 to 3 levels: deeper sweeps
 * would empty the book whatever the cancels do.
 *
 * <p>Not thread-safe; generation allocates freely (it is not on a measured path).
 */
public final class WorkloadGenerator
{
    /** The fair price every book starts from, in ticks. */
    public static final long INITIAL_PRICE = 100_000;
    /** How far the fair price may wander before new orders lean back towards the start. */
    public static final long DRIFT_BAND_TICKS = 2_000;

    /** A move's chance to chase the opposite best price when its book is exactly at its target size. */
    private static final double CHASE_CHANCE = 0.17;
    /** The settling run of the prefill: 20 commands per target resting order, at most this many. */
    private static final int MAX_SETTLE_COMMANDS = 200_000;
    private static final int RECENT_DONE = 256;
    private static final int LEVEL_SAMPLE_EVERY = 256;
    /** A timed workload's commands are this far apart in its own time: a million commands a second. */
    static final long STEP_NS = 1_000;

    private final WorkloadSpec spec;
    private final SplitMix64 rng;
    private final List<Instrument> instrumentList;
    private final MatchingCore core;
    private final Book[] books;
    private final double[] cumulativePopularity;
    private final Long2LongHashMap slotById = new Long2LongHashMap(1 << 12, 0.5f, -1);
    private final Tracker tracker = new Tracker();
    private final OrderProbe probe = new OrderProbe();
    private final LevelProbe levels = new LevelProbe();
    private final WorkloadStats.Builder stats = new WorkloadStats.Builder();
    private long nextOrderId;
    /** The flow's time, for a timed workload (0 otherwise): every command is {@link #STEP_NS} after the last. */
    private long clockNs;
    private boolean prefilled;
    private boolean counting;

    /**
     * @param spec what to generate.
     * @param seed the seed: the same spec and seed give the same commands.
     */
    public WorkloadGenerator(final WorkloadSpec spec, final long seed)
    {
        this.spec = spec;
        this.rng = new SplitMix64(seed ^ 0x5DEECE66DL * spec.name().hashCode());
        this.nextOrderId = spec.firstOrderId();
        final List<Instrument> list = new ArrayList<>(spec.instruments());
        for (int i = 0; i < spec.instruments(); i++)
        {
            final int id = spec.firstInstrumentId() + i;
            list.add(Instrument.simple(id, spec.name() + "-" + id));
        }
        this.instrumentList = Collections.unmodifiableList(list);
        this.core = new MatchingCore(instrumentList, spec.selfTradePolicy(), expectedOrders(spec));

        final double[] weights = new double[spec.instruments()];
        double total = 0;
        for (int i = 0; i < weights.length; i++)
        {
            weights[i] = 1.0 / StrictMath.pow(i + 1, spec.instruments() == 1 ? 0 : spec.zipfExponent());
            total += weights[i];
        }
        this.cumulativePopularity = new double[weights.length];
        this.books = new Book[weights.length];
        double running = 0;
        for (int i = 0; i < weights.length; i++)
        {
            running += weights[i];
            cumulativePopularity[i] = running / total;
            final int target = Math.max(16, (int)Math.round(spec.restingOrders() * weights[i] / total));
            books[i] = new Book(spec.firstInstrumentId() + i, target);
        }
        cumulativePopularity[weights.length - 1] = 1.0;
    }

    /**
     * @param spec a workload.
     * @return the number of open orders to size a replaying engine for (so that its pools never grow).
     */
    public static int expectedOrders(final WorkloadSpec spec)
    {
        return Math.max(1 << 12, Integer.highestOneBit(spec.restingOrders() * 4) << 1);
    }

    /** @return the spec. */
    public WorkloadSpec spec()
    {
        return spec;
    }

    /** @return the instruments the commands name. */
    public List<Instrument> instruments()
    {
        return instrumentList;
    }

    /**
     * The commands that build the initial books: passive limit orders until every book holds its share of
     * the target, then {@code 20 x restingOrders} commands of the mix (at most 200,000) so that the books
     * settle into their steady shape. Call once, before {@link #next}.
     *
     * @param out receives the commands (appended).
     */
    public void prefill(final CommandBatch out)
    {
        if (prefilled)
        {
            throw new IllegalStateException("prefill already generated");
        }
        prefilled = true;
        for (final Book book : books)
        {
            while (book.openCount < book.target)
            {
                tick();
                placeLimit(out, book);
            }
        }
        final int settle = Math.min(20 * spec.restingOrders(), MAX_SETTLE_COMMANDS);
        for (int i = 0; i < settle; i++)
        {
            generateOne(out);
        }
    }

    /**
     * Makes the next {@code count} commands of the workload (after the prefill) and counts them in
     * {@link #stats()}.
     *
     * @param out   receives the commands (appended).
     * @param count how many.
     */
    public void next(final CommandBatch out, final int count)
    {
        if (!prefilled)
        {
            prefill(new CommandBatch(spec.restingOrders() * 24));
        }
        counting = true;
        try
        {
            for (int i = 0; i < count; i++)
            {
                generateOne(out);
            }
        }
        finally
        {
            counting = false;
        }
    }

    /** @return what the commands made by {@link #next} did, measured on the generator's own engine. */
    public WorkloadStats stats()
    {
        return stats.build(spec);
    }

    /** @return the generator's engine, in the state after the last generated command (do not modify). */
    public MatchingEngine engine()
    {
        return core;
    }

    /** A timed workload's time moves on by a step before each command; orders that come due expire. */
    private void tick()
    {
        if (spec.timed())
        {
            clockNs += STEP_NS;
            core.advanceTime(clockNs, tracker);
        }
    }

    /** Gives the command just appended the flow's time, if the workload is timed. */
    private void stamp(final CommandBatch out)
    {
        if (clockNs != 0)
        {
            out.stampLast(clockNs);
        }
    }

    private void generateOne(final CommandBatch out)
    {
        tracker.beginCommand(); // before the time moves: orders that come due count with this command
        tick();
        final int expiredByTime = tracker.expired; // not IOC remainders, which end EXPIRED too
        final Book book = books[pickBook()];
        final CommandKind kind = pickKind();
        final CommandKind made = make(out, book, kind);
        if (counting)
        {
            stats.command(made, tracker.trades, tracker.rejects, core.openOrderCount(), book.fairPrice);
            stats.orderTypes(expiredByTime, tracker.triggered);
            if (stats.commands() % LEVEL_SAMPLE_EVERY == 0)
            {
                stats.levels(countLevels());
            }
        }
    }

    private CommandKind make(final CommandBatch out, final Book book, final CommandKind kind)
    {
        switch (kind)
        {
            case LIMIT:
                placeLimit(out, book);
                return CommandKind.LIMIT;
            case IOC:
                placeIoc(out, book);
                return CommandKind.IOC;
            case MARKET:
                placeMarket(out, book);
                return CommandKind.MARKET;
            case ICEBERG:
                placeIceberg(out, book);
                return CommandKind.ICEBERG;
            case GOOD_TILL_TIME:
                placeGoodTillTime(out, book);
                return CommandKind.GOOD_TILL_TIME;
            case STOP_LIMIT:
                placeStopLimit(out, book);
                return CommandKind.STOP_LIMIT;
            default:
                break;
        }
        if (book.openCount == 0)
        {
            placeLimit(out, book);
            return CommandKind.LIMIT;
        }
        final long orderId = book.open[rng.nextInt(book.openCount)];
        if (!core.findOrder(orderId, probe))
        {
            throw new IllegalStateException("generator lost track of order " + orderId);
        }
        switch (kind)
        {
            case CANCEL:
                if (book.openCount < book.target && book.doneCount > 0 && spec.share(CommandKind.MARKET) > 0)
                {
                    final int slot = rng.nextInt(book.doneCount);
                    emitCancel(out, book.doneIds[slot], book.doneAccounts[slot]);
                }
                else
                {
                    emitCancel(out, orderId, probe.accountId);
                }
                return CommandKind.CANCEL;
            case MOVE:
                emitAmend(out, orderId, probe.accountId, movedPrice(book, probe.side, probe.price, probe.remaining), probe.remaining);
                return CommandKind.MOVE;
            case AMEND:
            {
                long price = probe.price + rng.nextInt(-3, 3);
                if (price == probe.price)
                {
                    price += probe.side == Side.BUY ? -1 : 1;
                }
                emitAmend(out, orderId, probe.accountId, Math.max(1, price), quantity());
                return CommandKind.AMEND;
            }
            default:
                throw new IllegalStateException("unexpected kind " + kind);
        }
    }

    private long movedPrice(final Book book, final Side side, final long price, final long remaining)
    {
        final double fullness = Math.min(2.0, (double)book.openCount / book.target);
        final double squared = fullness * fullness;
        final double eighth = squared * squared * squared * squared;
        if (rng.chance(CHASE_CHANCE * eighth))
        {
            levels.reset();
            if (core.topLevels(book.instrumentId, side.opposite(), 1, levels) == 1 &&
                remaining <= levels.quantity[0] / levels.orders[0])
            {
                return levels.price[0];
            }
        }
        final long distance = book.fairPrice - price;
        final long step;
        if (distance == 0)
        {
            step = rng.nextInt(2) == 0 ? -1 : 1;
        }
        else
        {
            final long magnitude = Math.max(1, Math.abs(distance) / 100);
            step = distance > 0 ? magnitude : -magnitude;
        }
        return Math.max(1, price + step);
    }

    private void placeLimit(final CommandBatch out, final Book book)
    {
        final Side side = pickSide(book);
        emitPlace(out, book, side, OrderType.LIMIT, passivePrice(book, side), quantity());
    }

    /** A passive limit as {@link #placeLimit} of 5 to 100 lots, showing a fifth to a half of it at a time. */
    private void placeIceberg(final CommandBatch out, final Book book)
    {
        final Side side = pickSide(book);
        final long price = passivePrice(book, side);
        final long qty = 5 + rng.nextInt(96);
        final long display = Math.max(1, qty * (2 + rng.nextInt(4)) / 10);
        emitPlace(out, book, side, OrderType.LIMIT, price, qty, 0, 0, display);
    }

    /** A passive limit as {@link #placeLimit}, good till 1 to 50 ms after it is sent (1,000 to 50,000 commands). */
    private void placeGoodTillTime(final CommandBatch out, final Book book)
    {
        final Side side = pickSide(book);
        final long ttl = (1 + rng.nextInt(50)) * 1_000_000L;
        emitPlace(out, book, side, OrderType.LIMIT, passivePrice(book, side), quantity(), 0, ttl, 0);
    }

    /**
     * A stop-limit 1 to 3 ticks beyond the best opposite price (a buy stop above the best ask, a sell stop below the
     * best bid), its limit 2 ticks further: the flow's trades reach it as the price moves, and it trades on entry.
     */
    private void placeStopLimit(final CommandBatch out, final Book book)
    {
        final Side side = pickSide(book);
        final long reference = oppositeBestOrFair(book, side);
        final long away = 1 + rng.nextInt(3);
        final long stop = Math.max(1, side == Side.BUY ? reference + away : reference - away);
        final long limit = Math.max(1, side == Side.BUY ? stop + 2 : stop - 2);
        emitPlace(out, book, side, OrderType.STOP_LIMIT, limit, quantity(), stop, 0, 0);
    }

    /** @return the best price on the other side of the book, or the fair price when that side is empty. */
    private long oppositeBestOrFair(final Book book, final Side side)
    {
        final long best = side == Side.BUY ? core.bestAsk(book.instrumentId) : core.bestBid(book.instrumentId);
        return best == 0 ? book.fairPrice : best;
    }

    private long passivePrice(final Book book, final Side side)
    {
        final double u = rng.nextDouble();
        final long offset = 1 + (long)(spec.priceRangeTicks() * u * u);
        return Math.max(1, side == Side.BUY ? book.fairPrice - offset : book.fairPrice + offset);
    }

    private void placeIoc(final CommandBatch out, final Book book)
    {
        final Side side = pickSide(book);
        final long reference = oppositeBestOrFair(book, side);
        final long slippage = rng.nextInt(3);
        final long price = side == Side.BUY ? reference + slippage : reference - slippage;
        levels.reset();
        final long perOrder = core.topLevels(book.instrumentId, side.opposite(), 1, levels) == 0 ? 10 :
            levels.quantity[0] / levels.orders[0];
        final long qty = 1 + rng.nextInt((int)Math.max(1, perOrder / 4));
        emitPlace(out, book, side, OrderType.IOC, Math.max(1, price), qty);
    }

    private void placeMarket(final CommandBatch out, final Book book)
    {
        final Side side = pickSide(book);
        final int sweep = rng.nextInt(spec.sweepLevelsMin(), spec.sweepLevelsMax());
        levels.reset();
        final int found = core.topLevels(book.instrumentId, side.opposite(), sweep, levels);
        long qty = 0;
        for (int i = 0; i < found - 1; i++)
        {
            qty += levels.quantity[i];
        }
        if (found > 0)
        {
            qty += 1 + rng.nextInt((int)Math.min(Integer.MAX_VALUE - 1, levels.quantity[found - 1]));
        }
        emitPlace(out, book, side, OrderType.MARKET, 0, Math.max(1, qty));
    }

    /** New orders lean towards the thinner side, and back towards the start when the price wandered off. */
    private Side pickSide(final Book book)
    {
        final int total = book.bidCount + book.askCount;
        double buy = 0.5;
        if (total > 0)
        {
            buy += 0.5 * (book.askCount - book.bidCount) / total;
        }
        final long drift = book.fairPrice - INITIAL_PRICE;
        if (drift > DRIFT_BAND_TICKS)
        {
            buy -= 0.1;
        }
        else if (drift < -DRIFT_BAND_TICKS)
        {
            buy += 0.1;
        }
        return rng.chance(buy) ? Side.BUY : Side.SELL;
    }

    /** Between 1 and 100 lots, 30 on average, small sizes more likely. */
    private long quantity()
    {
        return (long)(1 + rng.nextInt(10)) * (1 + rng.nextInt(10));
    }

    private long account()
    {
        return 1 + rng.nextInt(spec.accounts());
    }

    private int pickBook()
    {
        if (books.length == 1)
        {
            return 0;
        }
        final double u = rng.nextDouble();
        int low = 0;
        int high = cumulativePopularity.length - 1;
        while (low < high)
        {
            final int mid = (low + high) >>> 1;
            if (cumulativePopularity[mid] <= u)
            {
                low = mid + 1;
            }
            else
            {
                high = mid;
            }
        }
        return low;
    }

    private CommandKind pickKind()
    {
        final double u = rng.nextDouble();
        double cumulative = 0;
        final CommandKind[] kinds = CommandKind.all();
        for (final CommandKind kind : kinds)
        {
            cumulative += spec.share(kind);
            if (u < cumulative)
            {
                return kind;
            }
        }
        for (int i = kinds.length - 1; i >= 0; i--)
        {
            if (spec.share(kinds[i]) > 0)
            {
                return kinds[i];
            }
        }
        throw new IllegalStateException("empty mix");
    }

    private void emitPlace(
        final CommandBatch out, final Book book, final Side side, final OrderType type, final long price,
        final long qty)
    {
        emitPlace(out, book, side, type, price, qty, 0, 0, 0);
    }

    private void emitPlace(
        final CommandBatch out, final Book book, final Side side, final OrderType type, final long price,
        final long qty, final long stop, final long timeToLiveNs, final long display)
    {
        final long orderId = nextOrderId++;
        final long accountId = account();
        out.place(orderId, accountId, book.instrumentId, side.code(), type.code(), price, qty, stop, timeToLiveNs,
            display);
        stamp(out);
        core.place(orderId, accountId, book.instrumentId, side.code(), type.code(), price, qty, stop,
            timeToLiveNs == 0 ? 0 : clockNs + timeToLiveNs, display, tracker);
    }

    private void emitCancel(final CommandBatch out, final long orderId, final long accountId)
    {
        out.cancel(orderId, accountId);
        stamp(out);
        core.cancel(orderId, accountId, tracker);
    }

    private void emitAmend(
        final CommandBatch out, final long orderId, final long accountId, final long price, final long qty)
    {
        out.amend(orderId, accountId, price, qty);
        stamp(out);
        core.amend(orderId, accountId, price, qty, tracker);
    }

    private long countLevels()
    {
        long count = 0;
        for (final Book book : books)
        {
            count += core.topLevels(book.instrumentId, Side.BUY, Integer.MAX_VALUE, LevelProbe.IGNORE);
            count += core.topLevels(book.instrumentId, Side.SELL, Integer.MAX_VALUE, LevelProbe.IGNORE);
        }
        return count;
    }

    private Book book(final int instrumentId)
    {
        return books[instrumentId - spec.firstInstrumentId()];
    }

    /** The generator's model of one book: its fair price and its open orders, for picking at random. */
    private static final class Book
    {
        final int instrumentId;
        final int target;
        long fairPrice = INITIAL_PRICE;
        long[] open = new long[64];
        int openCount;
        int bidCount;
        int askCount;
        final long[] doneIds = new long[RECENT_DONE];
        final long[] doneAccounts = new long[RECENT_DONE];
        int doneCount;
        int doneNext;

        Book(final int instrumentId, final int target)
        {
            this.instrumentId = instrumentId;
            this.target = target;
        }
    }

    /** Keeps the model in step with the generator's engine. */
    private final class Tracker implements EventSink
    {
        int trades;
        int rejects;
        int expired;
        int triggered;

        void beginCommand()
        {
            trades = 0;
            rejects = 0;
            expired = 0;
            triggered = 0;
        }

        @Override
        public void onTriggered(final long orderId, final long accountId, final int instrumentId, final Side side)
        {
            triggered++;
        }

        @Override
        public void onAccepted(
            final long orderId, final long accountId, final int instrumentId, final Side side, final OrderType type,
            final long price, final long quantity)
        {
            final Book book = book(instrumentId);
            if (book.openCount == book.open.length)
            {
                book.open = Arrays.copyOf(book.open, book.openCount * 2);
            }
            slotById.put(orderId, book.openCount);
            book.open[book.openCount++] = orderId;
            if (side == Side.BUY)
            {
                book.bidCount++;
            }
            else
            {
                book.askCount++;
            }
        }

        @Override
        public void onRejected(
            final long orderId, final long accountId, final int instrumentId, final RejectReason reason)
        {
            rejects++;
        }

        @Override
        public void onAmended(
            final long orderId, final long accountId, final int instrumentId, final Side side, final long price,
            final long quantity)
        {
        }

        @Override
        public void onTrade(
            final long tradeId, final int instrumentId, final long makerOrderId, final long makerAccountId,
            final long takerOrderId, final long takerAccountId, final Side aggressor, final long price,
            final long quantity)
        {
            trades++;
            book(instrumentId).fairPrice = price;
        }

        @Override
        public void onOrderDone(
            final long orderId, final long accountId, final int instrumentId, final Side side,
            final DoneReason reason, final long remainingQuantity)
        {
            final Book book = book(instrumentId);
            final int slot = (int)slotById.remove(orderId);
            if (slot < 0)
            {
                throw new IllegalStateException("done for an order the generator did not see: " + orderId);
            }
            final int last = --book.openCount;
            if (slot != last)
            {
                final long moved = book.open[last];
                book.open[slot] = moved;
                slotById.put(moved, slot);
            }
            if (side == Side.BUY)
            {
                book.bidCount--;
            }
            else
            {
                book.askCount--;
            }
            if (reason == DoneReason.EXPIRED)
            {
                expired++;
            }
            if (reason == DoneReason.FILLED)
            {
                book.doneIds[book.doneNext] = orderId;
                book.doneAccounts[book.doneNext] = accountId;
                book.doneNext = (book.doneNext + 1) % RECENT_DONE;
                book.doneCount = Math.min(book.doneCount + 1, RECENT_DONE);
            }
        }

        @Override
        public void onLevelChanged(
            final int instrumentId, final Side side, final long price, final long totalQuantity,
            final int orderCount)
        {
        }
    }

    /** Receives one open order from {@link MatchingCore#findOrder}. */
    private static final class OrderProbe implements MatchingEngine.OrderVisitor
    {
        long accountId;
        Side side;
        long price;
        long remaining;

        @Override
        public void order(
            final long orderId, final long accountId, final int instrumentId, final Side side, final byte typeCode,
            final long price, final long remainingQuantity, final long visibleQuantity,
            final long filledQuantity)
        {
            this.accountId = accountId;
            this.side = side;
            this.price = price;
            this.remaining = remainingQuantity;
        }
    }

    /** Receives the top levels of a side. */
    private static final class LevelProbe implements MatchingEngine.LevelVisitor
    {
        static final MatchingEngine.LevelVisitor IGNORE = (price, totalQuantity, orderCount) ->
        {
        };

        final long[] price = new long[64];
        final long[] quantity = new long[64];
        final int[] orders = new int[64];
        int count;

        void reset()
        {
            count = 0;
        }

        @Override
        public void level(final long price, final long totalQuantity, final int orderCount)
        {
            this.price[count] = price;
            quantity[count] = totalQuantity;
            orders[count++] = orderCount;
        }
    }
}
