package dev.hotpath.gateway.in;

/**
 * An open order as named by its client: the engine id and instrument behind a client order id.
 *
 * <p>Immutable; any thread.
 *
 * @param orderId      the engine order id.
 * @param instrumentId its instrument.
 */
public record ClientOrder(long orderId, int instrumentId)
{
}
