package dev.hotpath.engine.journal;

import dev.hotpath.engine.api.Command;
import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.wire.DocumentContext;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.zip.CRC32C;

/**
 * Reads the input journal back, command by command, for replay and recovery. Every record is checked: the
 * block's length, each record's checksum, and that sequence numbers run on without a gap. Anything wrong
 * stops the read with a {@link JournalCorruptedException} naming the file, the index and the record.
 *
 * <p>Owned by one thread.
 */
public final class InputJournalReader implements AutoCloseable
{
    private final SingleChronicleQueue queue;
    private final ExcerptTailer tailer;
    private final String name;
    private final byte[] block = new byte[JournalFormat.MAX_INPUT_BLOCK_LENGTH];
    private final UnsafeBuffer blockBuffer = new UnsafeBuffer(block);
    private final CRC32C crc = new CRC32C();
    private final boolean empty;
    private int blockCount;
    private int blockPosition;
    private int blockLength;
    private int recordOffset;
    private long blockIndex = -1;
    private long skipThrough;
    private long lastSequence;
    private long lastIndex = -1;

    /**
     * Opens a journal and checks its header.
     *
     * @param directory the journal directory.
     * @throws JournalCorruptedException when the header is missing, of another kind or another version.
     */
    public InputJournalReader(final Path directory)
    {
        this.name = "input journal " + directory;
        this.queue = Journals.open(directory);
        this.tailer = queue.createTailer();
        this.empty = !Journals.readHeader(tailer, JournalFormat.KIND_INPUT, name);
    }

    /**
     * Moves to a block and skips the commands up to a sequence: how recovery resumes after a snapshot.
     *
     * @param index          a block index from {@link InputJournalWriter#append} (at or before the block of
     *                       {@code sequenceBefore + 1}).
     * @param sequenceBefore the last sequence already applied; the next command returned is the one after it.
     * @throws JournalCorruptedException when the index is not in the journal.
     */
    public void seek(final long index, final long sequenceBefore)
    {
        if (!tailer.moveToIndex(index))
        {
            throw new JournalCorruptedException(name, null, index, "the snapshot's journal position is missing", null);
        }
        blockCount = 0;
        blockPosition = 0;
        skipThrough = sequenceBefore;
        lastSequence = sequenceBefore;
    }

    /**
     * Reads the next command.
     *
     * @param command receives it.
     * @return false at the end of the journal.
     * @throws JournalCorruptedException when a block or record is damaged or a sequence is missing.
     */
    public boolean next(final Command command)
    {
        while (true)
        {
            if (blockPosition == blockCount && !readBlock())
            {
                return false;
            }
            final int record = blockPosition++;
            final int at = recordOffset;
            final int length = JournalFormat.recordLength(blockBuffer, at);
            if (length < 0 || at + length > blockLength)
            {
                throw corrupt(blockIndex, "record " + record + " of the block: malformed length");
            }
            recordOffset = at + length;
            if (blockPosition == blockCount && recordOffset != blockLength)
            {
                throw corrupt(blockIndex, (blockLength - recordOffset) + " bytes after the block's last record");
            }
            final String problem = JournalFormat.decodeCommand(blockBuffer, at, length, block, crc, command);
            if (problem != null)
            {
                throw corrupt(blockIndex, "record " + record + " of the block: " + problem);
            }
            if (command.sequence <= skipThrough)
            {
                continue;
            }
            if (lastSequence != 0 && command.sequence != lastSequence + 1)
            {
                throw corrupt(blockIndex, "record " + record + " of the block: sequence " + command.sequence +
                    " follows " + lastSequence);
            }
            lastSequence = command.sequence;
            lastIndex = blockIndex;
            return true;
        }
    }

    private boolean readBlock()
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
            if (length < JournalFormat.BLOCK_HEADER_LENGTH || length > block.length)
            {
                throw corrupt(index, "block of " + length + " bytes");
            }
            bytes.read(block, 0, (int)length);
            final int count = blockBuffer.getInt(0, ByteOrder.LITTLE_ENDIAN);
            if (count <= 0 || count > JournalFormat.MAX_BLOCK_COMMANDS ||
                length < JournalFormat.BLOCK_HEADER_LENGTH + (long)count * JournalFormat.COMMAND_RECORD_LENGTH)
            {
                throw corrupt(index, "block of " + length + " bytes says it holds " + count + " records");
            }
            blockIndex = index;
            blockCount = count;
            blockPosition = 0;
            blockLength = (int)length;
            recordOffset = JournalFormat.BLOCK_HEADER_LENGTH;
            return true;
        }
        catch (final JournalCorruptedException ex)
        {
            throw ex;
        }
        catch (final RuntimeException ex)
        {
            throw new JournalCorruptedException(name, tailer.currentFile(), index, ex.toString(), ex);
        }
    }

    /** @return the sequence of the last command read (or of the seek). */
    public long lastSequence()
    {
        return lastSequence;
    }

    /** @return the Chronicle index of the block of the last command read, or -1. */
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
