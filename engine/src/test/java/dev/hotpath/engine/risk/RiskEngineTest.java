package dev.hotpath.engine.risk;

import dev.hotpath.engine.api.Command;
import dev.hotpath.engine.api.DoneReason;
import dev.hotpath.engine.api.EventSink;
import dev.hotpath.engine.api.Instrument;
import dev.hotpath.engine.api.OrderType;
import dev.hotpath.engine.api.RejectReason;
import dev.hotpath.engine.api.Side;
import dev.hotpath.engine.pipeline.EngineConfig;
import dev.hotpath.engine.pipeline.EngineCore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
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
        core = new EngineCore(EngineConfig.builder()
            .directory(Path.of("unused"))
            .instruments(List.of(Instrument.simple(0, "AAA"), Instrument.simple(1, "BBB")))
            .accountLimits(LIMITED, new RiskLimits(100, 10_000, 3, 150))
            .build());
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

        void reset()
        {
            reject = null;
            cancelled = 0;
            trades.clear();
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
