package dev.hotpath.engine.snapshot;

/**
 * A snapshot file cannot be used: damaged, from another version, or taken with another configuration. The
 * message names the file.
 *
 * <p>Immutable; any thread.
 */
public final class SnapshotCorruptedException extends RuntimeException
{
    private static final long serialVersionUID = 1L;

    /**
     * @param message what is wrong, naming the file.
     */
    public SnapshotCorruptedException(final String message)
    {
        super(message);
    }
}
