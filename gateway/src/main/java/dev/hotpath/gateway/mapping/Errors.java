package dev.hotpath.gateway.mapping;

import dev.hotpath.gateway.api.GatewayError;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;

/**
 * Turns the gateway's refusals into gRPC statuses (unary calls) or {@link GatewayError}s (OrderStream), with
 * the retry hint in the {@code retry-after-ms} trailer.
 *
 * <p>Stateless; any thread.
 */
public final class Errors
{
    /** Trailer with the milliseconds after which a RESOURCE_EXHAUSTED call may be retried. */
    public static final Metadata.Key<String> RETRY_AFTER_MS =
        Metadata.Key.of("retry-after-ms", Metadata.ASCII_STRING_MARSHALLER);

    private Errors()
    {
    }

    /**
     * @param ex a refusal ({@link InvalidArgumentException} or {@link GatewayRefusal}).
     * @return the status exception to answer with, or {@code null} when {@code ex} is neither.
     */
    public static StatusRuntimeException toStatus(final RuntimeException ex)
    {
        if (ex instanceof InvalidArgumentException)
        {
            return Status.INVALID_ARGUMENT.withDescription(ex.getMessage()).asRuntimeException();
        }
        if (ex instanceof GatewayRefusal refusal)
        {
            final Metadata trailers = new Metadata();
            if (refusal.retryAfterMs() > 0)
            {
                trailers.put(RETRY_AFTER_MS, Long.toString(refusal.retryAfterMs()));
            }
            return refusal.status().asRuntimeException(trailers);
        }
        return null;
    }

    /**
     * @param ex a refusal ({@link InvalidArgumentException} or {@link GatewayRefusal}).
     * @return it as an OrderStream error, or {@code null} when {@code ex} is neither.
     */
    public static GatewayError toError(final RuntimeException ex)
    {
        if (ex instanceof InvalidArgumentException)
        {
            return GatewayError.newBuilder().setStatus("INVALID_ARGUMENT").setMessage(ex.getMessage()).build();
        }
        if (ex instanceof GatewayRefusal refusal)
        {
            return GatewayError.newBuilder().setStatus(refusal.status().getCode().name())
                .setMessage(String.valueOf(refusal.status().getDescription()))
                .setRetryAfterMs(refusal.retryAfterMs()).build();
        }
        return null;
    }
}
