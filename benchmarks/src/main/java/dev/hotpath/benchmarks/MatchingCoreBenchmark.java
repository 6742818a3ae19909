package dev.hotpath.benchmarks;

import dev.hotpath.engine.api.Instrument;
import dev.hotpath.engine.api.OrderType;
import dev.hotpath.engine.api.Side;
import dev.hotpath.engine.matching.MatchingCore;
import dev.hotpath.workloads.Workload;
import dev.hotpath.workloads.WorkloadSpec;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/**
 * Costs of single commands of {@link MatchingCore}, in ns per command, on a W1 book (the state after W1's
 * prefill, seed 42: ~1,000 resting orders over ~750 levels, 1,000 accounts).
 *
 * <p>Every benchmark works on a batch of commands per invocation and puts the book back, untimed, around
 * it ({@code Level.Invocation} setup and tear-down), so that each invocation meets the same book and the
 * score is per command ({@code @OperationsPerInvocation}). Batches last tens of microseconds, so the two
 * timestamps JMH takes per invocation (about 25 ns each here) weigh about 0.1%.
 * <ul>
 *   <li>{@link #placeNonCrossing}: {@value #BATCH} new limit orders at prices drawn like W1's, at or behind
 *       the best price of their side (about half join an existing level, half make a new one); they are
 *       cancelled in the tear-down.</li>
 *   <li>{@link #cancel}: {@value #BATCH} such orders are placed in the setup and cancelled, in random
 *       order, in the benchmark.</li>
 *   <li>{@link #amendMovePrice}: {@value #BATCH} such orders, placed in the setup, each move to another
 *       non-crossing price with the same quantity (W1's move); cancelled in the tear-down.</li>
 *   <li>{@link #marketSweep10Levels}: on a second instrument, the setup lays out {@value #SWEEPS} x 10 ask
 *       levels of 2 orders each (different accounts); each market buy then takes exactly the best 10
 *       levels: 20 trades, 20 makers filled, 10 levels removed. Score per sweep.</li>
 * </ul>
 *
 * <p>Run: {@code ./hotpath bench MatchingCoreBenchmark}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class MatchingCoreBenchmark
{
    static final int BATCH = 1_000;
    static final int SWEEPS = 100;
    static final int SWEEP_LEVELS = 10;
    static final int ORDERS_PER_LEVEL = 2;
    static final int SWEEP_INSTRUMENT = 1;
    static final long FIRST_ORDER_ID = 1_000_000_000L;
    static final long SWEEP_BASE_PRICE = 10_000;
    static final long SWEEP_ORDER_QTY = 7;

    /** The engine with W1's book after its prefill, and a batch of non-crossing orders to place. */
    @State(Scope.Thread)
    public static class W1Book
    {
        MatchingCore engine;
        final CountingSink sink = new CountingSink();
        final long[] orderIds = new long[BATCH];
        final long[] accountIds = new long[BATCH];
        final byte[] sides = new byte[BATCH];
        final long[] prices = new long[BATCH];
        final long[] movedPrices = new long[BATCH];
        final long[] quantities = new long[BATCH];
        final int[] cancelOrder = new int[BATCH];

        /** Builds the book and draws the batch. */
        @Setup(Level.Trial)
        public void build()
        {
            final Workload w1 = Workload.generate(WorkloadSpec.w1(), 42, 0);
            final List<Instrument> instruments = new ArrayList<>(w1.instruments());
            instruments.add(Instrument.simple(SWEEP_INSTRUMENT, "SWEEP"));
            engine = new MatchingCore(instruments, WorkloadSpec.w1().selfTradePolicy(), 1 << 16);
            w1.prefill().applyAll(engine, sink);
            final long bestBid = engine.bestBid(0);
            final long bestAsk = engine.bestAsk(0);

            final SplittableRandom random = new SplittableRandom(42);
            for (int i = 0; i < BATCH; i++)
            {
                final boolean buy = (i & 1) == 0;
                orderIds[i] = FIRST_ORDER_ID + i;
                accountIds[i] = 1 + random.nextInt(1_000);
                sides[i] = buy ? Side.BUY.code() : Side.SELL.code();
                prices[i] = passivePrice(random, buy, bestBid, bestAsk);
                long moved;
                do
                {
                    moved = passivePrice(random, buy, bestBid, bestAsk);
                }
                while (moved == prices[i]);
                movedPrices[i] = moved;
                quantities[i] = 1 + random.nextInt(100);
                cancelOrder[i] = i;
            }
            for (int i = BATCH - 1; i > 0; i--)
            {
                final int j = random.nextInt(i + 1);
                final int swap = cancelOrder[i];
                cancelOrder[i] = cancelOrder[j];
                cancelOrder[j] = swap;
            }
        }

        /** W1's depth: {@code floor(1200 u^2)} ticks behind the best price of its side (0: joins it). */
        private static long passivePrice(
            final SplittableRandom random, final boolean buy, final long bestBid, final long bestAsk)
        {
            final double u = random.nextDouble();
            final long offset = (long)(1_200 * u * u);
            return buy ? bestBid - offset : bestAsk + offset;
        }

        void placeBatch()
        {
            final byte limit = OrderType.LIMIT.code();
            for (int i = 0; i < BATCH; i++)
            {
                engine.place(orderIds[i], accountIds[i], 0, sides[i], limit, prices[i], quantities[i], sink);
            }
        }

        void cancelBatch()
        {
            for (int i = 0; i < BATCH; i++)
            {
                engine.cancel(orderIds[i], accountIds[i], sink);
            }
        }
    }

    /** Puts the batch's orders back off the book after each invocation. */
    @State(Scope.Thread)
    public static class PlaceState extends W1Book
    {
        /** Removes what the benchmark placed. */
        @TearDown(Level.Invocation)
        public void cancelPlaced()
        {
            cancelBatch();
        }
    }

    /** Places the batch before each invocation. */
    @State(Scope.Thread)
    public static class CancelState extends W1Book
    {
        /** Places what the benchmark will cancel. */
        @Setup(Level.Invocation)
        public void placeToCancel()
        {
            placeBatch();
        }
    }

    /** Places the batch before each invocation and cancels it after. */
    @State(Scope.Thread)
    public static class AmendState extends W1Book
    {
        /** Places what the benchmark will move. */
        @Setup(Level.Invocation)
        public void placeToAmend()
        {
            placeBatch();
        }

        /** Removes the moved orders. */
        @TearDown(Level.Invocation)
        public void cancelAmended()
        {
            cancelBatch();
        }
    }

    /** Lays out the ask ladder that the market orders will sweep. */
    @State(Scope.Thread)
    public static class SweepState extends W1Book
    {
        /** Refills {@value #SWEEPS} x 10 ask levels, worst first (appending at the best end is O(1)). */
        @Setup(Level.Invocation)
        public void refillLevels()
        {
            final byte sell = Side.SELL.code();
            final byte limit = OrderType.LIMIT.code();
            long orderId = 2 * FIRST_ORDER_ID;
            for (int level = SWEEPS * SWEEP_LEVELS - 1; level >= 0; level--)
            {
                for (int k = 0; k < ORDERS_PER_LEVEL; k++)
                {
                    engine.place(orderId++, 2 + k, SWEEP_INSTRUMENT, sell, limit, SWEEP_BASE_PRICE + level,
                        SWEEP_ORDER_QTY, sink);
                }
            }
        }

        /** Checks that the sweeps took the whole ladder and nothing else. */
        @TearDown(Level.Invocation)
        public void checkSwept()
        {
            if (engine.bestAsk(SWEEP_INSTRUMENT) != 0)
            {
                throw new IllegalStateException("the sweeps left asks on the book");
            }
        }
    }

    /**
     * @param state the W1 book.
     * @return a checksum of the events.
     */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public long placeNonCrossing(final PlaceState state)
    {
        state.placeBatch();
        return state.sink.checksum;
    }

    /**
     * @param state the W1 book with the batch resting.
     * @return a checksum of the events.
     */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public long cancel(final CancelState state)
    {
        final MatchingCore engine = state.engine;
        final CountingSink sink = state.sink;
        final int[] order = state.cancelOrder;
        for (int i = 0; i < BATCH; i++)
        {
            final int k = order[i];
            engine.cancel(state.orderIds[k], state.accountIds[k], sink);
        }
        return sink.checksum;
    }

    /**
     * @param state the W1 book with the batch resting.
     * @return a checksum of the events.
     */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public long amendMovePrice(final AmendState state)
    {
        final MatchingCore engine = state.engine;
        final CountingSink sink = state.sink;
        for (int i = 0; i < BATCH; i++)
        {
            engine.amend(state.orderIds[i], state.accountIds[i], state.movedPrices[i], state.quantities[i], sink);
        }
        return sink.checksum;
    }

    /**
     * @param state the ladder.
     * @return a checksum of the events.
     */
    @Benchmark
    @OperationsPerInvocation(SWEEPS)
    public long marketSweep10Levels(final SweepState state)
    {
        final MatchingCore engine = state.engine;
        final CountingSink sink = state.sink;
        final byte buy = Side.BUY.code();
        final byte market = OrderType.MARKET.code();
        final long qty = SWEEP_LEVELS * ORDERS_PER_LEVEL * SWEEP_ORDER_QTY;
        for (int i = 0; i < SWEEPS; i++)
        {
            engine.place(3 * FIRST_ORDER_ID + i, 1, SWEEP_INSTRUMENT, buy, market, 0, qty, sink);
        }
        return sink.checksum;
    }
}
