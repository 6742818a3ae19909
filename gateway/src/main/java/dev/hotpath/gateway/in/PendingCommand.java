package dev.hotpath.gateway.in;


/**
 * A command published to the engine whose result has not come back yet.
 *
 * <p>Immutable; created on a transport thread, carried through the engine's ring and the result ring (the slots'
 * attachment), consumed on the responder thread.
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
    OrderSession session)
{
}
