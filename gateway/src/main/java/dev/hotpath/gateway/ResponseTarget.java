package dev.hotpath.gateway;

import dev.hotpath.gateway.api.OrderResponse;

/**
 * Where the outcome of one command goes: a unary call, or the OrderStream it came on.
 *
 * <p>Called once, on the dispatcher thread (or on the gRPC thread for answers the gateway gives itself).
 */
@FunctionalInterface
public interface ResponseTarget
{
    /**
     * @param response the command's outcome.
     */
    void respond(OrderResponse response);
}
