package dev.hotpath.gateway.guard;

import io.grpc.ForwardingServerCall;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.Status;

/**
 * A call that two parties may end: the service, and a {@link MalformedRequestGuard} that ends it on the
 * service's behalf when the client sent bytes that are no message. The first close wins; headers, messages and
 * closes that come after it are dropped, where a bare {@link ServerCall} would throw "call already closed".
 *
 * <p>Thread-safe: its methods are serialized by its own lock, so the guard (on a gRPC thread) may end the call
 * while the service writes to it from another thread (the responder's).
 *
 * @param <Q> the request type.
 * @param <R> the response type.
 */
final class CloseOnceServerCall<Q, R> extends ForwardingServerCall.SimpleForwardingServerCall<Q, R>
{
    private boolean closed;

    /**
     * @param delegate the call gRPC made.
     */
    CloseOnceServerCall(final ServerCall<Q, R> delegate)
    {
        super(delegate);
    }

    @Override
    public synchronized void sendHeaders(final Metadata headers)
    {
        if (!closed)
        {
            super.sendHeaders(headers);
        }
    }

    @Override
    public synchronized void sendMessage(final R message)
    {
        if (!closed)
        {
            super.sendMessage(message);
        }
    }

    @Override
    public synchronized void request(final int numMessages)
    {
        if (!closed)
        {
            super.request(numMessages);
        }
    }

    @Override
    public synchronized boolean isReady()
    {
        return !closed && super.isReady();
    }

    @Override
    public synchronized void close(final Status status, final Metadata trailers)
    {
        closeIfOpen(status, trailers);
    }

    /**
     * Ends the call unless it has ended already.
     *
     * @param status   the status.
     * @param trailers the trailers.
     * @return true if this ended it.
     */
    synchronized boolean closeIfOpen(final Status status, final Metadata trailers)
    {
        if (closed)
        {
            return false;
        }
        closed = true;
        super.close(status, trailers);
        return true;
    }
}
