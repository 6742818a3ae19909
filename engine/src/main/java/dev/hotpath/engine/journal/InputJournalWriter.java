package dev.hotpath.engine.journal;

import dev.hotpath.engine.api.Command;
import net.openhft.chronicle.core.io.SingleThreadedChecked;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.wire.DocumentContext;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.file.Path;
import java.util.zip.CRC32C;

/**
 * Appends input commands to the input journal, the engine's record of truth: a command is acknowledged
 * only after it is here, and replaying this journal rebuilds the engine exactly.
 *
 * <p>Owned by the journaler thread (Chronicle appenders are single-threaded).
 */
public final class InputJournalWriter implements AutoCloseable
{
    private final SingleChronicleQueue queue;
    private final ExcerptAppender appender;
    private final Durability durability;
    private final byte[] record = new byte[JournalFormat.COMMAND_RECORD_LENGTH];
    private final UnsafeBuffer recordBuffer = new UnsafeBuffer(record);
    private final CRC32C crc = new CRC32C();

    /**
     * @param directory  the journal directory (created if missing).
     * @param durability when a write counts as done.
     */
    public InputJournalWriter(final Path directory, final Durability durability)
    {
        this.queue = Journals.open(directory);
        this.appender = queue.createAppender();
        this.durability = durability;
        Journals.ensureHeader(queue, appender, JournalFormat.KIND_INPUT);
    }

    /**
     * Appends one command.
     *
     * @param command the command, with its sequence set.
     * @return the record's Chronicle index.
     */
    public long append(final Command command)
    {
        JournalFormat.encodeCommand(command, recordBuffer, record, crc);
        try (DocumentContext dc = appender.writingDocument())
        {
            dc.wire().bytes().write(record, 0, record.length);
        }
        return appender.lastIndexAppended();
    }

    /** Makes what was appended as durable as configured: called at the end of each batch. */
    public void flush()
    {
        if (durability == Durability.POWER_LOSS)
        {
            appender.sync();
        }
    }

    /**
     * Chronicle appenders check that one thread uses them; call this on the thread taking the writer over
     * (the pipeline stage's thread at start, the closing thread at the end).
     */
    public void handOverToCurrentThread()
    {
        ((SingleThreadedChecked)appender).singleThreadedCheckReset();
    }

    @Override
    public void close()
    {
        handOverToCurrentThread();
        flush();
        appender.close();
        queue.close();
    }
}
