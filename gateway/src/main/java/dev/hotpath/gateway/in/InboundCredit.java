package dev.hotpath.gateway.in;

import dev.hotpath.gateway.api.OrderStreamResponse;
import dev.hotpath.gateway.out.Outbound;
import io.grpc.Status;
import io.grpc.stub.ServerCallStreamObserver;

/**
 * Inbound flow control of one OrderStream. The stream reads the client's commands only as fast as it can answer
 * them: messages are requested from the transport in batches, and only while the commands requested but not yet
 * arrived, plus those arrived but not yet answered, plus those whose answers wait in the stream's queue for the
 * transport, stay under half the queue's capacity. A client that sends faster than the engine answers, or reads
 * its answers slowly, is thus held back by HTTP/2 flow control (its stream stops being ready) instead of being
 * dropped as a slow consumer or making the gateway buffer without bound.
 *
 * <p>A message may carry a batch of commands: a message not yet arrived counts as many commands as the largest
 * batch the stream has sent so far, so a batching client gets fewer, fuller messages requested, not more
 * commands in flight.
 *
 * <p>It also ends the stream after a half-close once every command sent before it has been answered.
 *
 * <p>Any thread (the transport's, the responder); one lock per stream, always taken before the
 * {@link Outbound}'s.
 */
final class InboundCredit
{
    private final Outbound<OrderStreamResponse> session;
    private final int limit;
    private int requested;
    private int unanswered;
    private int commandsPerMessage = 1;
    private boolean halfClosed;

    /**
     * Call while the RPC's handler method runs: it turns off gRPC's automatic request of one message at a time.
     *
     * @param call    the stream.
     * @param session its outbound side.
     */
    InboundCredit(final ServerCallStreamObserver<OrderStreamResponse> call, final Outbound<OrderStreamResponse> session)
    {
        this.session = session;
        this.limit = Math.max(1, session.capacity() / 2);
        call.disableAutoRequest();
        session.onSpace(this::maybeRequest);
        maybeRequest();
    }

    /**
     * A message arrived.
     *
     * @param commands the commands it carries.
     */
    synchronized void received(final int commands)
    {
        requested--;
        unanswered += commands;
        commandsPerMessage = Math.max(commandsPerMessage, commands);
    }

    /**
     * Commands were answered.
     *
     * @param commands how many.
     */
    void answered(final int commands)
    {
        final boolean finished;
        synchronized (this)
        {
            unanswered -= commands;
            finished = halfClosed && unanswered == 0;
        }
        if (finished)
        {
            session.finishWhenDrained(Status.OK);
        }
        else
        {
            maybeRequest();
        }
    }

    /** The client sent its last command: end the stream once everything is answered and sent. */
    void halfClosed()
    {
        final boolean finished;
        synchronized (this)
        {
            halfClosed = true;
            finished = unanswered == 0;
        }
        if (finished)
        {
            session.finishWhenDrained(Status.OK);
        }
    }

    /** Requests more messages when at least a quarter of the credit is free (or none is outstanding). */
    void maybeRequest()
    {
        final int more;
        synchronized (this)
        {
            if (halfClosed || session.isClosed())
            {
                return;
            }
            // the commands answered in the queued messages (a batched message carries an engine batch's answers)
            final int queued = (int)Math.min(limit, session.queuedWeight());
            final int free = limit - requested * commandsPerMessage - unanswered - queued;
            // with nothing outstanding, one message is always asked for: a batch larger than the credit still moves
            final boolean idle = requested == 0 && unanswered == 0 && queued < limit;
            if (!idle && (free < commandsPerMessage || (requested > 0 && free < limit / 4)))
            {
                return;
            }
            more = Math.max(1, free / commandsPerMessage);
            requested += more;
        }
        session.request(more);
    }
}
