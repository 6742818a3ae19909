package dev.hotpath.engine.matching;

import dev.hotpath.engine.api.Command;
import dev.hotpath.engine.api.DoneReason;
import dev.hotpath.engine.api.Instrument;
import dev.hotpath.engine.api.OrderType;
import dev.hotpath.engine.api.RejectReason;
import dev.hotpath.engine.api.SelfTradePolicy;
import dev.hotpath.engine.api.Side;
import dev.hotpath.engine.support.BookState;
import dev.hotpath.engine.support.BookState.LevelRow;
import dev.hotpath.engine.support.BookState.OrderRow;
import dev.hotpath.engine.support.Event;
import dev.hotpath.engine.support.RecordingEventSink;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.function.Supplier;

import static dev.hotpath.engine.api.DoneReason.CANCELLED;
import static dev.hotpath.engine.api.DoneReason.EXPIRED;
import static dev.hotpath.engine.api.DoneReason.FILLED;
import static dev.hotpath.engine.api.DoneReason.SELF_TRADE_PREVENTED;
import static dev.hotpath.engine.api.RejectReason.DUPLICATE_ORDER_ID;
import static dev.hotpath.engine.api.RejectReason.INVALID_DISPLAY_QUANTITY;
import static dev.hotpath.engine.api.RejectReason.INVALID_EXPIRY;
import static dev.hotpath.engine.api.RejectReason.INVALID_ORDER_ID;
import static dev.hotpath.engine.api.RejectReason.INVALID_ORDER_TYPE;
import static dev.hotpath.engine.api.RejectReason.INVALID_PRICE;
import static dev.hotpath.engine.api.RejectReason.INVALID_QUANTITY;
import static dev.hotpath.engine.api.RejectReason.INVALID_SIDE;
import static dev.hotpath.engine.api.RejectReason.INVALID_STOP_PRICE;
import static dev.hotpath.engine.api.RejectReason.NOT_ORDER_OWNER;
import static dev.hotpath.engine.api.RejectReason.NUMERIC_OVERFLOW;
import static dev.hotpath.engine.api.RejectReason.POST_ONLY_WOULD_CROSS;
import static dev.hotpath.engine.api.RejectReason.PRICE_OFF_TICK;
import static dev.hotpath.engine.api.RejectReason.QUANTITY_OFF_LOT;
import static dev.hotpath.engine.api.RejectReason.UNKNOWN_INSTRUMENT;
import static dev.hotpath.engine.api.RejectReason.UNKNOWN_ORDER;
import static dev.hotpath.engine.api.OrderType.FOK;
import static dev.hotpath.engine.api.OrderType.IOC;
import static dev.hotpath.engine.api.OrderType.LIMIT;
import static dev.hotpath.engine.api.OrderType.MARKET;
import static dev.hotpath.engine.api.OrderType.POST_ONLY;
import static dev.hotpath.engine.api.OrderType.STOP;
import static dev.hotpath.engine.api.OrderType.STOP_LIMIT;
import static dev.hotpath.engine.api.Side.BUY;
import static dev.hotpath.engine.api.Side.SELL;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The rules of docs/matching-rules.md, one focused test per rule, asserting the exact list of events each
 * command produces. Every {@link MatchingEngine} implementation gets a subclass that says how to build it.
 *
 * <p>Run by JUnit on one test thread, which owns the engine under test.
 */
public abstract class MatchingEngineContractTest
{
    /** Tick 1, lot 1. */
    protected static final int AAA = 0;
    /** Tick 5, lot 10. */
    protected static final int BBB = 1;
    /** No instrument has this id. */
    protected static final int NO_SUCH_INSTRUMENT = 2;
    protected static final List<Instrument> INSTRUMENTS =
        List.of(Instrument.simple(AAA, "AAA"), new Instrument(BBB, "BBB", 5, 10, 2, 0));

    protected static final long ALICE = 1;
    protected static final long BOB = 2;
    protected static final long CAROL = 3;

    private final RecordingEventSink sink = new RecordingEventSink();
    private MatchingEngine engine;

    /**
     * @param instruments the tradable instruments.
     * @param policy      the self-trade prevention policy.
     * @return a new, empty engine of the implementation under test.
     */
    protected abstract MatchingEngine newEngine(List<Instrument> instruments, SelfTradePolicy policy);

    @BeforeEach
    void setUp()
    {
        engine = newEngine(INSTRUMENTS, SelfTradePolicy.CANCEL_RESTING);
    }

    // ---------------------------------------------------------------------------------------------------------
    // New order: the checks, in order
    // ---------------------------------------------------------------------------------------------------------

    @Test
    void shouldRejectNonPositiveOrderId()
    {
        assertRejectChangesNothing(() -> place(0, ALICE, AAA, BUY, LIMIT, 100, 10),
            rejected(0, ALICE, AAA, INVALID_ORDER_ID));
        assertRejectChangesNothing(() -> place(-1, ALICE, AAA, BUY, LIMIT, 100, 10),
            rejected(-1, ALICE, AAA, INVALID_ORDER_ID));
        assertRejectChangesNothing(() -> place(Long.MIN_VALUE, ALICE, AAA, BUY, LIMIT, 100, 10),
            rejected(Long.MIN_VALUE, ALICE, AAA, INVALID_ORDER_ID));
    }

    @Test
    void shouldRejectUnknownInstrumentNamingTheInstrumentAsSent()
    {
        for (final int instrumentId : new int[]{ NO_SUCH_INSTRUMENT, -1, 1000, Integer.MAX_VALUE, Integer.MIN_VALUE })
        {
            assertRejectChangesNothing(() -> place(1, ALICE, instrumentId, BUY, LIMIT, 100, 10),
                rejected(1, ALICE, instrumentId, UNKNOWN_INSTRUMENT));
        }
    }

    @Test
    void shouldRejectInvalidSideCode()
    {
        for (final byte code : new byte[]{ 0, 'b', 's', 'X', -1, Byte.MIN_VALUE, Byte.MAX_VALUE })
        {
            assertRejectChangesNothing(() -> placeCodes(1, ALICE, AAA, code, LIMIT.code(), 100, 10),
                rejected(1, ALICE, AAA, INVALID_SIDE));
        }
    }

    @Test
    void shouldRejectInvalidOrderTypeCode()
    {
        for (final byte code : new byte[]{ 0, 'l', 'm', 'X', 'B', -1, Byte.MIN_VALUE, Byte.MAX_VALUE })
        {
            assertRejectChangesNothing(() -> placeCodes(1, ALICE, AAA, BUY.code(), code, 100, 10),
                rejected(1, ALICE, AAA, INVALID_ORDER_TYPE));
        }
    }

    @Test
    void shouldRejectNonPositiveQuantityForEveryType()
    {
        for (final OrderType type : OrderType.values())
        {
            assertRejectChangesNothing(() -> place(1, ALICE, AAA, BUY, type, 100, 0),
                rejected(1, ALICE, AAA, INVALID_QUANTITY));
            assertRejectChangesNothing(() -> place(1, ALICE, AAA, SELL, type, 100, -10),
                rejected(1, ALICE, AAA, INVALID_QUANTITY));
        }
    }

    @Test
    void shouldRejectQuantityOffLotForEveryType()
    {
        for (final OrderType type : OrderType.values())
        {
            assertRejectChangesNothing(() -> place(1, ALICE, BBB, BUY, type, 100, 15),
                rejected(1, ALICE, BBB, QUANTITY_OFF_LOT));
            assertRejectChangesNothing(() -> place(1, ALICE, BBB, BUY, type, 100, 1),
                rejected(1, ALICE, BBB, QUANTITY_OFF_LOT));
        }
    }

    @Test
    void shouldRejectNonPositivePriceForPricedTypes()
    {
        for (final OrderType type : List.of(LIMIT, IOC, FOK, POST_ONLY))
        {
            assertRejectChangesNothing(() -> place(1, ALICE, AAA, BUY, type, 0, 10),
                rejected(1, ALICE, AAA, INVALID_PRICE));
            assertRejectChangesNothing(() -> place(1, ALICE, AAA, SELL, type, -100, 10),
                rejected(1, ALICE, AAA, INVALID_PRICE));
        }
    }

    @Test
    void shouldRejectPriceOffTickForPricedTypes()
    {
        for (final OrderType type : List.of(LIMIT, IOC, FOK, POST_ONLY))
        {
            assertRejectChangesNothing(() -> place(1, ALICE, BBB, BUY, type, 102, 10),
                rejected(1, ALICE, BBB, PRICE_OFF_TICK));
            assertRejectChangesNothing(() -> place(1, ALICE, BBB, SELL, type, 1, 10),
                rejected(1, ALICE, BBB, PRICE_OFF_TICK));
        }
    }

    @Test
    void shouldRejectPriceTimesQuantityBeyondLongForPricedTypes()
    {
        final long price = 1000;
        final long largest = Long.MAX_VALUE / price;
        for (final OrderType type : List.of(LIMIT, IOC, FOK, POST_ONLY))
        {
            assertRejectChangesNothing(() -> place(1, ALICE, AAA, BUY, type, price, largest + 1),
                rejected(1, ALICE, AAA, NUMERIC_OVERFLOW));
            assertRejectChangesNothing(() -> place(1, ALICE, AAA, BUY, type, Long.MAX_VALUE, 2),
                rejected(1, ALICE, AAA, NUMERIC_OVERFLOW));
        }
    }

    @Test
    void shouldAcceptPriceTimesQuantityThatJustFits()
    {
        final long largest = Long.MAX_VALUE / 1000;
        assertEquals(List.of(
            accepted(1, ALICE, AAA, BUY, LIMIT, 1000, largest),
            level(AAA, BUY, 1000, largest, 1)),
            place(1, ALICE, AAA, BUY, LIMIT, 1000, largest));
        assertEquals(List.of(
            accepted(2, ALICE, AAA, SELL, LIMIT, Long.MAX_VALUE, 1),
            level(AAA, SELL, Long.MAX_VALUE, 1, 1)),
            place(2, ALICE, AAA, SELL, LIMIT, Long.MAX_VALUE, 1));
    }

    @Test
    void shouldMatchAtTheExtremesOfThePriceRange()
    {
        place(1, ALICE, AAA, SELL, LIMIT, Long.MAX_VALUE, 1);
        place(2, ALICE, AAA, BUY, LIMIT, 1, 5);
        assertEquals(List.of(
            accepted(3, BOB, AAA, BUY, MARKET, 0, 2),
            trade(1, AAA, 1, ALICE, 3, BOB, BUY, Long.MAX_VALUE, 1),
            done(1, ALICE, AAA, SELL, FILLED, 0),
            level(AAA, SELL, Long.MAX_VALUE, 0, 0),
            done(3, BOB, AAA, BUY, EXPIRED, 1)),
            place(3, BOB, AAA, BUY, MARKET, 0, 2));
        assertEquals(List.of(
            accepted(4, BOB, AAA, SELL, LIMIT, 1, 5),
            trade(2, AAA, 2, ALICE, 4, BOB, SELL, 1, 5),
            done(2, ALICE, AAA, BUY, FILLED, 0),
            level(AAA, BUY, 1, 0, 0),
            done(4, BOB, AAA, SELL, FILLED, 0)),
            place(4, BOB, AAA, SELL, LIMIT, 1, 5));
        place(5, CAROL, AAA, SELL, LIMIT, 100, 1);
        assertEquals(List.of(
            accepted(6, BOB, AAA, BUY, LIMIT, Long.MAX_VALUE, 1),
            trade(3, AAA, 5, CAROL, 6, BOB, BUY, 100, 1),
            done(5, CAROL, AAA, SELL, FILLED, 0),
            level(AAA, SELL, 100, 0, 0),
            done(6, BOB, AAA, BUY, FILLED, 0)),
            place(6, BOB, AAA, BUY, LIMIT, Long.MAX_VALUE, 1));
    }

    @Test
    void shouldRejectDuplicateIdOfAnOpenOrderWhateverItsAccountOrInstrument()
    {
        place(1, ALICE, AAA, BUY, LIMIT, 100, 10);
        assertRejectChangesNothing(() -> place(1, ALICE, AAA, BUY, LIMIT, 100, 10),
            rejected(1, ALICE, AAA, DUPLICATE_ORDER_ID));
        assertRejectChangesNothing(() -> place(1, BOB, BBB, SELL, MARKET, 0, 10),
            rejected(1, BOB, BBB, DUPLICATE_ORDER_ID));
    }

    @Test
    void shouldAcceptIdOfAnOrderThatIsNoLongerOpen()
    {
        place(1, ALICE, AAA, BUY, LIMIT, 100, 10);
        cancel(1, ALICE);
        place(2, BOB, AAA, BUY, IOC, 100, 10);
        assertEquals(List.of(accepted(1, CAROL, AAA, SELL, LIMIT, 101, 5), level(AAA, SELL, 101, 5, 1)),
            place(1, CAROL, AAA, SELL, LIMIT, 101, 5));
        assertEquals(List.of(accepted(2, CAROL, AAA, SELL, LIMIT, 101, 5), level(AAA, SELL, 101, 10, 2)),
            place(2, CAROL, AAA, SELL, LIMIT, 101, 5));
    }

    @Test
    void shouldRejectPostOnlyThatWouldCrossOnEitherSide()
    {
        place(1, ALICE, AAA, SELL, LIMIT, 101, 10);
        place(2, ALICE, AAA, BUY, LIMIT, 99, 10);
        assertRejectChangesNothing(() -> place(3, BOB, AAA, BUY, POST_ONLY, 101, 10),
            rejected(3, BOB, AAA, POST_ONLY_WOULD_CROSS));
        assertRejectChangesNothing(() -> place(3, BOB, AAA, BUY, POST_ONLY, 150, 10),
            rejected(3, BOB, AAA, POST_ONLY_WOULD_CROSS));
        assertRejectChangesNothing(() -> place(3, BOB, AAA, SELL, POST_ONLY, 99, 10),
            rejected(3, BOB, AAA, POST_ONLY_WOULD_CROSS));
        assertRejectChangesNothing(() -> place(3, ALICE, AAA, SELL, POST_ONLY, 1, 10),
            rejected(3, ALICE, AAA, POST_ONLY_WOULD_CROSS));
    }

    @Test
    void shouldApplyTheNewOrderChecksInTheDocumentedOrder()
    {
        place(7, ALICE, AAA, SELL, LIMIT, 100, 10);
        assertEquals(List.of(rejected(0, BOB, NO_SUCH_INSTRUMENT, INVALID_ORDER_ID)),
            placeCodes(0, BOB, NO_SUCH_INSTRUMENT, (byte)'x', (byte)'x', 0, 0));
        assertEquals(List.of(rejected(1, BOB, NO_SUCH_INSTRUMENT, UNKNOWN_INSTRUMENT)),
            placeCodes(1, BOB, NO_SUCH_INSTRUMENT, (byte)'x', (byte)'x', 0, 0));
        assertEquals(List.of(rejected(1, BOB, BBB, INVALID_SIDE)),
            placeCodes(1, BOB, BBB, (byte)'x', (byte)'x', 0, 0));
        assertEquals(List.of(rejected(1, BOB, BBB, INVALID_ORDER_TYPE)),
            placeCodes(1, BOB, BBB, BUY.code(), (byte)'x', 0, 0));
        assertEquals(List.of(rejected(1, BOB, BBB, INVALID_QUANTITY)),
            place(1, BOB, BBB, BUY, LIMIT, 0, -15));
        assertEquals(List.of(rejected(1, BOB, BBB, QUANTITY_OFF_LOT)),
            place(1, BOB, BBB, BUY, LIMIT, 0, 15));
        assertEquals(List.of(rejected(1, BOB, BBB, INVALID_PRICE)),
            place(1, BOB, BBB, BUY, LIMIT, -3, 10));
        assertEquals(List.of(rejected(1, BOB, BBB, PRICE_OFF_TICK)),
            place(1, BOB, BBB, BUY, LIMIT, 3, Long.MAX_VALUE / 10 * 10));
        assertEquals(List.of(rejected(7, BOB, AAA, NUMERIC_OVERFLOW)),
            place(7, BOB, AAA, BUY, POST_ONLY, 100, Long.MAX_VALUE));
        assertEquals(List.of(rejected(7, BOB, AAA, DUPLICATE_ORDER_ID)),
            place(7, BOB, AAA, BUY, POST_ONLY, 100, 10));
        assertEquals(List.of(rejected(8, BOB, AAA, POST_ONLY_WOULD_CROSS)),
            place(8, BOB, AAA, BUY, POST_ONLY, 100, 10));
    }

    @Test
    void shouldIgnoreMarketOrderPriceAndReportItAsZero()
    {
        assertEquals(List.of(accepted(1, ALICE, BBB, BUY, MARKET, 0, 10), done(1, ALICE, BBB, BUY, EXPIRED, 10)),
            place(1, ALICE, BBB, BUY, MARKET, -7, 10));
        assertEquals(List.of(accepted(2, ALICE, BBB, SELL, MARKET, 0, 10), done(2, ALICE, BBB, SELL, EXPIRED, 10)),
            place(2, ALICE, BBB, SELL, MARKET, 3, 10));
        assertEquals(List.of(
            accepted(3, ALICE, AAA, SELL, MARKET, 0, Long.MAX_VALUE),
            done(3, ALICE, AAA, SELL, EXPIRED, Long.MAX_VALUE)),
            place(3, ALICE, AAA, SELL, MARKET, Long.MAX_VALUE, Long.MAX_VALUE));
    }

    @Test
    void shouldLeaveTradeIdsUntouchedByRejectsAndKilledOrders()
    {
        place(1, ALICE, AAA, SELL, LIMIT, 100, 10);
        place(0, BOB, AAA, BUY, LIMIT, 100, 10);
        place(2, BOB, AAA, BUY, FOK, 100, 11);
        place(3, BOB, AAA, BUY, POST_ONLY, 100, 10);
        amend(1, BOB, 100, 5);
        cancel(1, BOB);
        assertEquals(List.of(
            accepted(4, BOB, AAA, BUY, IOC, 100, 1),
            trade(1, AAA, 1, ALICE, 4, BOB, BUY, 100, 1),
            level(AAA, SELL, 100, 9, 1),
            done(4, BOB, AAA, BUY, FILLED, 0)),
            place(4, BOB, AAA, BUY, IOC, 100, 1));
    }

    // ---------------------------------------------------------------------------------------------------------
    // Order types
    // ---------------------------------------------------------------------------------------------------------

    @Test
    void shouldRestLimitOrderThatDoesNotCrossAtTheBackOfItsLevel()
    {
        assertEquals(List.of(accepted(1, ALICE, AAA, BUY, LIMIT, 100, 10), level(AAA, BUY, 100, 10, 1)),
            place(1, ALICE, AAA, BUY, LIMIT, 100, 10));
        assertEquals(List.of(accepted(2, BOB, AAA, BUY, LIMIT, 100, 5), level(AAA, BUY, 100, 15, 2)),
            place(2, BOB, AAA, BUY, LIMIT, 100, 5));
        assertEquals(List.of(accepted(3, BOB, AAA, SELL, LIMIT, 101, 7), level(AAA, SELL, 101, 7, 1)),
            place(3, BOB, AAA, SELL, LIMIT, 101, 7));
        assertEquals(List.of(order(1, ALICE, AAA, BUY, LIMIT, 100, 10, 0), order(2, BOB, AAA, BUY, LIMIT, 100, 5, 0),
            order(3, BOB, AAA, SELL, LIMIT, 101, 7, 0)), state().orders());
    }

    @Test
    void shouldTradeLimitOrderAtMakerPriceAndRestItsRemainder()
    {
        place(1, ALICE, AAA, SELL, LIMIT, 100, 10);
        assertEquals(List.of(
            accepted(2, BOB, AAA, BUY, LIMIT, 105, 15),
            trade(1, AAA, 1, ALICE, 2, BOB, BUY, 100, 10),
            done(1, ALICE, AAA, SELL, FILLED, 0),
            level(AAA, SELL, 100, 0, 0),
            level(AAA, BUY, 105, 5, 1)),
            place(2, BOB, AAA, BUY, LIMIT, 105, 15));
        assertEquals(order(2, BOB, AAA, BUY, LIMIT, 105, 5, 10), find(2));
    }

    @Test
    void shouldFillMakerPartiallyAndKeepItsPlace()
    {
        place(1, ALICE, AAA, SELL, LIMIT, 100, 10);
        place(2, CAROL, AAA, SELL, LIMIT, 100, 10);
        assertEquals(List.of(
            accepted(3, BOB, AAA, BUY, LIMIT, 100, 4),
            trade(1, AAA, 1, ALICE, 3, BOB, BUY, 100, 4),
            level(AAA, SELL, 100, 16, 2),
            done(3, BOB, AAA, BUY, FILLED, 0)),
            place(3, BOB, AAA, BUY, LIMIT, 100, 4));
        assertEquals(List.of(
            order(1, ALICE, AAA, SELL, LIMIT, 100, 6, 4),
            order(2, CAROL, AAA, SELL, LIMIT, 100, 10, 0)),
            state().orders());
    }

    @Test
    void shouldSweepWithMarketOrderAndExpireItsRemainder()
    {
        place(1, ALICE, AAA, SELL, LIMIT, 100, 5);
        place(2, CAROL, AAA, SELL, LIMIT, 101, 5);
        assertEquals(List.of(
            accepted(3, BOB, AAA, BUY, MARKET, 0, 12),
            trade(1, AAA, 1, ALICE, 3, BOB, BUY, 100, 5),
            done(1, ALICE, AAA, SELL, FILLED, 0),
            level(AAA, SELL, 100, 0, 0),
            trade(2, AAA, 2, CAROL, 3, BOB, BUY, 101, 5),
            done(2, CAROL, AAA, SELL, FILLED, 0),
            level(AAA, SELL, 101, 0, 0),
            done(3, BOB, AAA, BUY, EXPIRED, 2)),
            place(3, BOB, AAA, BUY, MARKET, 0, 12));
        assertEquals(0, engine.openOrderCount());
    }

    @Test
    void shouldExpireMarketOrderOnAnEmptySide()
    {
        place(1, ALICE, AAA, BUY, LIMIT, 100, 5);
        assertEquals(List.of(accepted(2, BOB, AAA, BUY, MARKET, 0, 5), done(2, BOB, AAA, BUY, EXPIRED, 5)),
            place(2, BOB, AAA, BUY, MARKET, 100, 5));
        assertEquals(1, engine.openOrderCount());
    }

    @Test
    void shouldFillIocAsFarAsItsPriceAllowsAndExpireTheRest()
    {
        place(1, ALICE, AAA, SELL, LIMIT, 100, 5);
        place(2, ALICE, AAA, SELL, LIMIT, 102, 5);
        assertEquals(List.of(
            accepted(3, BOB, AAA, BUY, IOC, 101, 8),
            trade(1, AAA, 1, ALICE, 3, BOB, BUY, 100, 5),
            done(1, ALICE, AAA, SELL, FILLED, 0),
            level(AAA, SELL, 100, 0, 0),
            done(3, BOB, AAA, BUY, EXPIRED, 3)),
            place(3, BOB, AAA, BUY, IOC, 101, 8));
        assertEquals(List.of(order(2, ALICE, AAA, SELL, LIMIT, 102, 5, 0)), state().orders());
    }

    @Test
    void shouldExpireIocThatDoesNotCrossWithoutTouchingTheBook()
    {
        place(1, ALICE, AAA, SELL, LIMIT, 100, 5);
        final BookState before = state();
        assertEquals(List.of(accepted(2, BOB, AAA, BUY, IOC, 99, 8), done(2, BOB, AAA, BUY, EXPIRED, 8)),
            place(2, BOB, AAA, BUY, IOC, 99, 8));
        assertEquals(before, state());
    }

    @Test
    void shouldFillIocCompletely()
    {
        place(1, ALICE, AAA, BUY, LIMIT, 100, 5);
        assertEquals(List.of(
            accepted(2, BOB, AAA, SELL, IOC, 100, 5),
            trade(1, AAA, 1, ALICE, 2, BOB, SELL, 100, 5),
            done(1, ALICE, AAA, BUY, FILLED, 0),
            level(AAA, BUY, 100, 0, 0),
            done(2, BOB, AAA, SELL, FILLED, 0)),
            place(2, BOB, AAA, SELL, IOC, 100, 5));
    }

    @Test
    void shouldKillFokThatCannotFillCompletelyWithinItsPrice()
    {
        place(1, ALICE, AAA, SELL, LIMIT, 100, 5);
        place(2, CAROL, AAA, SELL, LIMIT, 101, 5);
        place(3, ALICE, AAA, SELL, LIMIT, 102, 5);
        final BookState before = state();
        assertEquals(List.of(accepted(4, BOB, AAA, BUY, FOK, 101, 11), done(4, BOB, AAA, BUY, EXPIRED, 11)),
            place(4, BOB, AAA, BUY, FOK, 101, 11));
        assertEquals(before, state());
    }

    @Test
    void shouldFillFokThatCanFillCompletelyAcrossLevels()
    {
        place(1, ALICE, AAA, SELL, LIMIT, 100, 5);
        place(2, CAROL, AAA, SELL, LIMIT, 101, 5);
        place(3, ALICE, AAA, SELL, LIMIT, 102, 5);
        assertEquals(List.of(
            accepted(4, BOB, AAA, BUY, FOK, 101, 10),
            trade(1, AAA, 1, ALICE, 4, BOB, BUY, 100, 5),
            done(1, ALICE, AAA, SELL, FILLED, 0),
            level(AAA, SELL, 100, 0, 0),
            trade(2, AAA, 2, CAROL, 4, BOB, BUY, 101, 5),
            done(2, CAROL, AAA, SELL, FILLED, 0),
            level(AAA, SELL, 101, 0, 0),
            done(4, BOB, AAA, BUY, FILLED, 0)),
            place(4, BOB, AAA, BUY, FOK, 101, 10));
    }

    @Test
    void shouldSkipOwnOrdersWhenCountingFokUnderCancelResting()
    {
        engine = newEngine(INSTRUMENTS, SelfTradePolicy.CANCEL_RESTING);
        place(1, CAROL, AAA, SELL, LIMIT, 100, 5);
        place(2, BOB, AAA, SELL, LIMIT, 100, 5);
        place(3, CAROL, AAA, SELL, LIMIT, 101, 5);
        assertEquals(List.of(accepted(4, BOB, AAA, BUY, FOK, 101, 11), done(4, BOB, AAA, BUY, EXPIRED, 11)),
            place(4, BOB, AAA, BUY, FOK, 101, 11));
        assertEquals(List.of(
            accepted(5, BOB, AAA, BUY, FOK, 101, 10),
            trade(1, AAA, 1, CAROL, 5, BOB, BUY, 100, 5),
            done(1, CAROL, AAA, SELL, FILLED, 0),
            done(2, BOB, AAA, SELL, SELF_TRADE_PREVENTED, 5),
            level(AAA, SELL, 100, 0, 0),
            trade(2, AAA, 3, CAROL, 5, BOB, BUY, 101, 5),
            done(3, CAROL, AAA, SELL, FILLED, 0),
            level(AAA, SELL, 101, 0, 0),
            done(5, BOB, AAA, BUY, FILLED, 0)),
            place(5, BOB, AAA, BUY, FOK, 101, 10));
    }

    @Test
    void shouldEndFokCountAtOwnOrderUnderCancelIncomingAndLeaveOwnOrdersAlone()
    {
        for (final SelfTradePolicy policy : List.of(SelfTradePolicy.CANCEL_INCOMING, SelfTradePolicy.CANCEL_BOTH))
        {
            engine = newEngine(INSTRUMENTS, policy);
            place(1, CAROL, AAA, SELL, LIMIT, 100, 5);
            place(2, BOB, AAA, SELL, LIMIT, 100, 5);
            place(3, CAROL, AAA, SELL, LIMIT, 101, 50);
            final BookState before = state();
            assertEquals(List.of(accepted(4, BOB, AAA, BUY, FOK, 101, 6), done(4, BOB, AAA, BUY, EXPIRED, 6)),
                place(4, BOB, AAA, BUY, FOK, 101, 6), policy.name());
            assertEquals(before, state(), policy.name());
        }
    }

    @Test
    void shouldFillFokBeforeReachingOwnOrderUnderCancelIncoming()
    {
        for (final SelfTradePolicy policy : List.of(SelfTradePolicy.CANCEL_INCOMING, SelfTradePolicy.CANCEL_BOTH))
        {
            engine = newEngine(INSTRUMENTS, policy);
            place(1, CAROL, AAA, SELL, LIMIT, 100, 10);
            place(2, BOB, AAA, SELL, LIMIT, 100, 5);
            assertEquals(List.of(
                accepted(3, BOB, AAA, BUY, FOK, 100, 10),
                trade(1, AAA, 1, CAROL, 3, BOB, BUY, 100, 10),
                done(1, CAROL, AAA, SELL, FILLED, 0),
                level(AAA, SELL, 100, 5, 1),
                done(3, BOB, AAA, BUY, FILLED, 0)),
                place(3, BOB, AAA, BUY, FOK, 100, 10), policy.name());
        }
    }

    @Test
    void shouldRestPostOnlyThatDoesNotCross()
    {
        place(1, ALICE, AAA, SELL, LIMIT, 101, 10);
        assertEquals(List.of(accepted(2, BOB, AAA, BUY, POST_ONLY, 100, 10), level(AAA, BUY, 100, 10, 1)),
            place(2, BOB, AAA, BUY, POST_ONLY, 100, 10));
        assertEquals(List.of(accepted(3, BOB, AAA, SELL, POST_ONLY, 101, 10), level(AAA, SELL, 101, 20, 2)),
            place(3, BOB, AAA, SELL, POST_ONLY, 101, 10));
        assertEquals(order(2, BOB, AAA, BUY, POST_ONLY, 100, 10, 0), find(2));
    }

    // ---------------------------------------------------------------------------------------------------------
    // Price-time priority
    // ---------------------------------------------------------------------------------------------------------

    @Test
    void shouldMatchOrdersAtOneLevelOldestFirst()
    {
        place(1, ALICE, AAA, BUY, LIMIT, 100, 5);
        place(2, CAROL, AAA, BUY, LIMIT, 100, 5);
        place(3, ALICE, AAA, BUY, LIMIT, 100, 5);
        assertEquals(List.of(
            accepted(4, BOB, AAA, SELL, LIMIT, 100, 7),
            trade(1, AAA, 1, ALICE, 4, BOB, SELL, 100, 5),
            done(1, ALICE, AAA, BUY, FILLED, 0),
            trade(2, AAA, 2, CAROL, 4, BOB, SELL, 100, 2),
            level(AAA, BUY, 100, 8, 2),
            done(4, BOB, AAA, SELL, FILLED, 0)),
            place(4, BOB, AAA, SELL, LIMIT, 100, 7));
    }

    @Test
    void shouldMatchBetterPricesFirstWhateverTheirArrival()
    {
        place(1, ALICE, AAA, BUY, LIMIT, 99, 5);
        place(2, CAROL, AAA, BUY, LIMIT, 101, 5);
        place(3, ALICE, AAA, BUY, LIMIT, 100, 5);
        assertEquals(List.of(
            accepted(4, BOB, AAA, SELL, LIMIT, 99, 15),
            trade(1, AAA, 2, CAROL, 4, BOB, SELL, 101, 5),
            done(2, CAROL, AAA, BUY, FILLED, 0),
            level(AAA, BUY, 101, 0, 0),
            trade(2, AAA, 3, ALICE, 4, BOB, SELL, 100, 5),
            done(3, ALICE, AAA, BUY, FILLED, 0),
            level(AAA, BUY, 100, 0, 0),
            trade(3, AAA, 1, ALICE, 4, BOB, SELL, 99, 5),
            done(1, ALICE, AAA, BUY, FILLED, 0),
            level(AAA, BUY, 99, 0, 0),
            done(4, BOB, AAA, SELL, FILLED, 0)),
            place(4, BOB, AAA, SELL, LIMIT, 99, 15));
    }

    @Test
    void shouldSweepSeveralLevelsWithTheExactEventSequence()
    {
        place(1, ALICE, BBB, SELL, LIMIT, 105, 10);
        place(2, CAROL, BBB, SELL, LIMIT, 105, 20);
        place(3, ALICE, BBB, SELL, LIMIT, 110, 30);
        place(4, CAROL, BBB, SELL, LIMIT, 110, 40);
        place(5, ALICE, BBB, SELL, LIMIT, 120, 50);
        place(6, CAROL, BBB, BUY, LIMIT, 100, 10);
        assertEquals(List.of(
            accepted(7, BOB, BBB, BUY, LIMIT, 115, 80),
            trade(1, BBB, 1, ALICE, 7, BOB, BUY, 105, 10),
            done(1, ALICE, BBB, SELL, FILLED, 0),
            trade(2, BBB, 2, CAROL, 7, BOB, BUY, 105, 20),
            done(2, CAROL, BBB, SELL, FILLED, 0),
            level(BBB, SELL, 105, 0, 0),
            trade(3, BBB, 3, ALICE, 7, BOB, BUY, 110, 30),
            done(3, ALICE, BBB, SELL, FILLED, 0),
            trade(4, BBB, 4, CAROL, 7, BOB, BUY, 110, 20),
            level(BBB, SELL, 110, 20, 1),
            done(7, BOB, BBB, BUY, FILLED, 0)),
            place(7, BOB, BBB, BUY, LIMIT, 115, 80));
        assertEquals(List.of(
            accepted(8, BOB, BBB, BUY, LIMIT, 115, 30),
            trade(5, BBB, 4, CAROL, 8, BOB, BUY, 110, 20),
            done(4, CAROL, BBB, SELL, FILLED, 0),
            level(BBB, SELL, 110, 0, 0),
            level(BBB, BUY, 115, 10, 1)),
            place(8, BOB, BBB, BUY, LIMIT, 115, 30));
        assertEquals(
            List.of(levelRow(BBB, BUY, 115, 10, 1), levelRow(BBB, BUY, 100, 10, 1), levelRow(BBB, SELL, 120, 50, 1)),
            state().levels());
    }

    @Test
    void shouldNumberTradesFromOneAcrossAllInstruments()
    {
        place(1, ALICE, AAA, SELL, LIMIT, 100, 5);
        place(2, ALICE, BBB, SELL, LIMIT, 100, 10);
        assertEquals(trade(1, AAA, 1, ALICE, 3, BOB, BUY, 100, 5), place(3, BOB, AAA, BUY, MARKET, 0, 5).get(1));
        assertEquals(trade(2, BBB, 2, ALICE, 4, BOB, BUY, 100, 10), place(4, BOB, BBB, BUY, MARKET, 0, 10).get(1));
    }

    // ---------------------------------------------------------------------------------------------------------
    // Tick and lot sizes other than one
    // ---------------------------------------------------------------------------------------------------------

    @Test
    void shouldTradeOnTheGridOfAnInstrumentWithTickAndLotSizes()
    {
        assertEquals(List.of(accepted(1, ALICE, BBB, SELL, LIMIT, 1005, 30), level(BBB, SELL, 1005, 30, 1)),
            place(1, ALICE, BBB, SELL, LIMIT, 1005, 30));
        assertEquals(List.of(
            accepted(2, BOB, BBB, BUY, IOC, 1010, 50),
            trade(1, BBB, 1, ALICE, 2, BOB, BUY, 1005, 30),
            done(1, ALICE, BBB, SELL, FILLED, 0),
            level(BBB, SELL, 1005, 0, 0),
            done(2, BOB, BBB, BUY, EXPIRED, 20)),
            place(2, BOB, BBB, BUY, IOC, 1010, 50));
        assertEquals(List.of(rejected(3, BOB, BBB, PRICE_OFF_TICK)), place(3, BOB, BBB, BUY, LIMIT, 1006, 10));
        assertEquals(List.of(rejected(3, BOB, BBB, QUANTITY_OFF_LOT)), place(3, BOB, BBB, BUY, MARKET, 0, 5));
    }

    // ---------------------------------------------------------------------------------------------------------
    // Cancel
    // ---------------------------------------------------------------------------------------------------------

    @Test
    void shouldCancelAnOpenOrderAndReportItsLevel()
    {
        place(1, ALICE, AAA, BUY, LIMIT, 100, 10);
        place(2, BOB, AAA, BUY, LIMIT, 100, 7);
        assertEquals(List.of(done(1, ALICE, AAA, BUY, CANCELLED, 10), level(AAA, BUY, 100, 7, 1)),
            cancel(1, ALICE));
        assertEquals(List.of(done(2, BOB, AAA, BUY, CANCELLED, 7), level(AAA, BUY, 100, 0, 0)),
            cancel(2, BOB));
        assertEquals(0, engine.openOrderCount());
        assertEquals(List.of(), state().levels());
    }

    @Test
    void shouldCancelPartiallyFilledOrderWithItsRemainingQuantity()
    {
        place(1, ALICE, AAA, SELL, LIMIT, 100, 10);
        place(2, BOB, AAA, BUY, IOC, 100, 4);
        assertEquals(List.of(done(1, ALICE, AAA, SELL, CANCELLED, 6), level(AAA, SELL, 100, 0, 0)),
            cancel(1, ALICE));
    }

    @Test
    void shouldRejectCancelOfAnOrderThatIsNotOpen()
    {
        place(1, ALICE, AAA, BUY, LIMIT, 100, 10);
        place(2, BOB, AAA, SELL, IOC, 100, 10);
        place(3, ALICE, AAA, BUY, LIMIT, 100, 10);
        cancel(3, ALICE);
        assertRejectChangesNothing(() -> cancel(1, ALICE), rejected(1, ALICE, -1, UNKNOWN_ORDER));
        assertRejectChangesNothing(() -> cancel(2, BOB), rejected(2, BOB, -1, UNKNOWN_ORDER));
        assertRejectChangesNothing(() -> cancel(3, ALICE), rejected(3, ALICE, -1, UNKNOWN_ORDER));
        assertRejectChangesNothing(() -> cancel(99, ALICE), rejected(99, ALICE, -1, UNKNOWN_ORDER));
        assertRejectChangesNothing(() -> cancel(0, ALICE), rejected(0, ALICE, -1, UNKNOWN_ORDER));
        assertRejectChangesNothing(() -> cancel(-1, ALICE), rejected(-1, ALICE, -1, UNKNOWN_ORDER));
    }

    @Test
    void shouldRejectCancelOfAnotherAccountsOrderWithoutNamingItsInstrument()
    {
        place(1, ALICE, BBB, BUY, LIMIT, 100, 10);
        assertRejectChangesNothing(() -> cancel(1, BOB), rejected(1, BOB, -1, NOT_ORDER_OWNER));
    }

    // ---------------------------------------------------------------------------------------------------------
    // Amend
    // ---------------------------------------------------------------------------------------------------------

    @Test
    void shouldKeepTimePriorityWhenAmendOnlyReducesQuantity()
    {
        place(1, ALICE, AAA, BUY, LIMIT, 100, 10);
        place(2, CAROL, AAA, BUY, LIMIT, 100, 10);
        assertEquals(List.of(amended(1, ALICE, AAA, BUY, 100, 4), level(AAA, BUY, 100, 14, 2)),
            amend(1, ALICE, 100, 4));
        assertEquals(List.of(order(1, ALICE, AAA, BUY, LIMIT, 100, 4, 0), order(2, CAROL, AAA, BUY, LIMIT, 100, 10, 0)),
            state().orders());
        assertEquals(List.of(
            accepted(3, BOB, AAA, SELL, MARKET, 0, 4),
            trade(1, AAA, 1, ALICE, 3, BOB, SELL, 100, 4),
            done(1, ALICE, AAA, BUY, FILLED, 0),
            level(AAA, BUY, 100, 10, 1),
            done(3, BOB, AAA, SELL, FILLED, 0)),
            place(3, BOB, AAA, SELL, MARKET, 0, 4));
    }

    @Test
    void shouldLoseTimePriorityWhenAmendIncreasesQuantity()
    {
        place(1, ALICE, AAA, BUY, LIMIT, 100, 10);
        place(2, CAROL, AAA, BUY, LIMIT, 100, 10);
        assertEquals(List.of(
            amended(1, ALICE, AAA, BUY, 100, 12),
            level(AAA, BUY, 100, 10, 1),
            level(AAA, BUY, 100, 22, 2)),
            amend(1, ALICE, 100, 12));
        assertEquals(List.of(
            order(2, CAROL, AAA, BUY, LIMIT, 100, 10, 0),
            order(1, ALICE, AAA, BUY, LIMIT, 100, 12, 0)),
            state().orders());
    }

    @Test
    void shouldLoseTimePriorityWhenAmendChangesPriceEvenWhenItComesBack()
    {
        place(1, ALICE, AAA, BUY, LIMIT, 100, 10);
        place(2, CAROL, AAA, BUY, LIMIT, 100, 10);
        assertEquals(List.of(
            amended(1, ALICE, AAA, BUY, 101, 10),
            level(AAA, BUY, 100, 10, 1),
            level(AAA, BUY, 101, 10, 1)),
            amend(1, ALICE, 101, 10));
        assertEquals(List.of(
            amended(1, ALICE, AAA, BUY, 100, 3),
            level(AAA, BUY, 101, 0, 0),
            level(AAA, BUY, 100, 13, 2)),
            amend(1, ALICE, 100, 3));
        assertEquals(List.of(order(2, CAROL, AAA, BUY, LIMIT, 100, 10, 0), order(1, ALICE, AAA, BUY, LIMIT, 100, 3, 0)),
            state().orders());
    }

    @Test
    void shouldDoNothingMoreWhenAmendChangesNothing()
    {
        place(1, ALICE, AAA, SELL, LIMIT, 100, 10);
        place(2, CAROL, AAA, SELL, LIMIT, 100, 10);
        final BookState before = state();
        assertEquals(List.of(amended(1, ALICE, AAA, SELL, 100, 10)), amend(1, ALICE, 100, 10));
        assertEquals(before, state());
    }

    @Test
    void shouldTradeWhenAmendCrossesAndKeepCountingFilledQuantity()
    {
        place(1, ALICE, AAA, BUY, LIMIT, 100, 10);
        place(2, BOB, AAA, SELL, LIMIT, 102, 6);
        place(3, BOB, AAA, SELL, LIMIT, 103, 2);
        assertEquals(List.of(
            amended(1, ALICE, AAA, BUY, 102, 10),
            level(AAA, BUY, 100, 0, 0),
            trade(1, AAA, 2, BOB, 1, ALICE, BUY, 102, 6),
            done(2, BOB, AAA, SELL, FILLED, 0),
            level(AAA, SELL, 102, 0, 0),
            level(AAA, BUY, 102, 4, 1)),
            amend(1, ALICE, 102, 10));
        assertEquals(order(1, ALICE, AAA, BUY, LIMIT, 102, 4, 6), find(1));
        assertEquals(List.of(
            amended(1, ALICE, AAA, BUY, 103, 5),
            level(AAA, BUY, 102, 0, 0),
            trade(2, AAA, 3, BOB, 1, ALICE, BUY, 103, 2),
            done(3, BOB, AAA, SELL, FILLED, 0),
            level(AAA, SELL, 103, 0, 0),
            level(AAA, BUY, 103, 3, 1)),
            amend(1, ALICE, 103, 5));
        assertEquals(order(1, ALICE, AAA, BUY, LIMIT, 103, 3, 8), find(1));
    }

    @Test
    void shouldFinishAmendedOrderThatFillsCompletely()
    {
        place(1, ALICE, AAA, SELL, LIMIT, 105, 4);
        place(2, BOB, AAA, BUY, LIMIT, 100, 10);
        assertEquals(List.of(
            amended(1, ALICE, AAA, SELL, 100, 4),
            level(AAA, SELL, 105, 0, 0),
            trade(1, AAA, 2, BOB, 1, ALICE, SELL, 100, 4),
            level(AAA, BUY, 100, 6, 1),
            done(1, ALICE, AAA, SELL, FILLED, 0)),
            amend(1, ALICE, 100, 4));
        assertNull(find(1));
    }

    @Test
    void shouldApplySelfTradePreventionToAnAmendThatCrosses()
    {
        engine = newEngine(INSTRUMENTS, SelfTradePolicy.CANCEL_RESTING);
        place(1, ALICE, AAA, BUY, LIMIT, 100, 10);
        place(5, ALICE, AAA, SELL, LIMIT, 105, 5);
        place(6, CAROL, AAA, SELL, LIMIT, 105, 5);
        assertEquals(List.of(
            amended(1, ALICE, AAA, BUY, 105, 10),
            level(AAA, BUY, 100, 0, 0),
            done(5, ALICE, AAA, SELL, SELF_TRADE_PREVENTED, 5),
            trade(1, AAA, 6, CAROL, 1, ALICE, BUY, 105, 5),
            done(6, CAROL, AAA, SELL, FILLED, 0),
            level(AAA, SELL, 105, 0, 0),
            level(AAA, BUY, 105, 5, 1)),
            amend(1, ALICE, 105, 10));

        engine = newEngine(INSTRUMENTS, SelfTradePolicy.CANCEL_INCOMING);
        place(1, ALICE, AAA, BUY, LIMIT, 100, 10);
        place(5, ALICE, AAA, SELL, LIMIT, 105, 5);
        place(6, CAROL, AAA, SELL, LIMIT, 105, 5);
        assertEquals(List.of(
            amended(1, ALICE, AAA, BUY, 105, 10),
            level(AAA, BUY, 100, 0, 0),
            done(1, ALICE, AAA, BUY, SELF_TRADE_PREVENTED, 10)),
            amend(1, ALICE, 105, 10));
        assertEquals(List.of(
            order(5, ALICE, AAA, SELL, LIMIT, 105, 5, 0),
            order(6, CAROL, AAA, SELL, LIMIT, 105, 5, 0)),
            state().orders());
    }

    @Test
    void shouldRejectAmendOfAnOrderThatIsNotOpenOrNotOwned()
    {
        place(1, ALICE, BBB, BUY, LIMIT, 100, 10);
        place(2, ALICE, BBB, BUY, IOC, 100, 10);
        assertRejectChangesNothing(() -> amend(2, ALICE, 100, 10), rejected(2, ALICE, -1, UNKNOWN_ORDER));
        assertRejectChangesNothing(() -> amend(99, ALICE, 100, 10), rejected(99, ALICE, -1, UNKNOWN_ORDER));
        assertRejectChangesNothing(() -> amend(0, ALICE, 0, 0), rejected(0, ALICE, -1, UNKNOWN_ORDER));
        assertRejectChangesNothing(() -> amend(1, BOB, 100, 10), rejected(1, BOB, -1, NOT_ORDER_OWNER));
        assertRejectChangesNothing(() -> amend(1, BOB, -1, -1), rejected(1, BOB, -1, NOT_ORDER_OWNER));
        cancel(1, ALICE);
        assertRejectChangesNothing(() -> amend(1, ALICE, 100, 10), rejected(1, ALICE, -1, UNKNOWN_ORDER));
    }

    @Test
    void shouldRejectAmendWithBadPriceOrQuantityInTheDocumentedOrder()
    {
        place(1, ALICE, BBB, BUY, POST_ONLY, 100, 10);
        place(2, BOB, BBB, SELL, LIMIT, 105, 10);
        assertRejectChangesNothing(() -> amend(1, ALICE, -3, 0), rejected(1, ALICE, BBB, INVALID_QUANTITY));
        assertRejectChangesNothing(() -> amend(1, ALICE, -3, -10), rejected(1, ALICE, BBB, INVALID_QUANTITY));
        assertRejectChangesNothing(() -> amend(1, ALICE, -3, 15), rejected(1, ALICE, BBB, QUANTITY_OFF_LOT));
        assertRejectChangesNothing(() -> amend(1, ALICE, 0, 10), rejected(1, ALICE, BBB, INVALID_PRICE));
        assertRejectChangesNothing(() -> amend(1, ALICE, -5, 10), rejected(1, ALICE, BBB, INVALID_PRICE));
        assertRejectChangesNothing(() -> amend(1, ALICE, 103, Long.MAX_VALUE / 10 * 10),
            rejected(1, ALICE, BBB, PRICE_OFF_TICK));
        assertRejectChangesNothing(() -> amend(1, ALICE, 105, Long.MAX_VALUE / 10 * 10),
            rejected(1, ALICE, BBB, NUMERIC_OVERFLOW));
        assertRejectChangesNothing(() -> amend(1, ALICE, 105, 10), rejected(1, ALICE, BBB, POST_ONLY_WOULD_CROSS));
        assertRejectChangesNothing(() -> amend(1, ALICE, 200, 10), rejected(1, ALICE, BBB, POST_ONLY_WOULD_CROSS));
    }

    @Test
    void shouldAcceptAmendOfQuantityThatJustFits()
    {
        place(1, ALICE, AAA, BUY, LIMIT, 1000, 10);
        final long largest = Long.MAX_VALUE / 1000;
        assertEquals(List.of(amended(1, ALICE, AAA, BUY, 1000, largest), level(AAA, BUY, 1000, 0, 0),
            level(AAA, BUY, 1000, largest, 1)),
            amend(1, ALICE, 1000, largest));
        assertEquals(List.of(rejected(1, ALICE, AAA, NUMERIC_OVERFLOW)), amend(1, ALICE, 1001, largest));
    }

    @Test
    void shouldMovePostOnlyOrderWhenAmendDoesNotCross()
    {
        place(1, ALICE, AAA, SELL, POST_ONLY, 105, 10);
        place(2, BOB, AAA, BUY, LIMIT, 100, 10);
        assertEquals(List.of(amended(1, ALICE, AAA, SELL, 101, 10), level(AAA, SELL, 105, 0, 0),
            level(AAA, SELL, 101, 10, 1)),
            amend(1, ALICE, 101, 10));
        assertEquals(order(1, ALICE, AAA, SELL, POST_ONLY, 101, 10, 0), find(1));
    }

    // ---------------------------------------------------------------------------------------------------------
    // Cancel all of an account
    // ---------------------------------------------------------------------------------------------------------

    @Test
    void shouldCancelAllOrdersOfAnAccountInForEachOrderOrder()
    {
        place(1, ALICE, BBB, SELL, LIMIT, 200, 10);
        place(2, ALICE, BBB, BUY, LIMIT, 100, 10);
        place(3, ALICE, AAA, SELL, LIMIT, 105, 5);
        place(4, BOB, AAA, BUY, LIMIT, 99, 5);
        place(5, ALICE, AAA, BUY, LIMIT, 99, 5);
        place(6, ALICE, AAA, BUY, LIMIT, 98, 5);
        place(7, ALICE, AAA, BUY, LIMIT, 99, 6);
        place(8, ALICE, AAA, SELL, LIMIT, 104, 5);
        place(9, CAROL, AAA, SELL, LIMIT, 104, 5);
        assertEquals(List.of(
            done(5, ALICE, AAA, BUY, CANCELLED, 5),
            level(AAA, BUY, 99, 11, 2),
            done(7, ALICE, AAA, BUY, CANCELLED, 6),
            level(AAA, BUY, 99, 5, 1),
            done(6, ALICE, AAA, BUY, CANCELLED, 5),
            level(AAA, BUY, 98, 0, 0),
            done(8, ALICE, AAA, SELL, CANCELLED, 5),
            level(AAA, SELL, 104, 5, 1),
            done(3, ALICE, AAA, SELL, CANCELLED, 5),
            level(AAA, SELL, 105, 0, 0),
            done(2, ALICE, BBB, BUY, CANCELLED, 10),
            level(BBB, BUY, 100, 0, 0),
            done(1, ALICE, BBB, SELL, CANCELLED, 10),
            level(BBB, SELL, 200, 0, 0)),
            cancelAll(ALICE));
        assertEquals(List.of(order(4, BOB, AAA, BUY, LIMIT, 99, 5, 0), order(9, CAROL, AAA, SELL, LIMIT, 104, 5, 0)),
            state().orders());
    }

    @Test
    void shouldDoNothingWhenCancellingAllOfAnAccountWithoutOrders()
    {
        place(1, ALICE, AAA, BUY, LIMIT, 100, 10);
        final BookState before = state();
        assertEquals(List.of(), cancelAll(BOB));
        assertEquals(before, state());
    }

    // ---------------------------------------------------------------------------------------------------------
    // Self-trade prevention
    // ---------------------------------------------------------------------------------------------------------

    @Test
    void shouldRemoveOwnRestingOrdersAndKeepMatchingUnderCancelResting()
    {
        engine = newEngine(INSTRUMENTS, SelfTradePolicy.CANCEL_RESTING);
        place(1, ALICE, AAA, BUY, LIMIT, 100, 5);
        place(2, BOB, AAA, BUY, LIMIT, 100, 5);
        place(3, CAROL, AAA, BUY, LIMIT, 99, 5);
        assertEquals(List.of(
            accepted(4, ALICE, AAA, SELL, LIMIT, 99, 12),
            done(1, ALICE, AAA, BUY, SELF_TRADE_PREVENTED, 5),
            trade(1, AAA, 2, BOB, 4, ALICE, SELL, 100, 5),
            done(2, BOB, AAA, BUY, FILLED, 0),
            level(AAA, BUY, 100, 0, 0),
            trade(2, AAA, 3, CAROL, 4, ALICE, SELL, 99, 5),
            done(3, CAROL, AAA, BUY, FILLED, 0),
            level(AAA, BUY, 99, 0, 0),
            level(AAA, SELL, 99, 2, 1)),
            place(4, ALICE, AAA, SELL, LIMIT, 99, 12));
    }

    @Test
    void shouldStopIncomingOrderAndLeaveTheBookUnderCancelIncoming()
    {
        engine = newEngine(INSTRUMENTS, SelfTradePolicy.CANCEL_INCOMING);
        place(1, ALICE, AAA, BUY, LIMIT, 100, 5);
        place(2, BOB, AAA, BUY, LIMIT, 100, 5);
        final BookState before = state();
        assertEquals(List.of(
            accepted(4, ALICE, AAA, SELL, LIMIT, 99, 12),
            done(4, ALICE, AAA, SELL, SELF_TRADE_PREVENTED, 12)),
            place(4, ALICE, AAA, SELL, LIMIT, 99, 12));
        assertEquals(before, state());
    }

    @Test
    void shouldRemoveBothOrdersUnderCancelBoth()
    {
        engine = newEngine(INSTRUMENTS, SelfTradePolicy.CANCEL_BOTH);
        place(1, ALICE, AAA, BUY, LIMIT, 100, 5);
        place(2, BOB, AAA, BUY, LIMIT, 100, 5);
        assertEquals(List.of(
            accepted(4, ALICE, AAA, SELL, MARKET, 0, 12),
            done(1, ALICE, AAA, BUY, SELF_TRADE_PREVENTED, 5),
            level(AAA, BUY, 100, 5, 1),
            done(4, ALICE, AAA, SELL, SELF_TRADE_PREVENTED, 12)),
            place(4, ALICE, AAA, SELL, MARKET, 0, 12));
        assertEquals(List.of(order(2, BOB, AAA, BUY, LIMIT, 100, 5, 0)), state().orders());
    }

    @Test
    void shouldPreventSelfTradeAfterPartialFillsForEachPolicy()
    {
        final List<List<Event>> expected = List.of(
            List.of(
                accepted(4, ALICE, AAA, SELL, LIMIT, 100, 12),
                trade(1, AAA, 1, BOB, 4, ALICE, SELL, 100, 5),
                done(1, BOB, AAA, BUY, FILLED, 0),
                done(2, ALICE, AAA, BUY, SELF_TRADE_PREVENTED, 5),
                trade(2, AAA, 3, BOB, 4, ALICE, SELL, 100, 5),
                done(3, BOB, AAA, BUY, FILLED, 0),
                level(AAA, BUY, 100, 0, 0),
                level(AAA, SELL, 100, 2, 1)),
            List.of(
                accepted(4, ALICE, AAA, SELL, LIMIT, 100, 12),
                trade(1, AAA, 1, BOB, 4, ALICE, SELL, 100, 5),
                done(1, BOB, AAA, BUY, FILLED, 0),
                level(AAA, BUY, 100, 10, 2),
                done(4, ALICE, AAA, SELL, SELF_TRADE_PREVENTED, 7)),
            List.of(
                accepted(4, ALICE, AAA, SELL, LIMIT, 100, 12),
                trade(1, AAA, 1, BOB, 4, ALICE, SELL, 100, 5),
                done(1, BOB, AAA, BUY, FILLED, 0),
                done(2, ALICE, AAA, BUY, SELF_TRADE_PREVENTED, 5),
                level(AAA, BUY, 100, 5, 1),
                done(4, ALICE, AAA, SELL, SELF_TRADE_PREVENTED, 7)));
        final List<SelfTradePolicy> policies =
            List.of(SelfTradePolicy.CANCEL_RESTING, SelfTradePolicy.CANCEL_INCOMING, SelfTradePolicy.CANCEL_BOTH);
        for (int i = 0; i < policies.size(); i++)
        {
            engine = newEngine(INSTRUMENTS, policies.get(i));
            place(1, BOB, AAA, BUY, LIMIT, 100, 5);
            place(2, ALICE, AAA, BUY, LIMIT, 100, 5);
            place(3, BOB, AAA, BUY, LIMIT, 100, 5);
            assertEquals(expected.get(i), place(4, ALICE, AAA, SELL, LIMIT, 100, 12), policies.get(i).name());
        }
    }

    @Test
    void shouldStopAtOwnOrderOnALaterLevelUnderCancelIncoming()
    {
        engine = newEngine(INSTRUMENTS, SelfTradePolicy.CANCEL_INCOMING);
        place(1, BOB, AAA, SELL, LIMIT, 100, 5);
        place(2, ALICE, AAA, SELL, LIMIT, 101, 5);
        assertEquals(List.of(
            accepted(3, ALICE, AAA, BUY, IOC, 105, 20),
            trade(1, AAA, 1, BOB, 3, ALICE, BUY, 100, 5),
            done(1, BOB, AAA, SELL, FILLED, 0),
            level(AAA, SELL, 100, 0, 0),
            done(3, ALICE, AAA, BUY, SELF_TRADE_PREVENTED, 15)),
            place(3, ALICE, AAA, BUY, IOC, 105, 20));
    }

    // ---------------------------------------------------------------------------------------------------------
    // Queries
    // ---------------------------------------------------------------------------------------------------------

    @Test
    void shouldReportTopLevelsBestFirstUpToTheDepthAsked()
    {
        place(1, ALICE, AAA, BUY, LIMIT, 100, 5);
        place(2, BOB, AAA, BUY, LIMIT, 100, 3);
        place(3, BOB, AAA, BUY, LIMIT, 99, 2);
        place(4, CAROL, AAA, BUY, LIMIT, 101, 1);
        place(5, CAROL, AAA, SELL, LIMIT, 105, 4);
        place(6, CAROL, AAA, SELL, LIMIT, 103, 1);
        assertEquals(
            List.of(levelRow(AAA, BUY, 101, 1, 1), levelRow(AAA, BUY, 100, 8, 2), levelRow(AAA, BUY, 99, 2, 1)),
            BookState.levels(engine, AAA, BUY, 10));
        assertEquals(List.of(levelRow(AAA, BUY, 101, 1, 1), levelRow(AAA, BUY, 100, 8, 2)),
            BookState.levels(engine, AAA, BUY, 2));
        assertEquals(List.of(levelRow(AAA, SELL, 103, 1, 1), levelRow(AAA, SELL, 105, 4, 1)),
            BookState.levels(engine, AAA, SELL, Integer.MAX_VALUE));
        assertEquals(List.of(), BookState.levels(engine, BBB, SELL, 10));
    }

    @Test
    void shouldReportNoLevelsForUnknownInstrumentOrZeroDepth()
    {
        place(1, ALICE, AAA, BUY, LIMIT, 100, 5);
        for (final int instrumentId : new int[]{ NO_SUCH_INSTRUMENT, -1, 1000, Integer.MIN_VALUE })
        {
            assertEquals(List.of(), BookState.levels(engine, instrumentId, BUY, 10));
        }
        assertEquals(List.of(), BookState.levels(engine, AAA, BUY, 0));
    }

    @Test
    void shouldReportZeroLevelsCopiedForNegativeDepth()
    {
        place(1, ALICE, AAA, BUY, LIMIT, 100, 5);
        assertEquals(0, engine.topLevels(AAA, BUY, -1, (price, total, count) -> { }));
        assertEquals(0, engine.topLevels(AAA, BUY, Integer.MIN_VALUE, (price, total, count) -> { }));
    }

    @Test
    void shouldFindOpenOrdersOnly()
    {
        place(1, ALICE, BBB, SELL, POST_ONLY, 105, 30);
        place(2, BOB, BBB, BUY, LIMIT, 105, 10);
        assertEquals(order(1, ALICE, BBB, SELL, POST_ONLY, 105, 20, 10), find(1));
        assertNull(find(2));
        place(3, BOB, BBB, BUY, MARKET, 0, 100);
        assertNull(find(1));
        place(4, CAROL, BBB, SELL, LIMIT, 110, 10);
        assertEquals(order(4, CAROL, BBB, SELL, LIMIT, 110, 10, 0), find(4));
        cancel(4, CAROL);
        assertNull(find(4));
        assertNull(find(3));
        assertNull(find(99));
        assertNull(find(0));
    }

    @Test
    void shouldVisitOrdersByInstrumentThenBidsThenAsksBestFirstInQueueOrder()
    {
        final List<Instrument> instruments = List.of(Instrument.simple(7, "SEVEN"), Instrument.simple(3, "THREE"));
        engine = newEngine(instruments, SelfTradePolicy.CANCEL_RESTING);
        assertEquals(List.of(rejected(1, ALICE, 0, UNKNOWN_INSTRUMENT)),
            place(1, ALICE, 0, BUY, LIMIT, 100, 1));
        place(1, ALICE, 7, SELL, LIMIT, 110, 1);
        place(2, ALICE, 7, BUY, LIMIT, 90, 1);
        place(3, BOB, 3, SELL, LIMIT, 120, 1);
        place(4, BOB, 3, SELL, LIMIT, 110, 1);
        place(5, CAROL, 3, SELL, LIMIT, 110, 2);
        place(6, CAROL, 3, BUY, LIMIT, 80, 1);
        place(7, ALICE, 3, BUY, LIMIT, 90, 1);
        place(8, ALICE, 7, BUY, LIMIT, 95, 1);
        assertEquals(List.of(
            order(7, ALICE, 3, BUY, LIMIT, 90, 1, 0),
            order(6, CAROL, 3, BUY, LIMIT, 80, 1, 0),
            order(4, BOB, 3, SELL, LIMIT, 110, 1, 0),
            order(5, CAROL, 3, SELL, LIMIT, 110, 2, 0),
            order(3, BOB, 3, SELL, LIMIT, 120, 1, 0),
            order(8, ALICE, 7, BUY, LIMIT, 95, 1, 0),
            order(2, ALICE, 7, BUY, LIMIT, 90, 1, 0),
            order(1, ALICE, 7, SELL, LIMIT, 110, 1, 0)),
            BookState.capture(engine, instruments).orders());
        assertEquals(8, engine.openOrderCount());
    }

    // ---------------------------------------------------------------------------------------------------------
    // Good till a time: orders expire when the commands' time reaches their expiry
    // ---------------------------------------------------------------------------------------------------------

    @Test
    void shouldExpireRestingOrdersWhenTimeReachesThemEarliestFirstThenSmallerId()
    {
        engine.advanceTime(1_000, sink);
        placeUntil(7, ALICE, AAA, BUY, LIMIT, 99, 5, 1_200);
        placeUntil(3, BOB, AAA, BUY, LIMIT, 99, 5, 1_200);
        placeUntil(5, ALICE, AAA, SELL, POST_ONLY, 105, 5, 1_100);
        placeUntil(9, CAROL, BBB, SELL, LIMIT, 200, 10, 5_000);
        assertEquals(List.of(), advanceTime(1_099), "nothing is due yet");
        assertEquals(List.of(
            done(5, ALICE, AAA, SELL, EXPIRED, 5),
            level(AAA, SELL, 105, 0, 0),
            done(3, BOB, AAA, BUY, EXPIRED, 5),
            level(AAA, BUY, 99, 5, 1),
            done(7, ALICE, AAA, BUY, EXPIRED, 5),
            level(AAA, BUY, 99, 0, 0)),
            advanceTime(1_200));
        assertEquals(List.of(9L), state().orders().stream().map(OrderRow::orderId).toList());
    }

    @Test
    void shouldKeepTheExpiryOfAnAmendedOrderAndForgetThatOfAFilledOrCancelledOne()
    {
        engine.advanceTime(1_000, sink);
        placeUntil(1, ALICE, AAA, BUY, LIMIT, 99, 5, 2_000);
        amend(1, ALICE, 98, 6); // moved: still good till 2,000
        placeUntil(2, BOB, AAA, SELL, LIMIT, 130, 5, 1_500);
        cancel(2, BOB);
        place(2, BOB, AAA, SELL, LIMIT, 130, 5); // the same id again, good till cancelled
        placeUntil(3, CAROL, AAA, SELL, LIMIT, 120, 5, 1_500);
        place(4, ALICE, AAA, BUY, LIMIT, 120, 5); // fills order 3
        assertEquals(List.of(), advanceTime(1_500), "the cancelled and the filled orders' expiries are dropped");
        assertEquals(List.of(done(1, ALICE, AAA, BUY, EXPIRED, 6), level(AAA, BUY, 98, 0, 0)), advanceTime(2_000));
        assertEquals(List.of(2L), state().orders().stream().map(OrderRow::orderId).toList());
    }

    @Test
    void shouldRejectAnExpiryThatIsNotAfterTheEngineTimeOrOnAnOrderThatCannotRest()
    {
        engine.advanceTime(1_000, sink);
        assertEquals(List.of(rejected(1, ALICE, AAA, INVALID_EXPIRY)), placeUntil(1, ALICE, AAA, BUY, LIMIT, 99, 5,
            1_000));
        assertEquals(List.of(rejected(2, ALICE, AAA, INVALID_EXPIRY)), placeUntil(2, ALICE, AAA, BUY, LIMIT, 99, 5,
            -5));
        assertEquals(List.of(rejected(3, ALICE, AAA, INVALID_EXPIRY)), placeUntil(3, ALICE, AAA, BUY, IOC, 99, 5,
            2_000));
        assertEquals(List.of(rejected(4, ALICE, AAA, INVALID_EXPIRY)), placeUntil(4, ALICE, AAA, BUY, FOK, 99, 5,
            2_000));
        assertEquals(List.of(rejected(5, ALICE, AAA, INVALID_EXPIRY)), placeUntil(5, ALICE, AAA, BUY, MARKET, 0, 5,
            2_000));
        assertEquals(List.of(rejected(6, ALICE, BBB, PRICE_OFF_TICK)), placeUntil(6, ALICE, BBB, BUY, LIMIT, 99, 10,
            500), "price and quantity are checked first");
        assertEquals(0, engine.openOrderCount());
    }

    @Test
    void shouldNeverTurnTheEngineTimeBack()
    {
        engine.advanceTime(1_000, sink);
        placeUntil(1, ALICE, AAA, BUY, LIMIT, 99, 5, 1_500);
        assertEquals(List.of(), advanceTime(900));
        assertEquals(List.of(rejected(2, ALICE, AAA, INVALID_EXPIRY)), placeUntil(2, ALICE, AAA, BUY, LIMIT, 99, 5,
            950), "a stale timestamp did not move the time back");
        assertEquals(2, advanceTime(1_500).size());
    }

    // ---------------------------------------------------------------------------------------------------------
    // Stops: wait off the book for a trade at their stop price, then enter after the command
    // ---------------------------------------------------------------------------------------------------------

    @Test
    void shouldKeepAStopOffTheBookAndEnterItAfterTheCommandWhoseTradeReachedIt()
    {
        place(1, BOB, AAA, SELL, LIMIT, 100, 5);
        assertEquals(List.of(accepted(10, ALICE, AAA, BUY, STOP, 0, 3)), placeStop(10, ALICE, AAA, BUY, STOP, 0, 3,
            100), "accepted, and no level change: a waiting stop is invisible");
        assertEquals(List.of(new LevelRow(AAA, SELL, 100, 5, 1)), state().levels());
        assertEquals(List.of(
            accepted(3, CAROL, AAA, BUY, LIMIT, 100, 2),
            trade(1, AAA, 1, BOB, 3, CAROL, BUY, 100, 2),
            level(AAA, SELL, 100, 3, 1),
            done(3, CAROL, AAA, BUY, FILLED, 0),
            new Event.Triggered(10, ALICE, AAA, BUY),
            trade(2, AAA, 1, BOB, 10, ALICE, BUY, 100, 3),
            done(1, BOB, AAA, SELL, FILLED, 0),
            level(AAA, SELL, 100, 0, 0),
            done(10, ALICE, AAA, BUY, FILLED, 0)),
            place(3, CAROL, AAA, BUY, LIMIT, 100, 2));
        assertEquals(0, engine.openOrderCount());
    }

    @Test
    void shouldEnterStopsInTriggerOrderAndCascade()
    {
        place(1, BOB, AAA, SELL, LIMIT, 101, 1);
        place(2, BOB, AAA, SELL, LIMIT, 102, 1);
        placeStop(11, ALICE, AAA, BUY, STOP, 0, 1, 101);
        placeStop(10, CAROL, AAA, BUY, STOP, 0, 1, 100);
        placeStop(12, CAROL, AAA, BUY, STOP_LIMIT, 102, 1, 100);
        placeStop(13, ALICE, AAA, BUY, STOP, 0, 1, 102); // reached only by the trade a triggered stop makes
        final List<Event> events = place(3, CAROL, AAA, BUY, LIMIT, 101, 1);
        assertEquals(List.of(new Event.Triggered(10, CAROL, AAA, BUY), new Event.Triggered(12, CAROL, AAA, BUY),
            new Event.Triggered(11, ALICE, AAA, BUY), new Event.Triggered(13, ALICE, AAA, BUY)),
            events.stream().filter(e -> e instanceof Event.Triggered).toList(),
            "lowest stop price first, then arrival; a stop reached by a triggered stop's trade queues behind");
        assertTrue(events.contains(trade(2, AAA, 2, BOB, 10, CAROL, BUY, 102, 1)), events.toString());
    }

    @Test
    void shouldCancelAmendAndExpireAWaitingStopWithoutMarketData()
    {
        engine.advanceTime(1_000, sink);
        placeStop(1, ALICE, AAA, SELL, STOP_LIMIT, 95, 5, 96);
        assertEquals(List.of(amended(1, ALICE, AAA, SELL, 94, 4)), amend(1, ALICE, 94, 4));
        assertEquals(List.of(rejected(1, ALICE, AAA, INVALID_PRICE)), amend(1, ALICE, 0, 4));
        assertEquals(List.of(done(1, ALICE, AAA, SELL, CANCELLED, 4)), cancel(1, ALICE));
        placeStop(2, ALICE, AAA, SELL, STOP, 0, 5, 96);
        assertEquals(List.of(rejected(2, ALICE, AAA, INVALID_PRICE)), amend(2, ALICE, 90, 5), "a STOP has no price");
        assertEquals(List.of(amended(2, ALICE, AAA, SELL, 0, 7)), amend(2, ALICE, 0, 7));
        sink.clear();
        engine.place(3, ALICE, AAA, SELL.code(), STOP.code(), 0, 5, 96, 1_500, sink);
        assertEquals(List.of(done(3, ALICE, AAA, SELL, EXPIRED, 5)), advanceTime(1_500));
        assertEquals(List.of(), state().levels());
        assertEquals(List.of(done(2, ALICE, AAA, SELL, CANCELLED, 7)), massCancel(ALICE, AAA, SELL.code()));
    }

    @Test
    void shouldRejectABadStopPrice()
    {
        assertEquals(List.of(rejected(1, ALICE, AAA, INVALID_STOP_PRICE)), placeStop(1, ALICE, AAA, BUY, STOP, 0, 5, 0));
        assertEquals(List.of(rejected(2, ALICE, BBB, INVALID_STOP_PRICE)), placeStop(2, ALICE, BBB, BUY, STOP_LIMIT,
            100, 10, 101), "off the tick");
        assertEquals(List.of(rejected(3, ALICE, AAA, INVALID_STOP_PRICE)), placeStop(3, ALICE, AAA, BUY, LIMIT, 100, 5,
            99), "a stop price on an order that is no stop");
        assertEquals(List.of(rejected(4, ALICE, AAA, INVALID_PRICE)), placeStop(4, ALICE, AAA, BUY, STOP_LIMIT, 0, 5,
            99), "the limit price is checked first");
        assertEquals(0, engine.openOrderCount());
    }

    // ---------------------------------------------------------------------------------------------------------
    // Icebergs: show a display quantity, hide the rest, refresh at the back of the level
    // ---------------------------------------------------------------------------------------------------------

    @Test
    void shouldShowOnlyTheDisplayQuantityOfARestingIceberg()
    {
        assertEquals(List.of(accepted(1, BOB, AAA, SELL, LIMIT, 100, 10), level(AAA, SELL, 100, 3, 1)),
            placeIceberg(1, BOB, AAA, SELL, LIMIT, 100, 10, 3), "accepted for all of it; the level counts 3");
        assertEquals(iceberg(1, BOB, AAA, SELL, LIMIT, 100, 10, 3, 0), find(1));
    }

    @Test
    void shouldRefreshAnIcebergAtTheBackOfItsLevelWhenItsVisiblePartTrades()
    {
        placeIceberg(1, BOB, AAA, SELL, LIMIT, 100, 10, 3);
        place(2, CAROL, AAA, SELL, LIMIT, 100, 2);
        assertEquals(List.of(
            accepted(3, ALICE, AAA, BUY, LIMIT, 100, 4),
            trade(1, AAA, 1, BOB, 3, ALICE, BUY, 100, 3),
            trade(2, AAA, 2, CAROL, 3, ALICE, BUY, 100, 1),
            level(AAA, SELL, 100, 4, 2),
            done(3, ALICE, AAA, BUY, FILLED, 0)),
            place(3, ALICE, AAA, BUY, LIMIT, 100, 4), "the iceberg's next 3 queue behind order 2");
        assertEquals(List.of(order(2, CAROL, AAA, SELL, LIMIT, 100, 1, 1), iceberg(1, BOB, AAA, SELL, LIMIT, 100, 7,
            3, 3)), state().orders());
    }

    @Test
    void shouldTradeAnIcebergPartByPartWhenItIsAloneAtItsLevel()
    {
        placeIceberg(1, BOB, AAA, SELL, LIMIT, 100, 7, 3);
        assertEquals(List.of(
            accepted(2, ALICE, AAA, BUY, LIMIT, 100, 8),
            trade(1, AAA, 1, BOB, 2, ALICE, BUY, 100, 3),
            trade(2, AAA, 1, BOB, 2, ALICE, BUY, 100, 3),
            trade(3, AAA, 1, BOB, 2, ALICE, BUY, 100, 1),
            done(1, BOB, AAA, SELL, FILLED, 0),
            level(AAA, SELL, 100, 0, 0),
            level(AAA, BUY, 100, 1, 1)),
            place(2, ALICE, AAA, BUY, LIMIT, 100, 8), "a trade per part shown; one level change for the level");
    }

    @Test
    void shouldMatchAnIncomingIcebergWithItsWholeQuantityThenRestShowingItsDisplayQuantity()
    {
        place(1, BOB, AAA, SELL, LIMIT, 100, 5);
        assertEquals(List.of(
            accepted(2, ALICE, AAA, BUY, POST_ONLY, 99, 8),
            level(AAA, BUY, 99, 2, 1)),
            placeIceberg(2, ALICE, AAA, BUY, POST_ONLY, 99, 8, 2));
        assertEquals(List.of(
            accepted(3, ALICE, AAA, BUY, LIMIT, 100, 8),
            trade(1, AAA, 1, BOB, 3, ALICE, BUY, 100, 5),
            done(1, BOB, AAA, SELL, FILLED, 0),
            level(AAA, SELL, 100, 0, 0),
            level(AAA, BUY, 100, 2, 1)),
            placeIceberg(3, ALICE, AAA, BUY, LIMIT, 100, 8, 2));
        assertEquals(iceberg(3, ALICE, AAA, BUY, LIMIT, 100, 3, 2, 5), find(3));
    }

    @Test
    void shouldCancelExpireAndMassCancelAnIcebergWithAllItHasLeft()
    {
        engine.advanceTime(1_000, sink);
        placeIceberg(1, BOB, AAA, SELL, LIMIT, 100, 10, 3);
        assertEquals(List.of(done(1, BOB, AAA, SELL, CANCELLED, 10), level(AAA, SELL, 100, 0, 0)), cancel(1, BOB));
        sink.clear();
        engine.place(2, BOB, AAA, SELL.code(), LIMIT.code(), 101, 10, 0, 1_500, 4, sink);
        assertEquals(List.of(accepted(2, BOB, AAA, SELL, LIMIT, 101, 10), level(AAA, SELL, 101, 4, 1)), sink.drain());
        assertEquals(List.of(done(2, BOB, AAA, SELL, EXPIRED, 10), level(AAA, SELL, 101, 0, 0)), advanceTime(1_500));
        placeIceberg(3, BOB, AAA, SELL, LIMIT, 102, 10, 4);
        assertEquals(List.of(done(3, BOB, AAA, SELL, CANCELLED, 10), level(AAA, SELL, 102, 0, 0)),
            massCancel(BOB, AAA, SELL.code()));
    }

    @Test
    void shouldAmendAnIcebergDownFromItsHiddenPartFirstAndUpToTheBackShowingItsDisplayQuantity()
    {
        placeIceberg(1, BOB, AAA, SELL, LIMIT, 100, 10, 3);
        place(2, CAROL, AAA, SELL, LIMIT, 100, 1);
        assertEquals(List.of(amended(1, BOB, AAA, SELL, 100, 8)), amend(1, BOB, 100, 8),
            "only hidden quantity goes: the level does not change, so market data says nothing");
        assertEquals(iceberg(1, BOB, AAA, SELL, LIMIT, 100, 8, 3, 0), find(1));
        assertEquals(List.of(amended(1, BOB, AAA, SELL, 100, 2), level(AAA, SELL, 100, 3, 2)), amend(1, BOB, 100, 2),
            "the hidden 5 go, then 1 of the 3 shown; still first in the queue");
        assertEquals(order(1, BOB, AAA, SELL, LIMIT, 100, 2, 0).orderId(), state().orders().get(0).orderId());
        assertEquals(List.of(amended(1, BOB, AAA, SELL, 100, 9), level(AAA, SELL, 100, 1, 1),
            level(AAA, SELL, 100, 4, 2)), amend(1, BOB, 100, 9), "larger: to the back, showing 3 again");
        assertEquals(List.of(order(2, CAROL, AAA, SELL, LIMIT, 100, 1, 0), iceberg(1, BOB, AAA, SELL, LIMIT, 100, 9,
            3, 0)), state().orders());
        assertEquals(List.of(amended(1, BOB, AAA, SELL, 99, 9), level(AAA, SELL, 100, 1, 1),
            level(AAA, SELL, 99, 3, 1)), amend(1, BOB, 99, 9));
    }

    @Test
    void shouldCountAnIcebergsHiddenPartForFillOrKillUnlessAnOwnOrderEndsTheCountFirst()
    {
        engine = newEngine(INSTRUMENTS, SelfTradePolicy.CANCEL_INCOMING);
        placeIceberg(1, BOB, AAA, SELL, LIMIT, 100, 10, 2);
        place(2, ALICE, AAA, SELL, LIMIT, 100, 1);
        assertEquals(List.of(accepted(3, ALICE, AAA, BUY, FOK, 100, 3), done(3, ALICE, AAA, BUY, EXPIRED, 3)),
            place(3, ALICE, AAA, BUY, FOK, 100, 3), "2 shown before Alice's own order, which ends the count");
        assertEquals(List.of(
            accepted(4, CAROL, AAA, BUY, FOK, 100, 11),
            trade(1, AAA, 1, BOB, 4, CAROL, BUY, 100, 2),
            trade(2, AAA, 2, ALICE, 4, CAROL, BUY, 100, 1),
            done(2, ALICE, AAA, SELL, FILLED, 0),
            trade(3, AAA, 1, BOB, 4, CAROL, BUY, 100, 2),
            trade(4, AAA, 1, BOB, 4, CAROL, BUY, 100, 2),
            trade(5, AAA, 1, BOB, 4, CAROL, BUY, 100, 2),
            trade(6, AAA, 1, BOB, 4, CAROL, BUY, 100, 2),
            done(1, BOB, AAA, SELL, FILLED, 0),
            level(AAA, SELL, 100, 0, 0),
            done(4, CAROL, AAA, BUY, FILLED, 0)),
            place(4, CAROL, AAA, BUY, FOK, 100, 11), "no own order: all 11 count, the iceberg's hidden 8 too");
    }

    @Test
    void shouldRejectABadDisplayQuantityAndChangeNothing()
    {
        place(9, BOB, AAA, SELL, LIMIT, 200, 5);
        assertRejectChangesNothing(() -> placeIceberg(1, ALICE, AAA, BUY, LIMIT, 100, 10, 10),
            rejected(1, ALICE, AAA, INVALID_DISPLAY_QUANTITY));
        assertRejectChangesNothing(() -> placeIceberg(1, ALICE, AAA, BUY, LIMIT, 100, 10, 11),
            rejected(1, ALICE, AAA, INVALID_DISPLAY_QUANTITY));
        assertRejectChangesNothing(() -> placeIceberg(1, ALICE, AAA, BUY, LIMIT, 100, 10, -1),
            rejected(1, ALICE, AAA, INVALID_DISPLAY_QUANTITY));
        assertRejectChangesNothing(() -> placeIceberg(1, ALICE, BBB, BUY, LIMIT, 100, 100, 15),
            rejected(1, ALICE, BBB, INVALID_DISPLAY_QUANTITY));
        for (final OrderType type : List.of(MARKET, IOC, FOK, STOP, STOP_LIMIT))
        {
            assertRejectChangesNothing(() -> placeIceberg(1, ALICE, AAA, BUY, type, 100, 10, 2),
                rejected(1, ALICE, AAA, type.isStop() ? INVALID_STOP_PRICE : INVALID_DISPLAY_QUANTITY));
        }
        sink.clear();
        engine.place(1, ALICE, AAA, BUY.code(), STOP_LIMIT.code(), 100, 10, 101, 0, 2, sink);
        assertEquals(List.of(rejected(1, ALICE, AAA, INVALID_DISPLAY_QUANTITY)), sink.drain(), "a stop cannot hide");
        sink.clear();
        engine.place(1, ALICE, AAA, BUY.code(), LIMIT.code(), 100, 10, 0, -5, 10, sink);
        assertEquals(List.of(rejected(1, ALICE, AAA, INVALID_DISPLAY_QUANTITY)), sink.drain(),
            "checked before the expiry");
        assertEquals(1, engine.openOrderCount());
    }

    // ---------------------------------------------------------------------------------------------------------
    // Mass cancel: an account's orders on one instrument or all, one side or both
    // ---------------------------------------------------------------------------------------------------------

    private void placeMassCancelBook(final MatchingEngine into)
    {
        final RecordingEventSink ignored = new RecordingEventSink();
        into.place(1, ALICE, BBB, SELL.code(), LIMIT.code(), 200, 10, ignored);
        into.place(2, ALICE, BBB, BUY.code(), LIMIT.code(), 100, 10, ignored);
        into.place(3, ALICE, AAA, SELL.code(), LIMIT.code(), 105, 5, ignored);
        into.place(4, BOB, AAA, BUY.code(), LIMIT.code(), 99, 5, ignored);
        into.place(5, ALICE, AAA, BUY.code(), LIMIT.code(), 99, 5, ignored);
        into.place(6, ALICE, AAA, BUY.code(), LIMIT.code(), 98, 5, ignored);
    }

    @Test
    void shouldMassCancelOneSideOfOneInstrumentBestPriceFirst()
    {
        placeMassCancelBook(engine);
        assertEquals(List.of(
            done(5, ALICE, AAA, BUY, CANCELLED, 5),
            level(AAA, BUY, 99, 5, 1),
            done(6, ALICE, AAA, BUY, CANCELLED, 5),
            level(AAA, BUY, 98, 0, 0)),
            massCancel(ALICE, AAA, BUY.code()));
        assertEquals(List.of(1L, 2L, 3L, 4L), state().orders().stream().map(OrderRow::orderId).sorted().toList());
    }

    @Test
    void shouldMassCancelBothSidesOfOneInstrument()
    {
        placeMassCancelBook(engine);
        assertEquals(List.of(
            done(2, ALICE, BBB, BUY, CANCELLED, 10),
            level(BBB, BUY, 100, 0, 0),
            done(1, ALICE, BBB, SELL, CANCELLED, 10),
            level(BBB, SELL, 200, 0, 0)),
            massCancel(ALICE, BBB, Command.BOTH_SIDES));
    }

    @Test
    void shouldMassCancelOneSideOfEveryInstrument()
    {
        placeMassCancelBook(engine);
        assertEquals(List.of(
            done(3, ALICE, AAA, SELL, CANCELLED, 5),
            level(AAA, SELL, 105, 0, 0),
            done(1, ALICE, BBB, SELL, CANCELLED, 10),
            level(BBB, SELL, 200, 0, 0)),
            massCancel(ALICE, Command.ALL_INSTRUMENTS, SELL.code()));
    }

    @Test
    void shouldMassCancelEverySideOfEveryInstrumentExactlyAsCancelAll()
    {
        placeMassCancelBook(engine);
        final MatchingEngine other = newEngine(INSTRUMENTS, SelfTradePolicy.CANCEL_RESTING);
        placeMassCancelBook(other);
        final RecordingEventSink otherSink = new RecordingEventSink();
        other.cancelAll(ALICE, otherSink);
        final List<Event> all = massCancel(ALICE, Command.ALL_INSTRUMENTS, Command.BOTH_SIDES);
        assertEquals(otherSink.drain(), all);
        assertEquals(5 * 2, all.size(), all.toString());
        assertEquals(BookState.capture(other, INSTRUMENTS), state());
    }

    @Test
    void shouldRejectAMassCancelOfAnUnknownInstrumentOrABadSideAndChangeNothing()
    {
        placeMassCancelBook(engine);
        final BookState before = state();
        assertEquals(List.of(rejected(0, ALICE, 2, UNKNOWN_INSTRUMENT)), massCancel(ALICE, 2, Command.BOTH_SIDES));
        assertEquals(List.of(rejected(0, ALICE, AAA, INVALID_SIDE)), massCancel(ALICE, AAA, (byte)'X'));
        assertEquals(before, state());
    }

    @Test
    void shouldDoNothingWhenAMassCancelMatchesNoOrder()
    {
        placeMassCancelBook(engine);
        final BookState before = state();
        assertEquals(List.of(), massCancel(BOB, AAA, SELL.code()));
        assertEquals(List.of(), massCancel(CAROL, Command.ALL_INSTRUMENTS, Command.BOTH_SIDES));
        assertEquals(before, state());
    }

    // ---------------------------------------------------------------------------------------------------------
    // Helpers
    // ---------------------------------------------------------------------------------------------------------

    private List<Event> placeUntil(final long orderId, final long accountId, final int instrumentId, final Side side,
        final OrderType type, final long price, final long quantity, final long expiresAtNs)
    {
        sink.clear();
        engine.place(orderId, accountId, instrumentId, side.code(), type.code(), price, quantity, 0, expiresAtNs, sink);
        return sink.drain();
    }

    private List<Event> placeStop(final long orderId, final long accountId, final int instrumentId, final Side side,
        final OrderType type, final long price, final long quantity, final long stopPrice)
    {
        sink.clear();
        engine.place(orderId, accountId, instrumentId, side.code(), type.code(), price, quantity, stopPrice, 0, sink);
        return sink.drain();
    }

    private List<Event> placeIceberg(final long orderId, final long accountId, final int instrumentId,
        final Side side, final OrderType type, final long price, final long quantity, final long displayQuantity)
    {
        sink.clear();
        engine.place(orderId, accountId, instrumentId, side.code(), type.code(), price, quantity, 0, 0,
            displayQuantity, sink);
        return sink.drain();
    }

    private List<Event> advanceTime(final long timeNs)
    {
        sink.clear();
        engine.advanceTime(timeNs, sink);
        return sink.drain();
    }

    private List<Event> massCancel(final long accountId, final int instrumentId, final byte sideCode)
    {
        sink.clear();
        engine.massCancel(accountId, instrumentId, sideCode, sink);
        return sink.drain();
    }

    private List<Event> place(
        final long orderId,
        final long accountId,
        final int instrumentId,
        final Side side,
        final OrderType type,
        final long price,
        final long quantity)
    {
        return placeCodes(orderId, accountId, instrumentId, side.code(), type.code(), price, quantity);
    }

    private List<Event> placeCodes(
        final long orderId,
        final long accountId,
        final int instrumentId,
        final byte sideCode,
        final byte typeCode,
        final long price,
        final long quantity)
    {
        sink.clear();
        engine.place(orderId, accountId, instrumentId, sideCode, typeCode, price, quantity, sink);
        return sink.drain();
    }

    private List<Event> cancel(final long orderId, final long accountId)
    {
        sink.clear();
        engine.cancel(orderId, accountId, sink);
        return sink.drain();
    }

    private List<Event> amend(final long orderId, final long accountId, final long newPrice, final long newQuantity)
    {
        sink.clear();
        engine.amend(orderId, accountId, newPrice, newQuantity, sink);
        return sink.drain();
    }

    private List<Event> cancelAll(final long accountId)
    {
        sink.clear();
        engine.cancelAll(accountId, sink);
        return sink.drain();
    }

    private BookState state()
    {
        return BookState.capture(engine, INSTRUMENTS);
    }

    private OrderRow find(final long orderId)
    {
        return BookState.find(engine, orderId);
    }

    private void assertRejectChangesNothing(final Supplier<List<Event>> command, final Event.Rejected expected)
    {
        final BookState before = state();
        assertEquals(List.of(expected), command.get());
        assertEquals(before, state(), "a reject must change nothing");
    }

    private static Event accepted(
        final long orderId,
        final long accountId,
        final int instrumentId,
        final Side side,
        final OrderType type,
        final long price,
        final long quantity)
    {
        return new Event.Accepted(orderId, accountId, instrumentId, side, type, price, quantity);
    }

    private static Event.Rejected rejected(
        final long orderId, final long accountId, final int instrumentId, final RejectReason reason)
    {
        return new Event.Rejected(orderId, accountId, instrumentId, reason);
    }

    private static Event amended(
        final long orderId, final long accountId, final int instrumentId, final Side side, final long price,
        final long quantity)
    {
        return new Event.Amended(orderId, accountId, instrumentId, side, price, quantity);
    }

    private static Event trade(
        final long tradeId,
        final int instrumentId,
        final long makerOrderId,
        final long makerAccountId,
        final long takerOrderId,
        final long takerAccountId,
        final Side aggressor,
        final long price,
        final long quantity)
    {
        return new Event.Trade(
            tradeId, instrumentId, makerOrderId, makerAccountId, takerOrderId, takerAccountId, aggressor, price,
            quantity);
    }

    private static Event done(
        final long orderId, final long accountId, final int instrumentId, final Side side, final DoneReason reason,
        final long remainingQuantity)
    {
        return new Event.OrderDone(orderId, accountId, instrumentId, side, reason, remainingQuantity);
    }

    private static Event level(
        final int instrumentId, final Side side, final long price, final long totalQuantity, final int orderCount)
    {
        return new Event.LevelChanged(instrumentId, side, price, totalQuantity, orderCount);
    }

    private static LevelRow levelRow(
        final int instrumentId, final Side side, final long price, final long totalQuantity, final int orderCount)
    {
        return new LevelRow(instrumentId, side, price, totalQuantity, orderCount);
    }

    private static OrderRow order(
        final long orderId,
        final long accountId,
        final int instrumentId,
        final Side side,
        final OrderType type,
        final long price,
        final long remainingQuantity,
        final long filledQuantity)
    {
        return new OrderRow(orderId, accountId, instrumentId, side, type.code(), price, remainingQuantity,
            remainingQuantity, filledQuantity);
    }

    private static OrderRow iceberg(final long orderId, final long accountId, final int instrumentId, final Side side,
        final OrderType type, final long price, final long remainingQuantity, final long visibleQuantity,
        final long filledQuantity)
    {
        return new OrderRow(orderId, accountId, instrumentId, side, type.code(), price, remainingQuantity,
            visibleQuantity, filledQuantity);
    }
}
