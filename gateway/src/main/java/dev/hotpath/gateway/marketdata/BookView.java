package dev.hotpath.gateway.marketdata;

import dev.hotpath.engine.api.Instrument;
import dev.hotpath.engine.api.Side;
import dev.hotpath.gateway.api.BookSnapshot;
import dev.hotpath.gateway.api.BookUpdate;
import dev.hotpath.gateway.api.Level;
import dev.hotpath.gateway.api.LevelChange;
import dev.hotpath.gateway.mapping.ApiMapping;
import dev.hotpath.gateway.mapping.DecimalUnits;
import dev.hotpath.gateway.out.Outbound;
import dev.hotpath.gateway.out.Responder;
import dev.hotpath.gateway.state.GatewaySnapshot;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The gateway's market-data projection of one book, built only from the engine's level-change events (it never
 * looks into the engine's books), with the subscribers of its changes.
 *
 * <p>Written by the responder thread ({@link Responder}); read by gRPC threads. One lock per book makes a
 * subscriber's snapshot and its first change follow each other without a gap or an overlap. {@link #changeCount},
 * {@link #levels} and {@link #restore} are for the gateway's snapshots ({@link GatewaySnapshot}) only.
 */
public final class BookView
{
    private final Instrument instrument;
    private final TreeMap<Long, long[]> bids = new TreeMap<>(Collections.reverseOrder());
    private final TreeMap<Long, long[]> asks = new TreeMap<>();
    private final List<Outbound<BookUpdate>> subscribers = new ArrayList<>();
    private long sequence;

    /**
     * @param instrument the instrument.
     */
    public BookView(final Instrument instrument)
    {
        this.instrument = instrument;
    }

    /**
     * Applies one level change and sends it to the subscribers. Responder thread (or the replaying thread).
     *
     * @param side          the level's side.
     * @param price         its price, units.
     * @param totalQuantity its new total, units (0: gone).
     * @param orderCount    its orders.
     */
    public synchronized void apply(final Side side, final long price, final long totalQuantity, final int orderCount)
    {
        final TreeMap<Long, long[]> levels = side == Side.BUY ? bids : asks;
        if (totalQuantity == 0)
        {
            levels.remove(price);
        }
        else
        {
            levels.put(price, new long[] {totalQuantity, orderCount});
        }
        sequence++;
        if (subscribers.isEmpty())
        {
            return;
        }
        final BookUpdate update = BookUpdate.newBuilder().setChange(LevelChange.newBuilder()
            .setSymbol(instrument.symbol())
            .setSequence(sequence)
            .setSide(ApiMapping.toApi(side))
            .setPrice(DecimalUnits.toDecimal(price, instrument.priceScale()))
            .setQuantity(DecimalUnits.toDecimal(totalQuantity, instrument.quantityScale()))
            .setOrderCount(orderCount)).build();
        for (int i = subscribers.size() - 1; i >= 0; i--)
        {
            subscribers.get(i).offer(update);
        }
    }

    /** @return how many level changes the book has had: the sequence its market data carries. Any thread. */
    public synchronized long changeCount()
    {
        return sequence;
    }

    /**
     * @param side a side.
     * @return its levels best first, flat: price, total quantity, order count, then the next level's. Any thread.
     */
    public synchronized long[] levels(final Side side)
    {
        final TreeMap<Long, long[]> levels = side == Side.BUY ? bids : asks;
        final long[] flat = new long[levels.size() * 3];
        int i = 0;
        for (final Map.Entry<Long, long[]> e : levels.entrySet())
        {
            flat[i++] = e.getKey();
            flat[i++] = e.getValue()[0];
            flat[i++] = e.getValue()[1];
        }
        return flat;
    }

    /**
     * Sets the book as a snapshot had it (at start, on the starting thread, before anybody subscribes).
     *
     * @param changeCount the level changes it had had.
     * @param bidLevels   its bids, as {@link #levels} gives them.
     * @param askLevels   its asks, likewise.
     */
    public synchronized void restore(final long changeCount, final long[] bidLevels, final long[] askLevels)
    {
        sequence = changeCount;
        bids.clear();
        asks.clear();
        for (int i = 0; i + 2 < bidLevels.length; i += 3)
        {
            bids.put(bidLevels[i], new long[] {bidLevels[i + 1], bidLevels[i + 2]});
        }
        for (int i = 0; i + 2 < askLevels.length; i += 3)
        {
            asks.put(askLevels[i], new long[] {askLevels[i + 1], askLevels[i + 2]});
        }
    }

    /**
     * @param depth levels per side (≤ 0: all).
     * @return the book now.
     */
    public synchronized BookSnapshot snapshot(final int depth)
    {
        final BookSnapshot.Builder b = BookSnapshot.newBuilder().setSymbol(instrument.symbol()).setSequence(sequence);
        addLevels(bids, depth, b, true);
        addLevels(asks, depth, b, false);
        return b.build();
    }

    /**
     * Sends the subscriber a snapshot and adds it to the change subscribers, atomically.
     *
     * @param subscriber the stream.
     * @param depth      snapshot levels per side (≤ 0: all).
     */
    public synchronized void subscribe(final Outbound<BookUpdate> subscriber, final int depth)
    {
        subscriber.offer(BookUpdate.newBuilder().setSnapshot(snapshot(depth)).build());
        subscribers.add(subscriber);
    }

    /**
     * @param subscriber a stream that ended.
     */
    public synchronized void unsubscribe(final Outbound<BookUpdate> subscriber)
    {
        subscribers.remove(subscriber);
    }

    /** @return the subscribers now. */
    public synchronized List<Outbound<BookUpdate>> subscribers()
    {
        return List.copyOf(subscribers);
    }

    private void addLevels(final TreeMap<Long, long[]> levels, final int depth, final BookSnapshot.Builder b,
        final boolean bid)
    {
        int n = 0;
        for (final Map.Entry<Long, long[]> e : levels.entrySet())
        {
            if (depth > 0 && n++ >= depth)
            {
                break;
            }
            final Level level = Level.newBuilder()
                .setPrice(DecimalUnits.toDecimal(e.getKey(), instrument.priceScale()))
                .setQuantity(DecimalUnits.toDecimal(e.getValue()[0], instrument.quantityScale()))
                .setOrderCount((int)e.getValue()[1]).build();
            if (bid)
            {
                b.addBids(level);
            }
            else
            {
                b.addAsks(level);
            }
        }
    }
}
