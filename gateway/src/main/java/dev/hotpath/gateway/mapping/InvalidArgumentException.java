package dev.hotpath.gateway.mapping;

/**
 * A request field the gateway refuses before the engine sees it; answered with INVALID_ARGUMENT and this
 * message, which names the field and says why.
 *
 * <p>Immutable; any thread.
 */
public final class InvalidArgumentException extends RuntimeException
{
    private static final long serialVersionUID = 1L;

    /**
     * @param field  the request field.
     * @param reason why it is refused.
     */
    public InvalidArgumentException(final String field, final String reason)
    {
        super(field + ": " + reason, null, false, false);
    }
}
