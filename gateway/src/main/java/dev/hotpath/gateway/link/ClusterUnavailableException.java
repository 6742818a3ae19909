package dev.hotpath.gateway.link;

/**
 * The gateway cannot follow the cluster it is configured to front: no leader answered, or the cluster no longer
 * holds what the gateway missed. The gateway refuses to start (or stops serving) rather than run on a partial
 * state.
 *
 * <p>Immutable; any thread.
 */
public final class ClusterUnavailableException extends RuntimeException
{
    private static final long serialVersionUID = 1L;

    /**
     * @param message what happened and what to do.
     * @param cause   the underlying failure, or {@code null}.
     */
    public ClusterUnavailableException(final String message, final Throwable cause)
    {
        super(message, cause);
    }
}
