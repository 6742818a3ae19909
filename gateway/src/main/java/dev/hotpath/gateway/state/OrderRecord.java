package dev.hotpath.gateway.state;

import dev.hotpath.gateway.in.OrderSession;


/**
 * What the gateway remembers of one open order: whose it is, its client id, its instrument, and the
 * OrderStream that placed it (where its later reports go).
 *
 * <p>Immutable; created and removed by the responder thread, read by the transport threads.
 *
 * @param accountId     the owner.
 * @param clientOrderId the client's id ({@code null} for orders recovered from the journal).
 * @param instrumentId  the instrument.
 * @param session       the stream that placed it, or {@code null}.
 */
public record OrderRecord(long accountId, String clientOrderId, int instrumentId,
    OrderSession session)
{
}
