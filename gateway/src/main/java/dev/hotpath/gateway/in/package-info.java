/**
 * The way in: the OrderEntry RPCs ({@link dev.hotpath.gateway.in.OrderEntryService}) hand each request to the
 * {@link dev.hotpath.gateway.in.OrderGateway}, which checks it (rate limit, fields, grid, client order id), turns
 * it into an engine command and publishes it into the engine's ring without waiting; the waiting call rides the
 * ring slot as its attachment, a {@link dev.hotpath.gateway.in.PendingCommand} naming the
 * {@link dev.hotpath.gateway.in.ResponseTarget} its outcome goes to. An OrderStream is an
 * {@link dev.hotpath.gateway.in.OrderSession}: it may send batches of commands, and reads them only as fast as it
 * answers them ({@link dev.hotpath.gateway.in.InboundCredit}). A {@link dev.hotpath.gateway.in.ClientOrder} is
 * what a client order id names.
 *
 * <p>Threads: everything here runs on the transport thread that read the request (a Netty event loop); publishing
 * never blocks (a full ring answers RESOURCE_EXHAUSTED at once), so nothing is handed to another thread per
 * message. Admin commands come through the same {@code OrderGateway} on a virtual thread. The responder
 * ({@link dev.hotpath.gateway.out}) calls back into an {@code OrderSession} to answer and report, and alone
 * touches the batch of answers it is collecting; an {@code InboundCredit} is shared by both sides under its own
 * lock.
 */
package dev.hotpath.gateway.in;
