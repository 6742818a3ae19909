package dev.hotpath.gateway.in;

import dev.hotpath.gateway.api.OrderResponse;
import dev.hotpath.gateway.mapping.Errors;
import dev.hotpath.gateway.mapping.GatewayRefusal;

/**
 * Where the outcome of one command goes: a unary call, or the OrderStream it came on.
 *
 * <p>Called once: on the responder thread, or on the transport thread for answers the gateway gives itself.
 */
@FunctionalInterface
public interface ResponseTarget
{
    /**
     * @param response the command's outcome.
     */
    void respond(OrderResponse response);

    /**
     * Answers with a refusal instead of an outcome (e.g. the engine stopped before acknowledging the command). A
     * stream gets an {@link OrderResponse} carrying the error; a unary call overrides this to end with the status.
     *
     * @param refusal       the status to answer with.
     * @param orderId       the command's order, for the answer (0 when none).
     * @param clientOrderId the command's client order id, or {@code null}.
     */
    default void fail(final GatewayRefusal refusal, final long orderId, final String clientOrderId)
    {
        final OrderResponse.Builder b = OrderResponse.newBuilder().setAccepted(false).setOrderId(orderId)
            .setError(Errors.toError(refusal));
        if (clientOrderId != null)
        {
            b.setClientOrderId(clientOrderId);
        }
        respond(b.build());
    }
}
