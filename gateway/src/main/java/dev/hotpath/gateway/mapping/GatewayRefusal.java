package dev.hotpath.gateway.mapping;

import io.grpc.Status;

/**
 * The gateway refuses a command before the engine sees it: busy, rate limited, duplicate client order id,
 * shutting down.
 *
 * <p>Immutable; any thread.
 */
public final class GatewayRefusal extends RuntimeException
{
    private static final long serialVersionUID = 1L;

    /** The gRPC status code the refusal is answered with. */
    private final transient Status status;
    /** When to try again, milliseconds (0: no hint). */
    private final long retryAfterMs;

    /**
     * @param status       the status (with its description).
     * @param retryAfterMs when to try again, milliseconds (0: no hint).
     */
    public GatewayRefusal(final Status status, final long retryAfterMs)
    {
        super(status.getDescription(), null, false, false);
        this.status = status;
        this.retryAfterMs = retryAfterMs;
    }

    /** @return the status to answer with. */
    public Status status()
    {
        return status;
    }

    /** @return when to try again, milliseconds (0: no hint). */
    public long retryAfterMs()
    {
        return retryAfterMs;
    }
}
