package dev.hotpath.gateway.guard;

import com.google.protobuf.InvalidProtocolBufferException;
import dev.hotpath.gateway.GatewayMetrics;
import io.grpc.ForwardingServerCallListener;
import io.grpc.Grpc;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.ServerInterceptors;
import io.grpc.ServerServiceDefinition;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.InputStream;
import java.util.concurrent.TimeUnit;

/**
 * Answers a request whose bytes are no message of the method's request type (invalid UTF-8 in a string, garbage,
 * a truncated message) with INVALID_ARGUMENT and a one-sentence description, and logs one short line about it, at
 * most one every {@value #LOG_INTERVAL_SECONDS} seconds ({@link RateLimitedLog}). Left to itself gRPC answers
 * UNKNOWN "Application error processing RPC" and logs a stack trace per request, so any client could flood the
 * log.
 *
 * <p>gRPC parses a request before any interceptor sees it, and a parse error escapes the call's listener. So
 * {@link #guard} hands the service's methods the request bytes as they came
 * ({@link ServerInterceptors#useMarshalledMessages}): they are parsed inside this interceptor's listener, where the
 * error can be caught. On a parse error the call is closed first, then the service is told the call was cancelled,
 * so that it stops using the call and lets go of what it holds (an OrderStream's outbound queue); whatever the
 * service or the transport does with the call afterwards is dropped ({@link CloseOnceServerCall}).
 *
 * <p>Thread-safe; any gRPC thread. A listener's own state is touched only by the serialized callbacks of its call.
 */
public final class MalformedRequestGuard implements ServerInterceptor
{
    /** The least time between two log lines about malformed requests. */
    public static final int LOG_INTERVAL_SECONDS = 10;

    private static final Logger LOG = LoggerFactory.getLogger(MalformedRequestGuard.class);
    /** Passes a message's bytes through unparsed, both ways (no copy: the stream gRPC made is handed on). */
    private static final MethodDescriptor.Marshaller<InputStream> BYTES = new MethodDescriptor.Marshaller<>()
    {
        @Override
        public InputStream stream(final InputStream value)
        {
            return value;
        }

        @Override
        public InputStream parse(final InputStream stream)
        {
            return stream;
        }
    };

    private final GatewayMetrics metrics;
    private final RateLimitedLog log = new RateLimitedLog(LOG::warn, LOG_INTERVAL_SECONDS, TimeUnit.SECONDS,
        System::nanoTime);

    /**
     * @param metrics counts each malformed request as a gateway reject "malformed_request".
     */
    public MalformedRequestGuard(final GatewayMetrics metrics)
    {
        this.metrics = metrics;
    }

    /**
     * @param service a service, with its own interceptors.
     * @return the same service, whose requests are parsed under this guard.
     */
    public ServerServiceDefinition guard(final ServerServiceDefinition service)
    {
        return ServerInterceptors.intercept(ServerInterceptors.useMarshalledMessages(service, BYTES), this);
    }

    @Override
    public <Q, R> ServerCall.Listener<Q> interceptCall(final ServerCall<Q, R> call, final Metadata headers,
        final ServerCallHandler<Q, R> next)
    {
        final CloseOnceServerCall<Q, R> guarded = new CloseOnceServerCall<>(call);
        return new GuardedListener<>(guarded, next.startCall(guarded, headers));
    }

    /** The protobuf error behind a parse failure, or null when the exception is something else. */
    private static InvalidProtocolBufferException malformation(final StatusRuntimeException ex)
    {
        return ex.getCause() instanceof InvalidProtocolBufferException cause ? cause : null;
    }

    /** The first sentence of protobuf's description (the rest explains the library's guesses at the cause). */
    private static String firstSentence(final InvalidProtocolBufferException ex)
    {
        final String message = ex.getMessage() == null ? "not a valid protobuf message" : ex.getMessage();
        final int end = message.indexOf(". ");
        return end < 0 ? message : message.substring(0, end + 1);
    }

    /** One call's listener: forwards everything until a request fails to parse, nothing after. */
    private final class GuardedListener<Q, R> extends ForwardingServerCallListener.SimpleForwardingServerCallListener<Q>
    {
        private final CloseOnceServerCall<Q, R> call;
        private boolean rejected;

        GuardedListener(final CloseOnceServerCall<Q, R> call, final ServerCall.Listener<Q> delegate)
        {
            super(delegate);
            this.call = call;
        }

        @Override
        public void onMessage(final Q message)
        {
            if (rejected)
            {
                return;
            }
            try
            {
                super.onMessage(message);
            }
            catch (final StatusRuntimeException ex)
            {
                final InvalidProtocolBufferException cause = malformation(ex);
                if (cause == null)
                {
                    throw ex;
                }
                reject(cause);
            }
        }

        private void reject(final InvalidProtocolBufferException cause)
        {
            rejected = true;
            metrics.gatewayReject("malformed_request");
            final String method = call.getMethodDescriptor().getFullMethodName();
            final String what = firstSentence(cause);
            log.log("malformed request to " + method + " from " +
                call.getAttributes().get(Grpc.TRANSPORT_ATTR_REMOTE_ADDR) + ": " + what);
            call.closeIfOpen(Status.INVALID_ARGUMENT.withDescription("malformed request to " + method + ": " + what),
                new Metadata());
            super.onCancel();
        }

        @Override
        public void onHalfClose()
        {
            if (!rejected)
            {
                super.onHalfClose();
            }
        }

        @Override
        public void onCancel()
        {
            if (!rejected)
            {
                super.onCancel();
            }
        }

        @Override
        public void onComplete()
        {
            if (!rejected)
            {
                super.onComplete();
            }
        }

        @Override
        public void onReady()
        {
            if (!rejected)
            {
                super.onReady();
            }
        }
    }
}
