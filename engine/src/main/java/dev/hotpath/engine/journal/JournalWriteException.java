package dev.hotpath.engine.journal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A journal write failed: most often the disk is full (a write to a memory-mapped page the file system cannot
 * back arrives as an {@link InternalError} "a fault occurred in an unsafe memory access operation"). The
 * document being written was rolled back, so the journal ends at its last whole document. The message names
 * the journal and the free space left on its disk.
 *
 * <p>Immutable; any thread.
 */
public final class JournalWriteException extends RuntimeException
{
    private static final long serialVersionUID = 1L;

    /**
     * @param journal   which journal, e.g. "input journal".
     * @param directory its directory.
     * @param cause     the failure.
     */
    public JournalWriteException(final String journal, final Path directory, final Throwable cause)
    {
        super(journal + " " + directory + ": write failed (" + freeSpace(directory) + "): " + cause, cause);
    }

    private static String freeSpace(final Path directory)
    {
        try
        {
            final long free = Files.getFileStore(directory).getUsableSpace();
            return (free >> 20) + " MiB free on its disk";
        }
        catch (final IOException | RuntimeException ex)
        {
            return "free space unknown: " + ex.getMessage();
        }
    }
}
