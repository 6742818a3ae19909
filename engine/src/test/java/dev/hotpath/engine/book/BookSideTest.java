package dev.hotpath.engine.book;

import dev.hotpath.engine.api.Side;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The book side's own rules, with the smallest window (64 ticks) so that prices land inside it, below it and
 * above it: levels come back best first wherever they live, the best is known after every change, and the
 * window follows the market. The matching rules on top are {@code MatchingEngineContractTest}'s and the
 * property test's.
 */
class BookSideTest
{
    private static final long TICK = 5;

    private final ObjectPool<PriceLevel> pool = new ObjectPool<>(16, PriceLevel::new);
    private final LevelScratch scratch = new LevelScratch(16);
    private long nextId = 1;

    /** The first level places the window; then prices far below it, inside it and above it. */
    private static final long[] INSIDE_BELOW_ABOVE = {1_000, 10, 990, 1_001, 5_000, 995, 1, 100_000};

    @Test
    void bidsComeBackBestFirstInsideBelowAndAboveTheWindow()
    {
        final BookSide bids = sideWith(Side.BUY, INSIDE_BELOW_ABOVE);
        assertEquals(List.of(100_000L, 5_000L, 1_001L, 1_000L, 995L, 990L, 10L, 1L), ticksBestFirst(bids));
        assertEquals(8, bids.levelCount());
        assertEquals(100_000 * TICK, bids.best().price());
    }

    @Test
    void asksComeBackLowestFirst()
    {
        final BookSide asks = sideWith(Side.SELL, INSIDE_BELOW_ABOVE);
        assertEquals(List.of(1L, 10L, 990L, 995L, 1_000L, 1_001L, 5_000L, 100_000L), ticksBestFirst(asks));
        assertEquals(TICK, asks.best().price());
    }

    private BookSide sideWith(final Side side, final long... ticks)
    {
        final BookSide book = new BookSide(side, pool, scratch, TICK, 64, 4);
        for (final long t : ticks)
        {
            book.add(order(t * TICK));
        }
        return book;
    }

    @Test
    void theBestIsFoundAgainWhenItsLevelEmptiesWhereverTheNextLevelLives()
    {
        final BookSide bids = new BookSide(Side.BUY, pool, scratch, TICK, 64, 4);
        final Order far = order(10 * TICK);
        final Order inside = order(990 * TICK);
        final Order best = order(1_000 * TICK);
        bids.add(far);
        bids.add(inside);
        bids.add(best);
        bids.remove(best);
        assertEquals(990 * TICK, bids.best().price());
        bids.remove(inside);
        assertEquals(10 * TICK, bids.best().price(), "the window is empty: the best is a far level");
        bids.remove(far);
        assertNull(bids.best());
        assertEquals(0, bids.levelCount());
    }

    @Test
    void theWindowFollowsAMarketThatMovesAway()
    {
        final BookSide bids = new BookSide(Side.BUY, pool, scratch, TICK, 64, 4);
        final List<Order> orders = new ArrayList<>();
        // a market rising by 2 ticks a step, 500 steps: every new best is above the window it was placed in
        for (long ticks = 1_000; ticks < 2_000; ticks += 2)
        {
            final Order order = order(ticks * TICK);
            orders.add(order);
            bids.add(order);
            assertSame(order.level, bids.best());
        }
        assertEquals(500, bids.levelCount());
        final List<Long> walked = ticksBestFirst(bids);
        for (int i = 1; i < walked.size(); i++)
        {
            assertTrue(walked.get(i - 1) > walked.get(i), "strictly best first at " + i);
        }
        for (final Order order : orders)
        {
            assertSame(order.level, bids.find(order.price), "found by price: " + order.price);
        }
    }

    @Test
    void findAnswersOnlyForAPriceThatHasALevel()
    {
        final BookSide bids = new BookSide(Side.BUY, pool, scratch, TICK, 64, 4);
        bids.add(order(1_000 * TICK));
        assertNull(bids.find(1_001 * TICK));
        assertNull(bids.find(1_000 * TICK + 1), "off tick: shares a slot with no level of that price");
        assertNull(bids.find(-1));
        assertEquals(1_000 * TICK, bids.find(1_000 * TICK).price());
    }

    @Test
    void repriceAloneMovesTheLevelAndRefusesWhenItIsNotAlone()
    {
        final BookSide bids = new BookSide(Side.BUY, pool, scratch, TICK, 64, 4);
        final Order moving = order(1_000 * TICK);
        bids.add(moving);
        final Order other = order(999 * TICK);
        bids.add(other);
        assertFalse(bids.repriceAlone(moving, 999 * TICK, 7), "a level exists at the new price");
        assertTrue(bids.repriceAlone(moving, 5_000 * TICK, 7), "to a price above the window");
        assertEquals(List.of(5_000L, 999L), ticksBestFirst(bids));
        assertEquals(7, bids.best().totalQuantity());
        bids.add(order(5_000 * TICK));
        assertFalse(bids.repriceAlone(moving, 4_000 * TICK, 7), "no longer alone at its level");
    }

    @Test
    void extremePricesAndHugeTicksKeepTheirOrder()
    {
        for (final long tick : new long[] {1, 3, 1L << 40, 999_999_999_999L})
        {
            for (final Side side : Side.values())
            {
                final BookSide book = new BookSide(side, pool, scratch, tick, 64, 4);
                final long top = Long.MAX_VALUE / tick;
                final long[] ticks = {1, 2, top, top - 1, top / 2, 64, 63, top - 64};
                for (final long t : ticks)
                {
                    book.add(order(t * tick));
                }
                final List<Long> expected = new ArrayList<>();
                for (final long t : ticks)
                {
                    expected.add(t * tick);
                }
                expected.sort(side == Side.BUY ? Comparator.reverseOrder() : Comparator.naturalOrder());
                final List<Long> walked = new ArrayList<>();
                for (PriceLevel level = book.best(); level != null; level = book.worse(level))
                {
                    walked.add(level.price());
                }
                assertEquals(expected, walked, side + " with tick " + tick);
                for (final long t : ticks)
                {
                    assertEquals(t * tick, book.find(t * tick).price(), side + " finds " + t + " ticks");
                }
            }
        }
    }

    private Order order(final long price)
    {
        return new Order().set(nextId++, 1, 0, Side.BUY, (byte)0, price, 10, 0);
    }

    private static List<Long> ticksBestFirst(final BookSide side)
    {
        final List<Long> ticks = new ArrayList<>();
        for (PriceLevel level = side.best(); level != null; level = side.worse(level))
        {
            ticks.add(level.price() / TICK);
        }
        return ticks;
    }
}
