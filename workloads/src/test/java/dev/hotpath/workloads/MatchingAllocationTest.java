package dev.hotpath.workloads;

import dev.hotpath.engine.api.EventSink;
import dev.hotpath.engine.api.Instrument;
import dev.hotpath.engine.api.NoOpEventSink;
import dev.hotpath.engine.api.OrderType;
import dev.hotpath.engine.api.SelfTradePolicy;
import dev.hotpath.engine.api.Side;
import dev.hotpath.engine.matching.MatchingCore;
import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Once warm, {@link MatchingCore} allocates nothing on the calling thread, whatever the command: W1's
 * moves, W3's sweeps, every order type, cancels, amends, self-trade prevention, cancel-all, and every kind
 * of reject. Measured with the JVM's per-thread allocation counter over 1.4 million commands.
 */
class MatchingAllocationTest
{
    private static final long SEED = 42;
    private static final int MISC_INSTRUMENT = 2;
    private static final long MISC_FIRST_ORDER_ID = 2_000_000_000_000L;
    private static final long MISC_FIRST_ACCOUNT = 1_000_000;
    private static final int W1_WARMUP = 200_000;
    private static final int W1_MEASURED = 1_000_000;
    private static final int W3_WARMUP = 100_000;
    private static final int W3_MEASURED = 400_000;
    private static final int W1_CHUNK = 1_000;
    private static final int W3_CHUNK = 400;

    private long miscRound;

    @Test
    void shouldAllocateNothingPerCommandOnceWarm()
    {
        final com.sun.management.ThreadMXBean threads =
            (com.sun.management.ThreadMXBean)ManagementFactory.getThreadMXBean();
        final long threadId = Thread.currentThread().threadId();
        assertTrue(threads.isThreadAllocatedMemorySupported() && threads.isThreadAllocatedMemoryEnabled());
        threads.getThreadAllocatedBytes(threadId); // first call outside the measured region: it may load classes

        final Workload w1 = Workload.generate(WorkloadSpec.w1(), SEED, W1_WARMUP + W1_MEASURED);
        final Workload w3 =
            Workload.generate(WorkloadSpec.w3().withIds(1, 1_000_000_000_000L), SEED, W3_WARMUP + W3_MEASURED);
        final List<Instrument> instruments = new ArrayList<>(w1.instruments());
        instruments.addAll(w3.instruments());
        instruments.add(new Instrument(MISC_INSTRUMENT, "MISC", 5, 10, 2, 0));
        final MatchingCore engine = new MatchingCore(instruments, SelfTradePolicy.CANCEL_RESTING, 1 << 16);
        final DigestingSink warmupSink = new DigestingSink();
        final NoOpEventSink sink = NoOpEventSink.INSTANCE;

        w1.prefill().applyAll(engine, warmupSink);
        w3.prefill().applyAll(engine, warmupSink);
        final long w1Rejects = warmupSink.rejected;
        run(engine, w1.commands(), 0, W1_WARMUP, w3.commands(), 0, W3_WARMUP, warmupSink);
        run(engine, w1.commands(), 0, W1_WARMUP, w3.commands(), 0, W3_WARMUP, warmupSink); // again: rejects
        assertTrue(warmupSink.trades > 10_000 && warmupSink.rejected > w1Rejects, warmupSink.toString());
        // rewind, so that the measured commands meet the books the generator saw (also warms the reset path)
        new EngineReset(1 << 16).cancelAllOpenOrders(engine, sink);
        w1.prefill().applyAll(engine, sink);
        w3.prefill().applyAll(engine, sink);
        run(engine, w1.commands(), 0, W1_WARMUP, w3.commands(), 0, W3_WARMUP, sink);
        final long warmupCommands = 3L * (W1_WARMUP + W3_WARMUP);

        final long calibrationStart = threads.getThreadAllocatedBytes(threadId);
        final long calibration = threads.getThreadAllocatedBytes(threadId) - calibrationStart;

        final long before = threads.getThreadAllocatedBytes(threadId);
        final long commands = run(engine, w1.commands(), W1_WARMUP, W1_WARMUP + W1_MEASURED,
            w3.commands(), W3_WARMUP, W3_WARMUP + W3_MEASURED, sink);
        final long allocated = threads.getThreadAllocatedBytes(threadId) - before - calibration;

        System.out.printf("MatchingAllocationTest: %,d warm-up commands, then %,d measured commands " +
            "(W1 + W3 + misc); %,d bytes allocated (calibration %d)%n", warmupCommands, commands, allocated,
            calibration);
        assertTrue(commands >= 1_000_000, "measured commands: " + commands);
        assertEquals(0, calibration, "getThreadAllocatedBytes itself allocates");
        assertEquals(0, allocated, "bytes allocated by the matching thread over " + commands + " commands");
        assertEquals(finalOpenOrders(w1) + finalOpenOrders(w3), engine.openOrderCount(),
            "the measured run replayed W1 and W3 faithfully");
    }

    private static int finalOpenOrders(final Workload workload)
    {
        final MatchingCore alone = workload.newEngine();
        workload.prefill().applyAll(alone, NoOpEventSink.INSTANCE);
        workload.commands().applyAll(alone, NoOpEventSink.INSTANCE);
        return alone.openOrderCount();
    }

    /** Interleaves chunks of W1 and W3 with rounds of odd and bad input; returns the number of commands. */
    private long run(
        final MatchingCore engine,
        final CommandBatch w1,
        final int w1From,
        final int w1To,
        final CommandBatch w3,
        final int w3From,
        final int w3To,
        final EventSink sink)
    {
        long commands = 0;
        int i1 = w1From;
        int i3 = w3From;
        while (i1 < w1To || i3 < w3To)
        {
            final int end1 = Math.min(w1To, i1 + W1_CHUNK);
            w1.apply(i1, end1, engine, sink);
            commands += end1 - i1;
            i1 = end1;
            final int end3 = Math.min(w3To, i3 + W3_CHUNK);
            w3.apply(i3, end3, engine, sink);
            commands += end3 - i3;
            i3 = end3;
            commands += miscRound(engine, sink);
        }
        return commands;
    }

    /**
     * Every order type, amend and cancel outcome and reject reason, on an instrument with tick 5 and lot 10,
     * leaving its book empty again. Fresh order ids each round.
     */
    private int miscRound(final MatchingCore engine, final EventSink sink)
    {
        final long id = MISC_FIRST_ORDER_ID + 100 * miscRound++;
        final long a = MISC_FIRST_ACCOUNT; // accounts no workload uses, so that cancelAll touches only these
        final int inst = MISC_INSTRUMENT;
        final byte buy = Side.BUY.code();
        final byte sell = Side.SELL.code();
        final byte limit = OrderType.LIMIT.code();
        final byte market = OrderType.MARKET.code();
        final byte ioc = OrderType.IOC.code();
        final byte fok = OrderType.FOK.code();
        final byte postOnly = OrderType.POST_ONLY.code();

        engine.place(id + 1, a + 5, inst, buy, postOnly, 1_000, 50, sink);       // rests
        engine.place(id + 2, a + 6, inst, sell, limit, 1_010, 30, sink);         // rests
        engine.place(id + 3, a + 6, inst, sell, limit, 1_015, 20, sink);         // rests
        engine.place(id + 4, a + 7, inst, buy, fok, 1_015, 100, sink);           // not enough: expires
        engine.place(id + 5, a + 7, inst, buy, fok, 1_010, 10, sink);            // fills
        engine.place(id + 6, a + 8, inst, sell, postOnly, 1_000, 10, sink);      // would cross: reject
        engine.place(id + 7, a + 8, inst, buy, ioc, 1_015, 30, sink);            // sweeps two levels, expires rest
        engine.place(id + 8, a + 9, inst, sell, market, 0, 60, sink);            // takes the bid, expires rest
        engine.place(id + 9, a + 9, inst, buy, market, 0, 10, sink);             // takes the last ask
        engine.place(id + 10, a + 10, inst, sell, limit, 1_030, 40, sink);       // rests
        engine.amend(id + 10, a + 10, 1_030, 20, sink);                          // reduce in place
        engine.amend(id + 10, a + 10, 1_025, 20, sink);                          // move
        engine.amend(id + 10, a + 10, 1_025, 30, sink);                          // larger: back of the queue
        engine.amend(id + 10, a + 10, 1_025, 30, sink);                          // no change
        engine.amend(id + 10, a + 11, 1_020, 30, sink);                          // not the owner
        engine.amend(id + 10, a + 10, 1_020, 0, sink);                           // invalid quantity
        engine.amend(id + 10, a + 10, 1_020, 15, sink);                          // off lot
        engine.amend(id + 10, a + 10, -5, 30, sink);                             // invalid price
        engine.amend(id + 10, a + 10, 1_021, 30, sink);                          // off tick
        engine.amend(id + 10, a + 10, Long.MAX_VALUE / 5 * 5, 30, sink);         // overflow
        engine.amend(id + 99, a + 10, 1_020, 30, sink);                          // unknown order
        engine.place(id + 11, a + 10, inst, buy, limit, 1_025, 10, sink);        // self-trade: cancels the ask, rests
        engine.place(id + 12, a + 12, inst, buy, postOnly, 990, 10, sink);       // rests
        engine.amend(id + 12, a + 12, 1_030, 10, sink);                          // post-only moves (no ask to cross)
        engine.place(id + 13, a + 13, inst, sell, limit, 1_040, 10, sink);       // rests
        engine.amend(id + 12, a + 12, 1_040, 10, sink);                          // post-only would cross: reject
        engine.amend(id + 13, a + 13, 985, 10, sink);                            // crosses: both filled
        engine.cancel(id + 11, a + 14, sink);                                    // not the owner
        engine.cancel(id + 98, a + 14, sink);                                    // unknown
        engine.place(id + 14, a + 15, inst, buy, limit, 900, 10, sink);          // rests
        engine.place(id + 14, a + 15, inst, buy, limit, 905, 10, sink);          // duplicate id
        engine.place(id + 15, a + 15, inst, sell, limit, 1_200, 10, sink);       // rests
        engine.place(0, a + 15, inst, buy, limit, 900, 10, sink);                // invalid order id
        engine.place(id + 16, a + 15, 77, buy, limit, 900, 10, sink);            // unknown instrument
        engine.place(id + 17, a + 15, -1, buy, limit, 900, 10, sink);            // unknown instrument
        engine.place(id + 18, a + 15, inst, (byte)'X', limit, 900, 10, sink);    // invalid side
        engine.place(id + 19, a + 15, inst, buy, (byte)'Z', 900, 10, sink);      // invalid type
        engine.place(id + 20, a + 15, inst, buy, (byte)-3, 900, 10, sink);       // invalid type (negative code)
        engine.place(id + 21, a + 15, inst, buy, limit, 900, 0, sink);           // invalid quantity
        engine.place(id + 22, a + 15, inst, buy, limit, 900, 15, sink);          // off lot
        engine.place(id + 23, a + 15, inst, buy, limit, 0, 10, sink);            // invalid price
        engine.place(id + 24, a + 15, inst, buy, limit, 903, 10, sink);          // off tick
        engine.place(id + 25, a + 15, inst, buy, limit, Long.MAX_VALUE / 5 * 5, 10, sink); // overflow
        engine.place(id + 26, a + 15, inst, buy, market, 0, 15, sink);           // off lot (market)
        engine.cancelAll(a + 15, sink);                                          // two orders
        engine.cancel(id + 11, a + 10, sink);                                    // cancels
        engine.place(id + 27, a + 9, inst, buy, market, 0, 10, sink);            // empty side: expires
        engine.cancelAll(a + 12, sink);                                          // nothing left
        engine.cancelAll(a + 13, sink);
        return 50;
    }
}
