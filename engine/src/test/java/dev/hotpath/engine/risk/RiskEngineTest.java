package dev.hotpath.engine.risk;

import dev.hotpath.engine.api.Command;
import dev.hotpath.engine.api.DoneReason;
import dev.hotpath.engine.api.EventSink;
import dev.hotpath.engine.api.Instrument;
import dev.hotpath.engine.api.OrderType;
import dev.hotpath.engine.api.RejectReason;
import dev.hotpath.engine.api.Side;
import dev.hotpath.engine.core.EngineCore;
import dev.hotpath.engine.pipeline.EngineConfig;
import dev.hotpath.engine.snapshot.SnapshotCodec;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Each pre-trade risk rule, through the engine core as the pipeline runs it. */
class RiskEngineTest
{
    private static final long LIMITED = 1;
    private static final long OTHER = 2;

    private EngineCore core;
    private final Outcome outcome = new Outcome();
    private long timestamp;
    private long orderId;

    @BeforeEach
    void setUp()
    {
        core = new EngineCore(config(new RiskLimits(100, 10_000, 3, 150)));
    }

    @Test
    void shouldRejectAnOrderAboveTheMaximumQuantity()
    {
        assertEquals(RejectReason.RISK_MAX_ORDER_QUANTITY, place(LIMITED, Side.BUY, 50, 101));
        assertNull(place(LIMITED, Side.BUY, 50, 100));
    }

    @Test
    void shouldRejectAnOrderAboveTheMaximumNotional()
    {
        assertEquals(RejectReason.RISK_MAX_ORDER_NOTIONAL, place(LIMITED, Side.BUY, 101, 100));
        assertNull(place(LIMITED, Side.BUY, 100, 100));
    }

    @Test
    void shouldRejectAnAmendAboveTheMaximumNotional()
    {
        assertNull(place(LIMITED, Side.BUY, 50, 100));
        apply(new Command().amend(++timestamp, orderId, LIMITED, 101, 100));
        assertEquals(RejectReason.RISK_MAX_ORDER_NOTIONAL, outcome.reject, "101 x 100 = 10,100 > 10,000");
        apply(new Command().amend(++timestamp, orderId, LIMITED, 100, 100));
        assertNull(outcome.reject, "100 x 100 = 10,000 is at the limit, not above it");
    }

    @Test
    void shouldRejectBeyondTheMaximumNumberOfOpenOrdersAndAllowAgainAfterACancel()
    {
        assertNull(place(LIMITED, Side.BUY, 10, 1));
        assertNull(place(LIMITED, Side.BUY, 11, 1));
        assertNull(place(LIMITED, Side.SELL, 90, 1));
        assertEquals(RejectReason.RISK_MAX_OPEN_ORDERS, place(LIMITED, Side.SELL, 91, 1));
        apply(new Command().cancel(++timestamp, orderId - 1, LIMITED));
        assertNull(place(LIMITED, Side.SELL, 91, 1));
    }

    @Test
    void shouldCountOpenOrdersAndFillsAgainstThePositionLimit()
    {
        assertNull(place(LIMITED, Side.BUY, 10, 100));
        assertEquals(RejectReason.RISK_POSITION_LIMIT, place(LIMITED, Side.BUY, 10, 60), "100 open + 60 > 150");
        assertNull(place(OTHER, Side.SELL, 10, 100));
        assertEquals(100, core.risk().find(LIMITED).position(0), "the fill moved open quantity into the position");
        assertEquals(0, core.risk().find(LIMITED).openBuyQuantity(0));
        assertEquals(-100, core.risk().find(OTHER).position(0));
        assertEquals(RejectReason.RISK_POSITION_LIMIT, place(LIMITED, Side.BUY, 10, 51));
        assertNull(place(LIMITED, Side.BUY, 10, 50));
        assertNull(place(LIMITED, Side.SELL, 20, 100), "selling reduces the long position: within limits");
    }

    @Test
    void shouldRejectAnAmendThatBreaksALimitAndLeaveTheOrderAsItWas()
    {
        assertNull(place(LIMITED, Side.BUY, 10, 100));
        final long id = orderId;
        apply(new Command().amend(++timestamp, id, LIMITED, 10, 151));
        assertEquals(RejectReason.RISK_MAX_ORDER_QUANTITY, outcome.reject);
        apply(new Command().amend(++timestamp, id, LIMITED, 10, 90));
        assertNull(outcome.reject);
        assertEquals(90, core.risk().find(LIMITED).openBuyQuantity(0), "open quantity follows the amend");
    }

    @Test
    void shouldCancelRestingOrdersAndRejectNewOnesWhileTheKillSwitchIsOn()
    {
        assertNull(place(LIMITED, Side.BUY, 10, 5));
        assertNull(place(LIMITED, Side.SELL, 20, 5));
        apply(new Command().killSwitch(++timestamp, LIMITED, true));
        assertEquals(2, outcome.cancelled, "both resting orders cancelled");
        assertEquals(0, core.matching().openOrderCount());
        assertEquals(0, core.risk().find(LIMITED).openOrders());
        assertEquals(RejectReason.RISK_KILL_SWITCH, place(LIMITED, Side.BUY, 10, 5));
        assertNull(place(OTHER, Side.BUY, 10, 5), "other accounts are unaffected");
        apply(new Command().killSwitch(++timestamp, LIMITED, false));
        assertNull(place(LIMITED, Side.BUY, 10, 5));
        assertTrue(core.risk().find(LIMITED).openOrders() > 0);
        assertFalse(core.risk().find(LIMITED).killSwitch());
    }

    @Test
    void shouldApplyNewLimitsFromASetLimitsCommandAndReportThem()
    {
        assertNull(place(OTHER, Side.BUY, 10, 1_000), "the default limits are unlimited");
        apply(new Command().setLimits(++timestamp, OTHER, 50, 5_000, 2, 400));
        assertNull(outcome.reject);
        assertEquals(List.of("limits " + OTHER + " 50/5000/2/400"), outcome.limits, "one limits event");
        final AccountRisk account = core.risk().find(OTHER);
        assertEquals(new RiskLimits(50, 5_000, 2, 400), account.limits());
        assertTrue(account.limitsSetAtRunTime());
        assertEquals(RejectReason.RISK_MAX_ORDER_QUANTITY, place(OTHER, Side.BUY, 10, 51));
        assertEquals(RejectReason.RISK_MAX_ORDER_NOTIONAL, place(OTHER, Side.BUY, 101, 50));
        assertEquals(RejectReason.RISK_POSITION_LIMIT, place(OTHER, Side.BUY, 9, 1),
            "the 1,000 already open to buy are over the new position limit of 400");
        assertNull(place(OTHER, Side.SELL, 20, 1), "the second open order is within the new limit of 2");
        assertEquals(RejectReason.RISK_MAX_OPEN_ORDERS, place(OTHER, Side.SELL, 21, 1));
    }

    @Test
    void shouldLetAnAccountNeverSeenBeforeHaveItsLimitsSet()
    {
        final long fresh = 99;
        assertNull(core.risk().find(fresh));
        apply(new Command().setLimits(++timestamp, fresh, 5, 1_000, 1, 5));
        assertNull(outcome.reject);
        assertEquals(RejectReason.RISK_MAX_ORDER_QUANTITY, place(fresh, Side.SELL, 10, 6));
        assertNull(place(fresh, Side.SELL, 10, 5));
        assertEquals(RejectReason.RISK_MAX_OPEN_ORDERS, place(fresh, Side.SELL, 10, 1));
    }

    @Test
    void shouldRejectLimitsThatAreNotPositiveAndKeepTheOldOnes()
    {
        final long[][] invalid = {
            {0, 10_000, 3, 150}, {100, 0, 3, 150}, {100, 10_000, 0, 150}, {100, 10_000, 3, 0},
            {-1, 10_000, 3, 150}, {100, -5, 3, 150}, {100, 10_000, -3, 150}, {100, 10_000, 3, -150},
            {100, 10_000, 3, Long.MAX_VALUE}};
        for (final long[] l : invalid)
        {
            apply(new Command().setLimits(++timestamp, LIMITED, l[0], l[1], (int)l[2], l[3]));
            assertEquals(RejectReason.INVALID_LIMITS, outcome.reject, Arrays.toString(l));
            assertEquals(List.of(), outcome.limits, "no limits event for " + Arrays.toString(l));
        }
        assertNull(core.risk().find(LIMITED), "a refused command creates no risk state");
        assertEquals(RejectReason.RISK_MAX_ORDER_QUANTITY, place(LIMITED, Side.BUY, 50, 101));
        final AccountRisk account = core.risk().find(LIMITED);
        assertEquals(new RiskLimits(100, 10_000, 3, 150), account.limits(), "the config's limits still hold");
        assertFalse(account.limitsSetAtRunTime());
    }

    @Test
    void shouldKeepRunTimeLimitsThroughASnapshotAndTakeTheConfigsForTheOtherAccounts() throws Exception
    {
        assertNull(place(LIMITED, Side.BUY, 10, 5));
        apply(new Command().setLimits(++timestamp, OTHER, 7, 700, 4, 70));
        final byte[] encoded = SnapshotCodec.encode(core, -1);

        final EngineCore same = SnapshotCodec.decode(new DataInputStream(new ByteArrayInputStream(encoded)),
            config(new RiskLimits(100, 10_000, 3, 150)), "test").core();
        assertEquals(new RiskLimits(7, 700, 4, 70), same.risk().find(OTHER).limits());
        assertTrue(same.risk().find(OTHER).limitsSetAtRunTime());
        assertArrayEquals(encoded, SnapshotCodec.encode(same, -1), "restored state encodes to the same bytes");

        final EngineCore newConfig = SnapshotCodec.decode(new DataInputStream(new ByteArrayInputStream(encoded)),
            config(new RiskLimits(20, 2_000, 2, 30)), "test").core();
        assertEquals(new RiskLimits(20, 2_000, 2, 30), newConfig.risk().find(LIMITED).limits(),
            "limits never set at run time follow the config, as a full replay under it would");
        assertEquals(new RiskLimits(7, 700, 4, 70), newConfig.risk().find(OTHER).limits(),
            "limits set at run time win over the config");
    }

    @Test
    void shouldRefuseASnapshotOfTheFormerVersionWithAClearMessage()
    {
        final byte[] encoded = SnapshotCodec.encode(core, -1);
        ByteBuffer.wrap(encoded).putInt(8, 1);
        final IOException ex = assertThrows(IOException.class, () -> SnapshotCodec.decode(
            new DataInputStream(new ByteArrayInputStream(encoded)), config(RiskLimits.UNLIMITED), "old.snap"));
        assertEquals("old.snap: snapshot version 1, this build reads 4 (an older build wrote it: move the snapshot"
            + " files aside to recover by replaying the input journal)", ex.getMessage());
    }

    private static EngineConfig config(final RiskLimits limitsOfLimited)
    {
        return EngineConfig.builder()
            .directory(Path.of("unused"))
            .instruments(List.of(Instrument.simple(0, "AAA"), Instrument.simple(1, "BBB")))
            .accountLimits(LIMITED, limitsOfLimited)
            .build();
    }

    private RejectReason place(final long account, final Side side, final long price, final long quantity)
    {
        apply(new Command().place(++timestamp, ++orderId, account, 0, side.code(), OrderType.LIMIT.code(), price,
            quantity));
        return outcome.reject;
    }

    private void apply(final Command command)
    {
        command.sequence = core.lastSequence() + 1;
        outcome.reset();
        core.apply(command, outcome);
    }

    /** Remembers the reject and counts cancels of one command. */
    private static final class Outcome implements EventSink
    {
        RejectReason reject;
        int cancelled;
        final List<String> trades = new ArrayList<>();
        final List<String> limits = new ArrayList<>();

        void reset()
        {
            reject = null;
            cancelled = 0;
            trades.clear();
            limits.clear();
        }

        @Override
        public void onLimitsSet(final long accountId, final long maxOrderQuantity, final long maxOrderNotional,
            final int maxOpenOrders, final long maxPosition)
        {
            limits.add("limits " + accountId + " " + maxOrderQuantity + "/" + maxOrderNotional + "/" + maxOpenOrders +
                "/" + maxPosition);
        }

        @Override
        public void onAccepted(final long orderId, final long accountId, final int instrumentId, final Side side,
            final OrderType type, final long price, final long quantity)
        {
        }

        @Override
        public void onRejected(final long orderId, final long accountId, final int instrumentId,
            final RejectReason reason)
        {
            reject = reason;
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
            trades.add(makerOrderId + "/" + takerOrderId + "@" + price + "x" + quantity);
        }

        @Override
        public void onOrderDone(final long orderId, final long accountId, final int instrumentId, final Side side,
            final DoneReason reason, final long remainingQuantity)
        {
            if (reason == DoneReason.CANCELLED)
            {
                cancelled++;
            }
        }

        @Override
        public void onLevelChanged(final int instrumentId, final Side side, final long price,
            final long totalQuantity, final int orderCount)
        {
        }
    }
}
