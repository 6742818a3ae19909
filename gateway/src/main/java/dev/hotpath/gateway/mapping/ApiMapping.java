package dev.hotpath.gateway.mapping;

import dev.hotpath.engine.api.DoneReason;
import dev.hotpath.engine.api.OrderType;
import dev.hotpath.engine.api.RejectReason;
import dev.hotpath.engine.api.Side;
import dev.hotpath.gateway.api.Reject;

/**
 * The one place that maps between the engine's enums and the gRPC API's: sides, order types, done reasons and
 * reject reasons, both ways where both are needed. A value the API cannot take in is an
 * {@link InvalidArgumentException} naming the field.
 *
 * <p>Stateless; any thread.
 */
public final class ApiMapping
{
    private static final Reject[] REJECTS = new Reject[RejectReason.values().length];

    static
    {
        for (final RejectReason reason : RejectReason.values())
        {
            REJECTS[reason.ordinal()] = Reject.newBuilder().setCode(reason.code()).setReason(reason.name())
                .setMessage(reason.message()).build();
        }
    }

    private ApiMapping()
    {
    }

    /**
     * @param reason an engine reason.
     * @return it as the API's reject (one immutable message per reason, built once).
     */
    public static Reject reject(final RejectReason reason)
    {
        return REJECTS[reason.ordinal()];
    }

    /**
     * @param side an engine side.
     * @return the API's.
     */
    public static dev.hotpath.gateway.api.Side toApi(final Side side)
    {
        return side == Side.BUY ? dev.hotpath.gateway.api.Side.BUY : dev.hotpath.gateway.api.Side.SELL;
    }

    /**
     * @param side the API's side.
     * @return the engine's.
     * @throws InvalidArgumentException when it is not BUY or SELL.
     */
    public static Side fromApi(final dev.hotpath.gateway.api.Side side)
    {
        switch (side)
        {
            case BUY:
                return Side.BUY;
            case SELL:
                return Side.SELL;
            default:
                throw new InvalidArgumentException("side", "must be BUY or SELL");
        }
    }

    /**
     * @param type an engine order type.
     * @return the API's.
     */
    public static dev.hotpath.gateway.api.OrderType toApi(final OrderType type)
    {
        switch (type)
        {
            case LIMIT:
                return dev.hotpath.gateway.api.OrderType.LIMIT;
            case MARKET:
                return dev.hotpath.gateway.api.OrderType.MARKET;
            case IOC:
                return dev.hotpath.gateway.api.OrderType.IOC;
            case FOK:
                return dev.hotpath.gateway.api.OrderType.FOK;
            case STOP:
                return dev.hotpath.gateway.api.OrderType.STOP;
            case STOP_LIMIT:
                return dev.hotpath.gateway.api.OrderType.STOP_LIMIT;
            default:
                return dev.hotpath.gateway.api.OrderType.POST_ONLY;
        }
    }

    /**
     * @param type the API's order type.
     * @return the engine's.
     * @throws InvalidArgumentException when it is not set.
     */
    public static OrderType fromApi(final dev.hotpath.gateway.api.OrderType type)
    {
        switch (type)
        {
            case LIMIT:
                return OrderType.LIMIT;
            case MARKET:
                return OrderType.MARKET;
            case IOC:
                return OrderType.IOC;
            case FOK:
                return OrderType.FOK;
            case POST_ONLY:
                return OrderType.POST_ONLY;
            case STOP:
                return OrderType.STOP;
            case STOP_LIMIT:
                return OrderType.STOP_LIMIT;
            default:
                throw new InvalidArgumentException("type", "must be LIMIT, MARKET, IOC, FOK, POST_ONLY, STOP or " +
                    "STOP_LIMIT");
        }
    }

    /**
     * @param reason an engine done reason.
     * @return the API's.
     */
    public static dev.hotpath.gateway.api.DoneReason toApi(final DoneReason reason)
    {
        switch (reason)
        {
            case FILLED:
                return dev.hotpath.gateway.api.DoneReason.FILLED;
            case CANCELLED:
                return dev.hotpath.gateway.api.DoneReason.CANCELLED;
            case EXPIRED:
                return dev.hotpath.gateway.api.DoneReason.EXPIRED;
            default:
                return dev.hotpath.gateway.api.DoneReason.SELF_TRADE_PREVENTED;
        }
    }
}
