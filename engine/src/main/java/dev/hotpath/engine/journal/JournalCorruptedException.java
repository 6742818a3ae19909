package dev.hotpath.engine.journal;

/**
 * A journal cannot be trusted: it is damaged, from another format version, or not a hotpath journal. The
 * message names the file and the position, so that nobody ever runs on a silently partial state.
 *
 * <p>Immutable; any thread.
 */
public final class JournalCorruptedException extends RuntimeException
{
    private static final long serialVersionUID = 1L;

    /**
     * @param journal what was being read, e.g. "input journal /data/input".
     * @param file    the file of the bad record (may be {@code null} when unknown).
     * @param index   Chronicle index of the bad record.
     * @param detail  what is wrong.
     * @param cause   the underlying error, or {@code null}.
     */
    public JournalCorruptedException(
        final String journal, final Object file, final long index, final String detail, final Throwable cause)
    {
        super(journal + " is unreadable at index 0x" + Long.toHexString(index) +
            (file == null ? "" : " (file " + file + ")") + ": " + detail, cause);
    }
}
