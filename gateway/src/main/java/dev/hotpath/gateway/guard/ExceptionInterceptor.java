package dev.hotpath.gateway.guard;

import io.grpc.ForwardingServerCallListener;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The catch-all: an exception a handler did not turn into a status is logged with its stack trace and answered
 * with INTERNAL "internal error" — the client never sees a stack trace or an exception message.
 *
 * <p>Thread-safe; any gRPC thread.
 */
public final class ExceptionInterceptor implements ServerInterceptor
{
    private static final Logger LOG = LoggerFactory.getLogger(ExceptionInterceptor.class);

    @Override
    public <Q, R> ServerCall.Listener<Q> interceptCall(final ServerCall<Q, R> call, final Metadata headers,
        final ServerCallHandler<Q, R> next)
    {
        final ServerCall.Listener<Q> delegate;
        try
        {
            delegate = next.startCall(call, headers);
        }
        catch (final RuntimeException ex)
        {
            fail(call, ex);
            return new ServerCall.Listener<>()
            {
            };
        }
        return new ForwardingServerCallListener.SimpleForwardingServerCallListener<>(delegate)
        {
            @Override
            public void onMessage(final Q message)
            {
                try
                {
                    super.onMessage(message);
                }
                catch (final RuntimeException ex)
                {
                    fail(call, ex);
                }
            }

            @Override
            public void onHalfClose()
            {
                try
                {
                    super.onHalfClose();
                }
                catch (final RuntimeException ex)
                {
                    fail(call, ex);
                }
            }

            @Override
            public void onReady()
            {
                try
                {
                    super.onReady();
                }
                catch (final RuntimeException ex)
                {
                    fail(call, ex);
                }
            }
        };
    }

    private static void fail(final ServerCall<?, ?> call, final RuntimeException ex)
    {
        LOG.error("{} failed", call.getMethodDescriptor().getFullMethodName(), ex);
        try
        {
            call.close(Status.INTERNAL.withDescription("internal error"), new Metadata());
        }
        catch (final RuntimeException closed)
        {
            // already closed: nothing more to say
        }
    }
}
