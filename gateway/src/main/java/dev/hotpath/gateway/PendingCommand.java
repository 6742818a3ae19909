package dev.hotpath.gateway;

import dev.hotpath.gateway.api.OrderStreamResponse;

/**
 * A command published to the engine whose result has not come back yet.
 *
 * <p>Immutable; created on a gRPC thread, consumed on the dispatcher thread.
 *
 * @param accountId     the sender.
 * @param orderId       the engine order id the command is about.
 * @param clientOrderId the client's id for it ({@code null} when not known).
 * @param instrumentId  the instrument (-1 when not known).
 * @param receivedNs    when the gateway received the request, {@link System#nanoTime()}.
 * @param target        where the outcome goes.
 * @param session       the OrderStream the command came on, or {@code null} for a unary call.
 */
public record PendingCommand(
    long accountId,
    long orderId,
    String clientOrderId,
    int instrumentId,
    long receivedNs,
    ResponseTarget target,
    Outbound<OrderStreamResponse> session)
{
}
