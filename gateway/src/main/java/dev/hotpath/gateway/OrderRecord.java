package dev.hotpath.gateway;

import dev.hotpath.gateway.api.OrderStreamResponse;

/**
 * What the gateway remembers of one open order: whose it is, its client id, its instrument, and the
 * OrderStream that placed it (where its later reports go).
 *
 * <p>Immutable; created and removed by the dispatcher thread, read by gRPC threads.
 *
 * @param accountId     the owner.
 * @param clientOrderId the client's id ({@code null} for orders recovered from the journal).
 * @param instrumentId  the instrument.
 * @param session       the stream that placed it, or {@code null}.
 */
public record OrderRecord(long accountId, String clientOrderId, int instrumentId,
    Outbound<OrderStreamResponse> session)
{
}
