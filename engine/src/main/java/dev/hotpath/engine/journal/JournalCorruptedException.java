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

    private final long index;
    private final String detail;
    private final boolean lastDocument;

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
        this(journal, file, index, detail, cause, false);
    }

    /**
     * @param journal      what was being read, e.g. "input journal /data/input".
     * @param file         the file of the bad record (may be {@code null} when unknown).
     * @param index        Chronicle index of the bad record.
     * @param detail       what is wrong.
     * @param cause        the underlying error, or {@code null}.
     * @param lastDocument whether the damaged document is the journal's last one (a torn tail).
     */
    public JournalCorruptedException(final String journal, final Object file, final long index, final String detail,
        final Throwable cause, final boolean lastDocument)
    {
        super(journal + " is unreadable at index 0x" + Long.toHexString(index) +
            (file == null ? "" : " (file " + file + ")") + ": " + detail, cause);
        this.index = index;
        this.detail = detail;
        this.lastDocument = lastDocument;
    }

    /** @return the Chronicle index of the damaged document. */
    public long index()
    {
        return index;
    }

    /** @return what is wrong, without the journal and position. */
    public String detail()
    {
        return detail;
    }

    /** @return whether nothing follows the damaged document: the tail a failed or interrupted write leaves. */
    public boolean lastDocument()
    {
        return lastDocument;
    }
}
