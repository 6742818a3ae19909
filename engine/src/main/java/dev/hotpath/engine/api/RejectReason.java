package dev.hotpath.engine.api;

/**
 * Why a command was rejected. Every reject carries one of these: a stable numeric code for programs
 * and a message for people. A rejected command changes no state.
 *
 * <p>Immutable; any thread.
 */
public enum RejectReason
{
    UNKNOWN_INSTRUMENT(1, "no instrument with this id"),
    INVALID_QUANTITY(2, "quantity must be greater than zero"),
    INVALID_PRICE(3, "price must be greater than zero"),
    PRICE_OFF_TICK(4, "price is not a multiple of the instrument's tick size"),
    QUANTITY_OFF_LOT(5, "quantity is not a multiple of the instrument's lot size"),
    DUPLICATE_ORDER_ID(6, "an order with this id already exists"),
    UNKNOWN_ORDER(7, "no open order with this id"),
    NOT_ORDER_OWNER(8, "the order belongs to another account"),
    NUMERIC_OVERFLOW(9, "price times quantity does not fit in 64 bits"),
    INVALID_SIDE(10, "side must be BUY or SELL"),
    INVALID_ORDER_TYPE(11, "order type must be LIMIT, MARKET, IOC, FOK, POST_ONLY, STOP or STOP_LIMIT"),
    POST_ONLY_WOULD_CROSS(12, "post-only order would trade on arrival"),
    INVALID_ORDER_ID(13, "order id must be greater than zero"),
    UNKNOWN_COMMAND(14, "unknown command type"),
    ORDER_LIMIT_REACHED(15, "the engine holds as many open orders as it was sized for"),
    INVALID_LIMITS(16, "risk limits must all be greater than zero"),
    INVALID_EXPIRY(17, "expiry must be after the engine's time, and only on orders that wait (LIMIT, POST_ONLY, " +
        "STOP, STOP_LIMIT)"),
    INVALID_STOP_PRICE(18, "stop price must be greater than zero and on the tick for STOP and STOP_LIMIT orders, " +
        "and zero for the others"),
    INVALID_DISPLAY_QUANTITY(19, "an iceberg's display quantity must be a whole number of lots, above zero and " +
        "below the order's quantity, and only on LIMIT and POST_ONLY orders"),

    RISK_KILL_SWITCH(101, "the account's kill switch is on: new orders are rejected"),
    RISK_MAX_ORDER_QUANTITY(102, "order quantity above the account's limit"),
    RISK_MAX_ORDER_NOTIONAL(103, "order notional (price x quantity) above the account's limit"),
    RISK_MAX_OPEN_ORDERS(104, "the account already has its maximum number of open orders"),
    RISK_POSITION_LIMIT(105, "if filled, the order could take the account's position beyond its limit");

    private static final RejectReason[] BY_CODE = new RejectReason[128];

    static
    {
        for (final RejectReason reason : values())
        {
            BY_CODE[reason.code] = reason;
        }
    }

    private final int code;
    private final String message;

    RejectReason(final int code, final String message)
    {
        this.code = code;
        this.message = message;
    }

    /** @return the stable numeric code, as sent in events and over the API. */
    public int code()
    {
        return code;
    }

    /** @return a human-readable explanation. */
    public String message()
    {
        return message;
    }

    /**
     * @param code a numeric code from {@link #code()}.
     * @return the reason, or {@code null} when no reason has that code.
     */
    public static RejectReason fromCode(final int code)
    {
        return code >= 0 && code < BY_CODE.length ? BY_CODE[code] : null;
    }
}
