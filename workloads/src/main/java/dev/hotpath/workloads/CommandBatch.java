package dev.hotpath.workloads;

import dev.hotpath.engine.api.Command;
import dev.hotpath.engine.api.CommandType;
import dev.hotpath.engine.api.EventSink;
import dev.hotpath.engine.matching.MatchingEngine;

import java.util.Arrays;

/**
 * A run of input commands stored as a struct of arrays: one primitive array per field, index {@code i} is
 * the {@code i}-th command. Compact (71 bytes a command, no object headers, no pointers), read sequentially
 * by the hardware prefetcher, and consumed without allocating: {@link #apply(int, MatchingEngine, EventSink)}
 * hands command {@code i} to a matching engine, {@link #copyTo(int, Command)} fills a ring slot.
 *
 * <p>Appending ({@link #place}, {@link #cancel}, {@link #amend}) is for generators and may grow the arrays;
 * consumers only read. Not thread-safe: fill it on one thread, then hand it over (e.g. through a final
 * field or a {@code volatile} write) before other threads read it.
 */
public final class CommandBatch
{
    /** {@link CommandType#PLACE}'s code. */
    public static final byte PLACE = CommandType.PLACE.code();
    /** {@link CommandType#CANCEL}'s code. */
    public static final byte CANCEL = CommandType.CANCEL.code();
    /** {@link CommandType#AMEND}'s code. */
    public static final byte AMEND = CommandType.AMEND.code();
    /** {@link CommandType#MASS_CANCEL}. */
    public static final byte MASS_CANCEL = CommandType.MASS_CANCEL.code();

    private byte[] type;
    private long[] orderId;
    private long[] accountId;
    private int[] instrumentId;
    private byte[] side;
    private byte[] orderType;
    private long[] price;
    private long[] quantity;
    private long[] stopPrice;
    private long[] timeToLiveNs;
    private long[] displayQuantity;
    /** When the command is sent, in the flow's own time (epoch-free ns); 0: the flow carries no time. */
    private long[] timestampNs;
    /** Whether any command carries a time: only then does {@link #apply} read them (W1 to W3 stream less). */
    private boolean timed;
    /** Whether any command carries a display quantity. */
    private boolean icebergs;
    private int size;

    /**
     * @param capacity commands to preallocate for.
     */
    public CommandBatch(final int capacity)
    {
        final int length = Math.max(capacity, 16);
        type = new byte[length];
        orderId = new long[length];
        accountId = new long[length];
        instrumentId = new int[length];
        side = new byte[length];
        orderType = new byte[length];
        price = new long[length];
        quantity = new long[length];
        stopPrice = new long[length];
        timeToLiveNs = new long[length];
        displayQuantity = new long[length];
        timestampNs = new long[length];
    }

    /** @return how many commands the batch holds. */
    public int size()
    {
        return size;
    }

    /** Forgets every command, keeping the arrays. */
    public void clear()
    {
        size = 0;
        timed = false;
        icebergs = false;
    }

    /**
     * Appends a new order.
     *
     * @param orderId      id.
     * @param accountId    account.
     * @param instrumentId instrument.
     * @param sideCode     {@link dev.hotpath.engine.api.Side#code()}.
     * @param typeCode     {@link dev.hotpath.engine.api.OrderType#code()}.
     * @param price        limit price (0 for market orders).
     * @param quantity     quantity.
     */
    public void place(
        final long orderId,
        final long accountId,
        final int instrumentId,
        final byte sideCode,
        final byte typeCode,
        final long price,
        final long quantity)
    {
        append(PLACE, orderId, accountId, instrumentId, sideCode, typeCode, price, quantity);
    }

    /**
     * Appends a new order with a stop price or a time to live.
     *
     * @param orderId      id.
     * @param accountId    account.
     * @param instrumentId instrument.
     * @param sideCode     {@link dev.hotpath.engine.api.Side#code()}.
     * @param typeCode     {@link dev.hotpath.engine.api.OrderType#code()}.
     * @param price        limit price (0 for market and stop orders).
     * @param quantity     quantity.
     * @param stop         a stop's stop price, or 0.
     * @param timeToLiveNs how long after it is sent the order expires, or 0 (good till cancelled).
     */
    public void place(
        final long orderId,
        final long accountId,
        final int instrumentId,
        final byte sideCode,
        final byte typeCode,
        final long price,
        final long quantity,
        final long stop,
        final long timeToLiveNs)
    {
        place(orderId, accountId, instrumentId, sideCode, typeCode, price, quantity, stop, timeToLiveNs, 0);
    }

    /**
     * Appends a new order with every field.
     *
     * @param orderId         id.
     * @param accountId       account.
     * @param instrumentId    instrument.
     * @param sideCode        {@link dev.hotpath.engine.api.Side#code()}.
     * @param typeCode        {@link dev.hotpath.engine.api.OrderType#code()}.
     * @param price           limit price (0 for market and stop orders).
     * @param quantity        quantity.
     * @param stop            a stop's stop price, or 0.
     * @param timeToLiveNs    how long after it is sent the order expires, or 0 (good till cancelled).
     * @param displayQuantity an iceberg's display quantity, or 0.
     */
    public void place(
        final long orderId,
        final long accountId,
        final int instrumentId,
        final byte sideCode,
        final byte typeCode,
        final long price,
        final long quantity,
        final long stop,
        final long timeToLiveNs,
        final long displayQuantity)
    {
        append(PLACE, orderId, accountId, instrumentId, sideCode, typeCode, price, quantity);
        stopPrice[size - 1] = stop;
        this.timeToLiveNs[size - 1] = timeToLiveNs;
        this.displayQuantity[size - 1] = displayQuantity;
        icebergs |= displayQuantity != 0;
    }

    /**
     * Gives the last appended command a time: {@link #apply} then moves the engine's time to it first, and an
     * order's time to live counts from it.
     *
     * @param timeNs the flow's time, above 0.
     */
    public void stampLast(final long timeNs)
    {
        timestampNs[size - 1] = timeNs;
        timed = true;
    }

    /**
     * Appends a mass cancel.
     *
     * @param accountId    the account.
     * @param instrumentId one instrument, or {@link Command#ALL_INSTRUMENTS}.
     * @param sideCode     one side's code, or {@link Command#BOTH_SIDES}.
     */
    public void massCancel(final long accountId, final int instrumentId, final byte sideCode)
    {
        append(MASS_CANCEL, 0, accountId, instrumentId, sideCode, (byte)0, 0, 0);
    }

    /**
     * Appends a cancel.
     *
     * @param orderId   the order.
     * @param accountId the account asking.
     */
    public void cancel(final long orderId, final long accountId)
    {
        append(CANCEL, orderId, accountId, -1, (byte)0, (byte)0, 0, 0);
    }

    /**
     * Appends an amend.
     *
     * @param orderId     the order.
     * @param accountId   the account asking.
     * @param newPrice    new price.
     * @param newQuantity new open quantity.
     */
    public void amend(final long orderId, final long accountId, final long newPrice, final long newQuantity)
    {
        append(AMEND, orderId, accountId, -1, (byte)0, (byte)0, newPrice, newQuantity);
    }

    /**
     * Appends command {@code index} of another batch.
     *
     * @param from  the source batch.
     * @param index the command in it.
     */
    public void append(final CommandBatch from, final int index)
    {
        append(from.type[index], from.orderId[index], from.accountId[index], from.instrumentId[index],
            from.side[index], from.orderType[index], from.price[index], from.quantity[index]);
        stopPrice[size - 1] = from.stopPrice[index];
        timeToLiveNs[size - 1] = from.timeToLiveNs[index];
        displayQuantity[size - 1] = from.displayQuantity[index];
        timestampNs[size - 1] = from.timestampNs[index];
        timed |= from.timestampNs[index] != 0;
        icebergs |= from.displayQuantity[index] != 0;
    }

    /**
     * Sends command {@code index} to an engine. Allocates nothing.
     *
     * @param index  which command.
     * @param engine the engine.
     * @param sink   receives its events.
     */
    public void apply(final int index, final MatchingEngine engine, final EventSink sink)
    {
        if (timed || icebergs)
        {
            applyTimed(index, engine, sink); // the full path, for flows that use these columns
            return;
        }
        final byte t = type[index];
        if (t == AMEND)
        {
            engine.amend(orderId[index], accountId[index], price[index], quantity[index], sink);
        }
        else if (t == PLACE)
        {
            engine.place(orderId[index], accountId[index], instrumentId[index], side[index], orderType[index],
                price[index], quantity[index], stopPrice[index], 0, sink); // no time: no expiry
        }
        else if (t == MASS_CANCEL)
        {
            engine.massCancel(accountId[index], instrumentId[index], side[index], sink);
        }
        else
        {
            engine.cancel(orderId[index], accountId[index], sink);
        }
    }

    /**
     * A command of a flow with times or icebergs (W4): the engine's time moves to the command's first (orders come
     * due), a time to live counts from it, and the display quantity goes with the order. Kept apart from
     * {@link #apply} so that W1's path stays as it was: with this in it, W1's JMH replay ran about a fifth slower,
     * and one dispatch taking the time and display quantity as arguments (zeros for W1, for the JIT to fold) ran
     * W1 16% slower than this pair, measured back to back (5 runs each).
     */
    private void applyTimed(final int index, final MatchingEngine engine, final EventSink sink)
    {
        final long now = timestampNs[index];
        if (now != 0)
        {
            engine.advanceTime(now, sink);
        }
        final byte t = type[index];
        if (t == PLACE)
        {
            engine.place(orderId[index], accountId[index], instrumentId[index], side[index], orderType[index],
                price[index], quantity[index], stopPrice[index],
                now == 0 || timeToLiveNs[index] == 0 ? 0 : now + timeToLiveNs[index], displayQuantity[index], sink);
        }
        else if (t == AMEND)
        {
            engine.amend(orderId[index], accountId[index], price[index], quantity[index], sink);
        }
        else if (t == MASS_CANCEL)
        {
            engine.massCancel(accountId[index], instrumentId[index], side[index], sink);
        }
        else
        {
            engine.cancel(orderId[index], accountId[index], sink);
        }
    }

    /**
     * Sends commands {@code [from, to)} to an engine, in order. Allocates nothing.
     *
     * @param from   first command.
     * @param to     one past the last.
     * @param engine the engine.
     * @param sink   receives the events.
     */
    public void apply(final int from, final int to, final MatchingEngine engine, final EventSink sink)
    {
        for (int i = from; i < to; i++)
        {
            apply(i, engine, sink);
        }
    }

    /**
     * Sends every command to an engine, in order. Allocates nothing.
     *
     * @param engine the engine.
     * @param sink   receives the events.
     */
    public void applyAll(final MatchingEngine engine, final EventSink sink)
    {
        apply(0, size, engine, sink);
    }

    /**
     * Copies command {@code index} into a command slot (e.g. of the pipeline's ring); leaves its sequence
     * and timestamp alone, and reads the timestamp to turn a time to live into the command's expiry: stamp the
     * slot first.
     *
     * @param index which command.
     * @param out   the slot.
     */
    public void copyTo(final int index, final Command out)
    {
        out.type = type[index];
        out.orderId = orderId[index];
        out.accountId = accountId[index];
        out.instrumentId = instrumentId[index];
        out.side = side[index];
        out.orderType = orderType[index];
        out.price = price[index];
        out.quantity = quantity[index];
        out.stopPrice = stopPrice[index];
        out.expiresAtNs = timeToLiveNs[index] == 0 ? 0 : out.timestampNs + timeToLiveNs[index];
        out.displayQuantity = displayQuantity[index];
    }

    /**
     * @param index which command.
     * @return a new order's display quantity (0: not an iceberg).
     */
    public long displayQuantity(final int index)
    {
        return displayQuantity[index];
    }

    /**
     * @param index which command.
     * @return the command's time in a timed flow (0: none).
     */
    public long timestampNs(final int index)
    {
        return timestampNs[index];
    }

    /**
     * @param index which command.
     * @return a new order's stop price (0: none).
     */
    public long stopPrice(final int index)
    {
        return stopPrice[index];
    }

    /**
     * @param index which command.
     * @return how long after it is sent a new order expires (0: good till cancelled).
     */
    public long timeToLiveNs(final int index)
    {
        return timeToLiveNs[index];
    }

    /**
     * @param index which command.
     * @return its {@link CommandType#code()}.
     */
    public byte type(final int index)
    {
        return type[index];
    }

    /**
     * @param index which command.
     * @return its order id.
     */
    public long orderId(final int index)
    {
        return orderId[index];
    }

    /**
     * @param index which command.
     * @return its account id.
     */
    public long accountId(final int index)
    {
        return accountId[index];
    }

    /**
     * @param index which command.
     * @return its instrument id ({@code -1} for cancels and amends).
     */
    public int instrumentId(final int index)
    {
        return instrumentId[index];
    }

    /**
     * @param index which command.
     * @return its side code (0 for cancels and amends).
     */
    public byte side(final int index)
    {
        return side[index];
    }

    /**
     * @param index which command.
     * @return its order type code (0 for cancels and amends).
     */
    public byte orderType(final int index)
    {
        return orderType[index];
    }

    /**
     * @param index which command.
     * @return its price (0 for cancels and market orders).
     */
    public long price(final int index)
    {
        return price[index];
    }

    /**
     * @param index which command.
     * @return its quantity (0 for cancels).
     */
    public long quantity(final int index)
    {
        return quantity[index];
    }

    /**
     * @param other another batch.
     * @return true when both hold the same commands in the same order.
     */
    public boolean sameCommandsAs(final CommandBatch other)
    {
        final int n = size;
        return n == other.size &&
            Arrays.equals(type, 0, n, other.type, 0, n) &&
            Arrays.equals(orderId, 0, n, other.orderId, 0, n) &&
            Arrays.equals(accountId, 0, n, other.accountId, 0, n) &&
            Arrays.equals(instrumentId, 0, n, other.instrumentId, 0, n) &&
            Arrays.equals(side, 0, n, other.side, 0, n) &&
            Arrays.equals(orderType, 0, n, other.orderType, 0, n) &&
            Arrays.equals(price, 0, n, other.price, 0, n) &&
            Arrays.equals(quantity, 0, n, other.quantity, 0, n) &&
            Arrays.equals(stopPrice, 0, n, other.stopPrice, 0, n) &&
            Arrays.equals(timeToLiveNs, 0, n, other.timeToLiveNs, 0, n) &&
            Arrays.equals(displayQuantity, 0, n, other.displayQuantity, 0, n) &&
            Arrays.equals(timestampNs, 0, n, other.timestampNs, 0, n);
    }

    /** @return a 64-bit digest of the commands, to compare runs and pin a seed's output in tests. */
    public long digest()
    {
        long h = 0x84222325CBF29CE4L;
        for (int i = 0; i < size; i++)
        {
            h = mix(h, type[i]);
            h = mix(h, orderId[i]);
            h = mix(h, accountId[i]);
            h = mix(h, instrumentId[i]);
            h = mix(h, side[i]);
            h = mix(h, orderType[i]);
            h = mix(h, price[i]);
            h = mix(h, quantity[i]);
            if (stopPrice[i] != 0 || timeToLiveNs[i] != 0)
            {
                h = mix(mix(h, stopPrice[i]), timeToLiveNs[i]); // only then: older flows keep their digests
            }
            if (displayQuantity[i] != 0 || timestampNs[i] != 0)
            {
                h = mix(mix(h, displayQuantity[i]), timestampNs[i]);
            }
        }
        return h;
    }

    private static long mix(final long h, final long v)
    {
        return (h ^ v) * 0x100000001B3L + (h >>> 29);
    }

    private void append(
        final byte t,
        final long id,
        final long account,
        final int instrument,
        final byte sideCode,
        final byte typeCode,
        final long px,
        final long qty)
    {
        if (size == type.length)
        {
            grow();
        }
        final int i = size++;
        type[i] = t;
        orderId[i] = id;
        accountId[i] = account;
        instrumentId[i] = instrument;
        side[i] = sideCode;
        orderType[i] = typeCode;
        price[i] = px;
        quantity[i] = qty;
        stopPrice[i] = 0;
        timeToLiveNs[i] = 0;
        displayQuantity[i] = 0;
        timestampNs[i] = 0;
    }

    private void grow()
    {
        final int length = type.length * 2;
        type = Arrays.copyOf(type, length);
        orderId = Arrays.copyOf(orderId, length);
        accountId = Arrays.copyOf(accountId, length);
        instrumentId = Arrays.copyOf(instrumentId, length);
        side = Arrays.copyOf(side, length);
        orderType = Arrays.copyOf(orderType, length);
        price = Arrays.copyOf(price, length);
        quantity = Arrays.copyOf(quantity, length);
        stopPrice = Arrays.copyOf(stopPrice, length);
        timeToLiveNs = Arrays.copyOf(timeToLiveNs, length);
        displayQuantity = Arrays.copyOf(displayQuantity, length);
        timestampNs = Arrays.copyOf(timestampNs, length);
    }
}
