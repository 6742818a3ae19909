package dev.hotpath.engine.book;

import dev.hotpath.engine.api.Side;

/**
 * One side of an order book: its price levels, the best one known at once, any one found by price in O(1).
 *
 * <p>Almost all activity is within some hundreds of ticks of the best price, so the levels there live in a
 * {@link PriceLadder}: an array with one slot per price of a window around the market, where finding a
 * price is a subtraction (no search, no mispredicted branch) and a bitmap finds the next level when the best
 * one empties. Levels outside the window (far from the market) live in {@link SortedLevels}, a sorted array.
 * When the market leaves the window, the window is moved to put the best price three quarters of the way
 * up, leaving a quarter of it for better prices to come.
 *
 * <p>Prices are compared as <em>keys</em>: the price for bids, minus the price for asks, so a higher key is
 * always a better price and both sides share one implementation.
 *
 * <p>Owned by the matching thread.
 */
public final class BookSide
{
    /** Slots of a ladder unless told otherwise: 4,096 ticks, 16 KB of references and a 512-byte bitmap. */
    public static final int DEFAULT_LADDER_SLOTS = PriceLadder.MAX_SLOTS;

    private final Side side;
    private final long sign;
    private final long lowestBase;
    private final ObjectPool<PriceLevel> levelPool;
    private final PriceLadder ladder;
    private final SortedLevels far;
    private PriceLevel best;
    private long bestKey;
    private final LevelScratch scratch;

    /**
     * @param side          which side this is.
     * @param levelPool     where levels come from and go back to.
     * @param scratch       where levels wait while the window moves (shared by the sides of one engine).
     * @param tickSize      the instrument's tick, in price units.
     * @param ladderSlots   prices in the window near the market (a power of two from 64 to 4,096).
     * @param initialLevels expected number of levels outside the window (the array grows when needed).
     */
    public BookSide(
        final Side side,
        final ObjectPool<PriceLevel> levelPool,
        final LevelScratch scratch,
        final long tickSize,
        final int ladderSlots,
        final int initialLevels)
    {
        this.side = side;
        this.sign = side == Side.BUY ? 1 : -1;
        this.lowestBase = side == Side.BUY ? 0 : -Long.MAX_VALUE;
        this.levelPool = levelPool;
        this.scratch = scratch;
        this.ladder = new PriceLadder(ladderSlots, tickSize);
        this.far = new SortedLevels(initialLevels);
    }

    /** @return which side this is. */
    public Side side()
    {
        return side;
    }

    /** @return the number of price levels. */
    public int levelCount()
    {
        return ladder.count() + far.size();
    }

    /** @return the best level (highest bid or lowest ask), or {@code null} when the side is empty. */
    public PriceLevel best()
    {
        return best;
    }

    /**
     * The next level away from the best: walk a side from {@link #best()} with it.
     *
     * @param level a level of this side.
     * @return the next worse level, or {@code null} when {@code level} is the worst.
     */
    public PriceLevel worse(final PriceLevel level)
    {
        final long key = key(level.price);
        final long offset = ladder.offset(key);
        if (offset >= 0 && offset < ladder.span())
        {
            final int below = ladder.below(ladder.slotOf(key));
            return below >= 0 ? ladder.get(below) : highestFarBelowWindow();
        }
        final int index = far.indexOf(level, key);
        if (offset >= ladder.span() && ladder.count() > 0 &&
            (index == 0 || ladder.offset(far.keyAt(index - 1)) < 0))
        {
            return ladder.topLevel();
        }
        return index == 0 ? null : far.levelAt(index - 1);
    }

    /**
     * @param price a price.
     * @return the level at exactly that price, or {@code null}.
     */
    public PriceLevel find(final long price)
    {
        final PriceLevel level = levelAt(key(price));
        return level != null && level.price == price ? level : null;
    }

    /**
     * Appends an order at the back of the queue at its price, creating the level if needed.
     *
     * @param order the order, with its price and remaining quantity set.
     * @return the level it joined.
     */
    public PriceLevel add(final Order order)
    {
        final long key = key(order.price);
        PriceLevel level = levelAt(key);
        if (level == null)
        {
            level = levelPool.acquire();
            level.init(order.price);
            attach(key, level);
        }
        level.append(order);
        return level;
    }

    /**
     * Takes an order out of its level, and drops the level when it becomes empty.
     *
     * @param order an order resting on this side.
     * @return the level it left (which may now be empty and back in the pool: read it before the next add).
     */
    public PriceLevel remove(final Order order)
    {
        final PriceLevel level = order.level;
        level.remove(order);
        if (level.orderCount == 0)
        {
            removeLevel(level);
        }
        return level;
    }

    /**
     * Lowers an order's open quantity in place, keeping its place in the queue.
     *
     * @param order an order resting on this side.
     * @param delta how much less it is for, below its remaining quantity.
     * @return its level.
     */
    public PriceLevel reduce(final Order order, final long delta)
    {
        final long fromHidden = Math.min(delta, order.hiddenQuantity); // an iceberg gives up hidden quantity first
        order.hiddenQuantity -= fromHidden;
        order.visibleQuantity -= delta - fromHidden;
        order.level.totalQuantity -= delta - fromHidden;
        return order.level;
    }

    /**
     * Gives an order that rests alone at its level a new price (where no level is yet) and a new open
     * quantity, by moving its level object to the new price: the same result as {@link #remove} then
     * {@link #add} at the new price, without the level's round trip through the pool. The caller makes sure
     * the new price does not cross the other side.
     *
     * @param order       an order resting on this side.
     * @param newPrice    its new price.
     * @param newQuantity its new open quantity.
     * @return false, changing nothing, when the order shares its level or a level exists at the new price
     *     (other than its own).
     */
    public boolean repriceAlone(final Order order, final long newPrice, final long newQuantity)
    {
        final PriceLevel level = order.level;
        if (level.orderCount != 1)
        {
            return false;
        }
        if (newPrice != level.price)
        {
            final long newKey = key(newPrice);
            if (levelAt(newKey) != null)
            {
                return false;
            }
            detach(level);
            level.price = newPrice;
            order.price = newPrice;
            attach(newKey, level);
        }
        order.showOf(newQuantity);
        level.totalQuantity = order.visibleQuantity;
        return true;
    }

    /**
     * Shows an iceberg's next part once its visible part has traded away: the order goes to the back of its
     * level's queue (a refresh loses time priority) showing at most its display size of its hidden quantity.
     *
     * @param order a resting iceberg whose visible quantity is {@code 0} and hidden quantity is not.
     */
    public static void refreshAtBack(final Order order)
    {
        final PriceLevel level = order.level;
        level.remove(order);
        order.refresh();
        level.append(order);
    }

    /**
     * Takes an order out of its level's queue but leaves the level in place even when it becomes empty:
     * the match loop walks a level's queue and drops the level itself once done with it.
     *
     * @param order an order resting on a book.
     */
    public static void unlink(final Order order)
    {
        order.level.remove(order);
    }

    /**
     * Drops an empty level from the side and returns it to the pool.
     *
     * @param level an empty level of this side.
     */
    public void removeLevel(final PriceLevel level)
    {
        detach(level);
        levelPool.release(level);
    }

    /**
     * Whether an incoming order at {@code price} on the other side would trade with this level.
     *
     * @param level a level of this side.
     * @param price the incoming order's limit price.
     * @return true when they cross.
     */
    public boolean crosses(final PriceLevel level, final long price)
    {
        return side == Side.SELL ? price >= level.price : price <= level.price;
    }

    /** Bids: the higher the better; asks: the lower the better. A higher key is a better price. */
    private long key(final long price)
    {
        return price * sign;
    }

    private PriceLevel levelAt(final long key)
    {
        if (ladder.holds(key))
        {
            return ladder.get(ladder.slotOf(key));
        }
        final int index = far.search(key);
        return index >= 0 ? far.levelAt(index) : null;
    }

    /** Puts a level that is in no structure at its key (no level may be there). */
    private void attach(final long key, final PriceLevel level)
    {
        if (best != null && ladder.holds(key))
        {
            // the common case, kept small so that the JIT inlines it: a slot of the window
            ladder.put(ladder.slotOf(key), level);
            if (key > bestKey)
            {
                best = level;
                bestKey = key;
            }
        }
        else
        {
            attachElsewhere(key, level);
        }
    }

    /** The rare cases of {@link #attach}: the first level of an empty side, or a price outside the window. */
    private void attachElsewhere(final long key, final PriceLevel level)
    {
        if (best == null)
        {
            // first level of an empty side: put the window around it
            moveWindowTo(key);
            ladder.put(ladder.slotOf(key), level);
            best = level;
            bestKey = key;
            return;
        }
        far.insert(-(far.search(key) + 1), key, level);
        if (key > bestKey)
        {
            best = level;
            bestKey = key;
        }
        recentreIfMarketLeftWindow();
    }

    /** Takes a level out of whichever structure holds it, and finds the new best when it was the best. */
    private void detach(final PriceLevel level)
    {
        final long key = key(level.price);
        if (ladder.holds(key))
        {
            ladder.remove(ladder.slotOf(key));
        }
        else
        {
            far.removeAt(far.indexOf(level, key));
        }
        if (level == best)
        {
            nextBest();
        }
    }

    /** After the best level left: the best is a far level above the window, else the window's top, else a far one below. */
    private void nextBest()
    {
        final int farSize = far.size();
        if (farSize > 0 && ladder.offset(far.keyAt(farSize - 1)) >= ladder.span())
        {
            best = far.levelAt(farSize - 1);
        }
        else if (ladder.count() > 0)
        {
            best = ladder.topLevel();
        }
        else
        {
            best = farSize > 0 ? far.levelAt(farSize - 1) : null;
        }
        bestKey = best == null ? 0 : key(best.price);
    }

    private PriceLevel highestFarBelowWindow()
    {
        final int insertion = -(far.search(ladder.base()) + 1); // the base itself is never in the far levels
        return insertion == 0 ? null : far.levelAt(insertion - 1);
    }

    /**
     * Called after a level went outside the window (the slow path): moves the window when the best price is
     * above it, in its bottom quarter (so new orders behind it fall out), or when the window is empty.
     */
    private void recentreIfMarketLeftWindow()
    {
        final long bestOffset = ladder.offset(bestKey);
        if (ladder.count() == 0 || bestOffset >= ladder.span() || bestOffset < ladder.span() / 4)
        {
            moveWindowTo(bestKey);
        }
    }

    /** Puts {@code key} three quarters of the way up the window, re-filing every level. Allocation-free once warm. */
    private void moveWindowTo(final long key)
    {
        final PriceLevel[] scratch = this.scratch.atLeast(levelCount());
        // every level in ascending key order: far ones below the window, the window, far ones above it
        final int farSize = far.size();
        int farIndex = 0;
        int count = 0;
        while (farIndex < farSize && ladder.offset(far.keyAt(farIndex)) < 0)
        {
            scratch[count++] = far.levelAt(farIndex++);
        }
        count = ladder.drainAscending(scratch, count);
        while (farIndex < farSize)
        {
            scratch[count++] = far.levelAt(farIndex++);
        }
        far.clear();

        final long span = ladder.span();
        final long below = span - span / 4;
        ladder.rebase(key - lowestBase >= below ? key - below : lowestBase);
        for (int i = 0; i < count; i++)
        {
            final PriceLevel level = scratch[i];
            final long levelKey = key(level.price);
            if (ladder.holds(levelKey))
            {
                ladder.put(ladder.slotOf(levelKey), level);
            }
            else
            {
                far.append(levelKey, level);
            }
            scratch[i] = null;
        }
    }
}
