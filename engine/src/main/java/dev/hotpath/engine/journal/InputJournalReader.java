package dev.hotpath.engine.journal;

import dev.hotpath.engine.api.Command;
import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.wire.DocumentContext;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.file.Path;
import java.util.zip.CRC32C;

/**
 * Reads the input journal back, record by record, for replay and recovery. Every record is checked: its
 * length, its checksum, and that sequence numbers run on without a gap. Anything wrong stops the read with a
 * {@link JournalCorruptedException} naming the file and the index.
 *
 * <p>Owned by one thread.
 */
public final class InputJournalReader implements AutoCloseable
{
    private final SingleChronicleQueue queue;
    private final ExcerptTailer tailer;
    private final String name;
    private final byte[] record = new byte[JournalFormat.COMMAND_RECORD_LENGTH + 64];
    private final UnsafeBuffer recordBuffer = new UnsafeBuffer(record);
    private final CRC32C crc = new CRC32C();
    private final boolean empty;
    private long lastSequence;
    private long lastIndex = -1;

    /**
     * @param directory the journal directory.
     */
    public InputJournalReader(final Path directory)
    {
        this.name = "input journal " + directory;
        this.queue = Journals.open(directory);
        this.tailer = queue.createTailer();
        this.empty = !Journals.readHeader(tailer, JournalFormat.KIND_INPUT, name);
    }

    /**
     * Skips ahead so that the next record read is the one at a Chronicle index (from a snapshot).
     *
     * @param index        the index of a record.
     * @param sequenceBefore the sequence of the record just before it.
     */
    public void seek(final long index, final long sequenceBefore)
    {
        if (!tailer.moveToIndex(index))
        {
            throw new JournalCorruptedException(name, null, index, "the snapshot's journal position is missing", null);
        }
        lastSequence = sequenceBefore;
    }

    /**
     * Reads the next command.
     *
     * @param command receives it.
     * @return false at the end of the journal.
     * @throws JournalCorruptedException when the record is damaged or out of sequence.
     */
    public boolean next(final Command command)
    {
        if (empty)
        {
            return false;
        }
        long index = -1;
        try (DocumentContext dc = tailer.readingDocument())
        {
            if (!dc.isPresent())
            {
                return false;
            }
            index = dc.index();
            final Bytes<?> bytes = dc.wire().bytes();
            final long length = bytes.readRemaining();
            if (length > record.length)
            {
                throw corrupt(index, "record of " + length + " bytes, expected " + JournalFormat.COMMAND_RECORD_LENGTH);
            }
            bytes.read(record, 0, (int)length);
            final String problem = JournalFormat.decodeCommand(recordBuffer, record, (int)length, crc, command);
            if (problem != null)
            {
                throw corrupt(index, problem);
            }
        }
        catch (final JournalCorruptedException ex)
        {
            throw ex;
        }
        catch (final RuntimeException ex)
        {
            throw new JournalCorruptedException(name, tailer.currentFile(), index, ex.toString(), ex);
        }
        if (lastSequence != 0 && command.sequence != lastSequence + 1)
        {
            throw corrupt(index, "sequence " + command.sequence + " follows " + lastSequence);
        }
        lastSequence = command.sequence;
        lastIndex = index;
        return true;
    }

    /** @return the sequence of the last command read (0 before the first). */
    public long lastSequence()
    {
        return lastSequence;
    }

    /** @return the Chronicle index of the last command read (-1 before the first). */
    public long lastIndex()
    {
        return lastIndex;
    }

    private JournalCorruptedException corrupt(final long index, final String detail)
    {
        return new JournalCorruptedException(name, tailer.currentFile(), index, detail, null);
    }

    @Override
    public void close()
    {
        tailer.close();
        queue.close();
    }
}
