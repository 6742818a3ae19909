package dev.hotpath.engine.api;

/**
 * One input command as plain mutable fields: the content of a ring slot, of an input journal record, and of
 * a replayed command. A struct, not an object with behaviour: slots are created once and overwritten for
 * every command, so nothing is allocated per command.
 *
 * <p>Whoever holds the slot owns it: the producer while it fills it, then the pipeline's stages in order.
 */
public class Command
{
    /** Engine command sequence, from 1, without gaps: the position in the input journal. */
    public long sequence;
    /**
     * When the sender issued the command: nanoseconds since the Unix epoch, with nanosecond resolution, from
     * {@link CommandClock#nowNs()} (every producer stamps with it: never {@code System.nanoTime()}, which counts
     * from an arbitrary origin, nor whole milliseconds). Journaled with the command and copied into the event
     * journal's frame header. The matcher never reads a clock.
     */
    public long timestampNs;
    /** {@link CommandType#code()}. */
    public byte type;
    /** The order the command is about (0 for kill switches; the max position for {@link CommandType#SET_LIMITS}). */
    public long orderId;
    /** The account that sent it. */
    public long accountId;
    /** The instrument (new orders only; the max open orders for {@link CommandType#SET_LIMITS}). */
    public int instrumentId;
    /** {@link Side#code()} (new orders only). */
    public byte side;
    /** {@link OrderType#code()} (new orders only). */
    public byte orderType;
    /** Limit price, or the new price of an amend. */
    public long price;
    /** Quantity, or the new open quantity of an amend. */
    public long quantity;
    /**
     * A new order's stop price: {@code 0} for an order that is not a stop (see {@link OrderType#STOP} and
     * {@link OrderType#STOP_LIMIT}).
     */
    public long stopPrice;
    /**
     * When a new resting order expires, in the commands' time (epoch nanoseconds): {@code 0} for good till
     * cancelled. The engine expires it when a command's timestamp reaches it (see {@link CommandType#TIME}).
     */
    public long expiresAtNs;
    /**
     * A new order's display quantity: an iceberg shows at most this much of its quantity at a time, the rest
     * hidden; {@code 0} for an order that shows everything.
     */
    public long displayQuantity;
    /**
     * The client's own id of a new order, printable ASCII, in the first {@link #clientOrderIdLength} bytes; the
     * engine only carries it (into the input journal and the order's event frame) so that it is as durable as
     * the order. Allocated once with the command; never reallocated.
     */
    public final byte[] clientOrderId = new byte[MAX_CLIENT_ORDER_ID_LENGTH];
    /** Bytes of {@link #clientOrderId} in use (0: none). */
    public int clientOrderIdLength;

    /** Longest client order id a command carries, in bytes. */
    public static final int MAX_CLIENT_ORDER_ID_LENGTH = 64;

    /**
     * Copies every field of another command.
     *
     * @param other the source.
     */
    public void copyFrom(final Command other)
    {
        sequence = other.sequence;
        timestampNs = other.timestampNs;
        type = other.type;
        orderId = other.orderId;
        accountId = other.accountId;
        instrumentId = other.instrumentId;
        side = other.side;
        orderType = other.orderType;
        price = other.price;
        quantity = other.quantity;
        stopPrice = other.stopPrice;
        expiresAtNs = other.expiresAtNs;
        displayQuantity = other.displayQuantity;
        clientOrderIdLength = other.clientOrderIdLength;
        if (clientOrderIdLength > 0)
        {
            System.arraycopy(other.clientOrderId, 0, clientOrderId, 0, clientOrderIdLength);
        }
    }

    /**
     * Sets the client order id of a new order (after {@link #place}, which clears it).
     *
     * @param id printable ASCII, at most {@link #MAX_CLIENT_ORDER_ID_LENGTH} characters.
     * @return this.
     * @throws IllegalArgumentException when it is longer or not ASCII (the gateway validates before this).
     */
    public Command clientOrderId(final CharSequence id)
    {
        final int length = id.length();
        if (length > MAX_CLIENT_ORDER_ID_LENGTH)
        {
            throw new IllegalArgumentException("client order id longer than " + MAX_CLIENT_ORDER_ID_LENGTH);
        }
        for (int i = 0; i < length; i++)
        {
            final char c = id.charAt(i);
            if (c > 0x7e || c < 0x20)
            {
                throw new IllegalArgumentException("client order id is not printable ASCII");
            }
            clientOrderId[i] = (byte)c;
        }
        clientOrderIdLength = length;
        return this;
    }

    /** @return the client order id as a string, or {@code null} when none (allocates: not for the hot path). */
    public String clientOrderIdString()
    {
        return clientOrderIdLength == 0 ? null :
            new String(clientOrderId, 0, clientOrderIdLength, java.nio.charset.StandardCharsets.US_ASCII);
    }

    /**
     * Fills in a new-order command.
     *
     * @param timestampNs  when it was sent, epoch nanoseconds ({@link CommandClock#nowNs()}).
     * @param orderId      the order id.
     * @param accountId    the account.
     * @param instrumentId the instrument.
     * @param side         side code.
     * @param orderType    type code.
     * @param price        limit price.
     * @param quantity     quantity.
     * @return this.
     */
    public Command place(
        final long timestampNs,
        final long orderId,
        final long accountId,
        final int instrumentId,
        final byte side,
        final byte orderType,
        final long price,
        final long quantity)
    {
        set(CommandType.PLACE.code(), timestampNs, orderId, accountId);
        this.instrumentId = instrumentId;
        this.side = side;
        this.orderType = orderType;
        this.price = price;
        this.quantity = quantity;
        return this;
    }

    /**
     * Sets a new order's expiry (after {@link #place}, which clears it): good till that time.
     *
     * @param expiresAt epoch nanoseconds in the commands' time; {@code 0}: good till cancelled.
     * @return this.
     */
    public Command expiresAt(final long expiresAt)
    {
        this.expiresAtNs = expiresAt;
        return this;
    }

    /**
     * Sets a new order's stop price (after {@link #place}, which clears it): for {@link OrderType#STOP} and
     * {@link OrderType#STOP_LIMIT} orders.
     *
     * @param price the stop price, in price units.
     * @return this.
     */
    public Command stopPrice(final long price)
    {
        this.stopPrice = price;
        return this;
    }

    /**
     * Makes a new order an iceberg (after {@link #place}, which clears it): it shows at most this much at a time.
     *
     * @param quantity the display quantity, in quantity units; {@code 0}: show everything.
     * @return this.
     */
    public Command displayQuantity(final long quantity)
    {
        this.displayQuantity = quantity;
        return this;
    }

    /**
     * Fills in a time command: it carries only its timestamp, which moves the engine's time on (orders whose
     * expiry it reaches expire). The gateway sends one on a timer, so that expiries happen without other traffic.
     *
     * @param timestampNs the time, epoch nanoseconds.
     * @return this.
     */
    public Command time(final long timestampNs)
    {
        set(CommandType.TIME.code(), timestampNs, 0, 0);
        return this;
    }

    /**
     * Fills in a cancel command.
     *
     * @param timestampNs when it was sent, epoch nanoseconds ({@link CommandClock#nowNs()}).
     * @param orderId     the order to cancel.
     * @param accountId   the account.
     * @return this.
     */
    public Command cancel(final long timestampNs, final long orderId, final long accountId)
    {
        set(CommandType.CANCEL.code(), timestampNs, orderId, accountId);
        return this;
    }

    /**
     * Fills in an amend command.
     *
     * @param timestampNs when it was sent, epoch nanoseconds ({@link CommandClock#nowNs()}).
     * @param orderId     the order to amend.
     * @param accountId   the account.
     * @param newPrice    its new price.
     * @param newQuantity its new open quantity.
     * @return this.
     */
    public Command amend(
        final long timestampNs, final long orderId, final long accountId, final long newPrice, final long newQuantity)
    {
        set(CommandType.AMEND.code(), timestampNs, orderId, accountId);
        this.price = newPrice;
        this.quantity = newQuantity;
        return this;
    }

    /**
     * Fills in a kill-switch command.
     *
     * @param timestampNs when it was sent, epoch nanoseconds ({@link CommandClock#nowNs()}).
     * @param accountId   the account.
     * @param on          true to turn it on (cancel all, refuse new orders), false to turn it off.
     * @return this.
     */
    public Command killSwitch(final long timestampNs, final long accountId, final boolean on)
    {
        set((on ? CommandType.KILL_SWITCH_ON : CommandType.KILL_SWITCH_OFF).code(), timestampNs, 0, accountId);
        return this;
    }

    /**
     * Fills in a mass cancel: every open order of the account, or those of one instrument, of one side or both.
     *
     * @param timestampNs  when it was sent.
     * @param accountId    the account.
     * @param instrumentId one instrument, or {@link #ALL_INSTRUMENTS}.
     * @param sideCode     one side's {@link dev.hotpath.engine.api.Side#code()}, or {@link #BOTH_SIDES}.
     * @return this.
     */
    public Command massCancel(final long timestampNs, final long accountId, final int instrumentId,
        final byte sideCode)
    {
        set(CommandType.MASS_CANCEL.code(), timestampNs, 0, accountId);
        this.instrumentId = instrumentId;
        this.side = sideCode;
        return this;
    }

    /** The instrument id of a mass cancel over every instrument. */
    public static final int ALL_INSTRUMENTS = -1;
    /** The side code of a mass cancel over both sides. */
    public static final byte BOTH_SIDES = 0;

    /**
     * Fills in a set-limits command: the account's new risk limits, carried in the fixed fields
     * ({@link #quantity} = max order quantity, {@link #price} = max order notional, {@link #instrumentId} =
     * max open orders, {@link #orderId} = max position). The engine validates them, not this method.
     *
     * @param timestampNs      when it was sent.
     * @param accountId        the account whose limits change.
     * @param maxOrderQuantity largest quantity of one order, in quantity units.
     * @param maxOrderNotional largest price x quantity of one order, in price units x quantity units.
     * @param maxOpenOrders    most open orders at once.
     * @param maxPosition      largest absolute position per instrument, in quantity units.
     * @return this.
     */
    public Command setLimits(
        final long timestampNs,
        final long accountId,
        final long maxOrderQuantity,
        final long maxOrderNotional,
        final int maxOpenOrders,
        final long maxPosition)
    {
        set(CommandType.SET_LIMITS.code(), timestampNs, maxPosition, accountId);
        this.instrumentId = maxOpenOrders;
        this.price = maxOrderNotional;
        this.quantity = maxOrderQuantity;
        return this;
    }

    private void set(final byte type, final long timestampNs, final long orderId, final long accountId)
    {
        this.type = type;
        this.timestampNs = timestampNs;
        this.orderId = orderId;
        this.accountId = accountId;
        this.instrumentId = -1;
        this.side = 0;
        this.orderType = 0;
        this.price = 0;
        this.quantity = 0;
        this.stopPrice = 0;
        this.expiresAtNs = 0;
        this.displayQuantity = 0;
        this.clientOrderIdLength = 0;
    }

    @Override
    public String toString()
    {
        return "Command{seq=" + sequence + ", ts=" + timestampNs + ", type=" + (char)type + ", order=" + orderId +
            ", account=" + accountId + ", instrument=" + instrumentId + ", side=" + (char)side + ", orderType=" +
            (char)orderType + ", price=" + price + ", qty=" + quantity +
            (stopPrice != 0 ? ", stop=" + stopPrice : "") + (expiresAtNs != 0 ? ", expiresAt=" + expiresAtNs : "") +
            (displayQuantity != 0 ? ", display=" + displayQuantity : "") +
            (clientOrderIdLength > 0 ? ", clientOrderId=" + clientOrderIdString() : "") + '}';
    }
}
