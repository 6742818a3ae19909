package dev.hotpath.engine.journal;

import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueBuilder;
import net.openhft.chronicle.wire.DocumentContext;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.file.Path;

/**
 * Opening Chronicle Queue journals the way hotpath uses them, and their header document.
 *
 * <p>Stateless; any thread.
 */
public final class Journals
{
    static
    {
        // Chronicle otherwise reports usage to Google Analytics; a trading engine phones nobody.
        System.setProperty("chronicle.analytics.disable", "true");
        System.setProperty("chronicle.announcer.disable", "true");
        // no disk-space polling thread waking up beside the pipeline's threads (on 2 cores every thread counts)
        System.setProperty("chronicle.disk.monitor.disable", "true");
    }

    private Journals()
    {
    }

    /**
     * Opens (creating if needed) a journal directory.
     *
     * @param directory the directory.
     * @return the queue; close it when done.
     */
    public static SingleChronicleQueue open(final Path directory)
    {
        return SingleChronicleQueueBuilder.binary(directory).build();
    }

    /**
     * Writes the header document if the journal is empty.
     *
     * @param queue    the journal.
     * @param appender its appender.
     * @param kind     {@link JournalFormat#KIND_INPUT} or {@link JournalFormat#KIND_EVENTS}.
     */
    public static void ensureHeader(final SingleChronicleQueue queue, final ExcerptAppender appender, final byte kind)
    {
        final boolean empty;
        try
        {
            empty = queue.lastIndex() < 0 && queue.firstIndex() == Long.MAX_VALUE;
        }
        catch (final RuntimeException | AssertionError ex)
        {
            throw unreadable((kind == JournalFormat.KIND_INPUT ? "input journal " : "event journal ") + queue.file(), ex);
        }
        if (!empty)
        {
            return;
        }
        final byte[] header = new byte[JournalFormat.HEADER_LENGTH];
        JournalFormat.encodeHeader(new UnsafeBuffer(header), kind);
        write(appender, header, header.length, kind == JournalFormat.KIND_INPUT ? "input journal" : "event journal",
            queue.file().toPath());
    }

    /**
     * Writes one document, or none: when the write fails (a full disk faults the mapped page), the document is
     * rolled back instead of being completed with whatever bytes made it, so the journal keeps ending at its
     * last whole document.
     *
     * @param appender  the journal's appender, on its owning thread.
     * @param bytes     the document's content.
     * @param length    its length.
     * @param journal   the journal's name, for the error.
     * @param directory its directory, for the error.
     * @throws JournalWriteException when the write fails.
     */
    public static void write(final ExcerptAppender appender, final byte[] bytes, final int length, final String journal,
        final Path directory)
    {
        try (DocumentContext dc = appender.writingDocument())
        {
            try
            {
                dc.wire().bytes().write(bytes, 0, length);
            }
            catch (final RuntimeException | InternalError ex)
            {
                dc.rollbackOnClose();
                throw new JournalWriteException(journal, directory, ex);
            }
        }
        catch (final JournalWriteException ex)
        {
            throw ex;
        }
        catch (final RuntimeException | InternalError ex)
        {
            throw new JournalWriteException(journal, directory, ex); // e.g. mapping the next chunk of the file
        }
    }

    /**
     * Counts a journal's documents from its index, between two indices (the end exclusive), or all of them.
     * Chronicle opens a tailer for this, and its thread-local housekeeping can race with threads ending
     * elsewhere in the process ({@code ConcurrentModificationException} in {@code CleaningThreadLocal}): a
     * transient failure of Chronicle's own, retried a few times.
     *
     * @param queue the journal.
     * @param from  first index, or {@code Long.MIN_VALUE} to count every document (then {@code to} is ignored).
     * @param to    end index, exclusive.
     * @return the number of documents.
     */
    public static long countDocuments(final SingleChronicleQueue queue, final long from, final long to)
    {
        for (int attempt = 1; ; attempt++)
        {
            try
            {
                return from == Long.MIN_VALUE ? queue.entryCount() : queue.countExcerpts(from, to);
            }
            catch (final RuntimeException ex)
            {
                if (attempt == 3 || !causedByConcurrentModification(ex))
                {
                    throw ex;
                }
            }
        }
    }

    private static boolean causedByConcurrentModification(final Throwable ex)
    {
        for (Throwable t = ex; t != null; t = t.getCause())
        {
            if (t instanceof java.util.ConcurrentModificationException)
            {
                return true;
            }
        }
        return false;
    }

    /**
     * @param journal the journal's name.
     * @param cause   what Chronicle threw while finding its way through the journal's files.
     * @return the refusal to start on it.
     */
    public static JournalCorruptedException unreadable(final String journal, final Throwable cause)
    {
        return new JournalCorruptedException(journal, null, -1,
            "Chronicle cannot find its way through the files (truncated or damaged?): " + cause, cause);
    }

    /**
     * Reads and checks the header document, leaving the tailer on the first record.
     *
     * @param tailer  a tailer at the start of the journal.
     * @param kind    the kind expected.
     * @param journal name for error messages.
     * @return false when the journal is empty (no header yet).
     * @throws JournalCorruptedException when the header is wrong.
     */
    public static boolean readHeader(final ExcerptTailer tailer, final byte kind, final String journal)
    {
        try
        {
            return readHeader0(tailer, kind, journal);
        }
        catch (final JournalCorruptedException ex)
        {
            throw ex;
        }
        catch (final RuntimeException | AssertionError ex)
        {
            throw unreadable(journal, ex);
        }
    }

    private static boolean readHeader0(final ExcerptTailer tailer, final byte kind, final String journal)
    {
        try (DocumentContext dc = tailer.readingDocument())
        {
            if (!dc.isPresent())
            {
                return false;
            }
            final Bytes<?> bytes = dc.wire().bytes();
            final int length = (int)bytes.readRemaining();
            final byte[] header = new byte[Math.max(length, JournalFormat.HEADER_LENGTH)];
            bytes.read(header, 0, length);
            final String problem = JournalFormat.checkHeader(new UnsafeBuffer(header), length, kind);
            if (problem != null)
            {
                throw new JournalCorruptedException(journal, tailer.currentFile(), dc.index(), problem, null);
            }
            return true;
        }
    }
}
