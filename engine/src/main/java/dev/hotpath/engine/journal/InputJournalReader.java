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
 * block's length, each record's checksum, and that sequence numbers run on without a gap. A block is checked
 * whole before any of its commands is handed out, so a damaged block is never half replayed. Anything wrong
 * stops the read with a {@link JournalCorruptedException} naming the file, the index and the record (and
 * whether the damaged block is the journal's last, see {@link JournalCorruptedException#lastDocument()}); a
 * block followed by a void marker for it (a torn tail recovery cut off) is skipped. {@link #checkReachedEnd}
 * tells a real end from a read that stopped at a damaged header.
 *
 * <p>Owned by one thread.
 */
public final class InputJournalReader implements AutoCloseable
{
    /** What {@link #readDocument} found: nothing (yet), a block of commands, or a void marker. */
    private static final int NONE = 0;
    private static final int BLOCK = 1;
    private static final int VOID = 2;

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
    private long documentIndex = -1;
    private int documentLength;
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
            final int length = JournalFormat.recordLength(blockBuffer, at); // checked by readBlock
            recordOffset = at + length;
            JournalFormat.decodeCommand(blockBuffer, at, length, command);
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

    /**
     * Call after {@link #next} returned false: checks that the read stopped at the journal's real end. A damaged
     * document header makes Chronicle stop there as if the journal ended, while its index knows of documents
     * after it; recovery must refuse that rather than start on a partial state.
     *
     * @throws JournalCorruptedException when the journal holds documents after where the read stopped.
     */
    public void checkReachedEnd()
    {
        if (empty)
        {
            return;
        }
        final long last = queue.lastIndex();
        if (last >= 0 && tailer.index() <= last)
        {
            throw corrupt(tailer.index(), "the read stopped here, but the journal holds documents up to index 0x" +
                Long.toHexString(last) + " (a damaged document header)");
        }
        final long entries = Journals.countDocuments(queue, Long.MIN_VALUE, 0);
        final long read = Journals.countDocuments(queue, queue.firstIndex(), tailer.index());
        if (read != entries)
        {
            throw corrupt(tailer.index(), "the read stopped here after " + read + " documents, but the journal's " +
                "index counts " + entries + " (a truncated or damaged file)");
        }
    }

    /** Reads the next block, checking every record; skips a block voided by the marker that follows it. */
    private boolean readBlock()
    {
        if (empty)
        {
            return false;
        }
        JournalCorruptedException damage = null;
        while (true)
        {
            final int state = readDocument();
            if (state == NONE)
            {
                if (damage != null)
                {
                    throw new JournalCorruptedException(name, tailer.currentFile(), damage.index(), damage.detail(),
                        null, true);
                }
                return false;
            }
            if (state == VOID)
            {
                final long voided = JournalFormat.decodeVoidMarker(blockBuffer, block, crc);
                if (damage == null || voided != damage.index())
                {
                    throw corrupt(documentIndex, voided < 0 ? "damaged void marker" : "void marker for index 0x" +
                        Long.toHexString(voided) + ", which is not the damaged block before it");
                }
                damage = null; // the torn block was cut off by a recovery: never acknowledged, skipped
                continue;
            }
            if (damage != null)
            {
                throw damage;
            }
            damage = checkBlock();
            if (damage == null)
            {
                return true;
            }
        }
    }

    private int readDocument()
    {
        long index = -1;
        try (DocumentContext dc = tailer.readingDocument())
        {
            if (!dc.isPresent())
            {
                return NONE;
            }
            index = dc.index();
            documentIndex = index;
            final Bytes<?> bytes = dc.wire().bytes();
            final long length = bytes.readRemaining();
            documentLength = (int)Math.min(length, block.length);
            bytes.read(block, 0, documentLength);
            if (length == JournalFormat.VOID_BLOCK_LENGTH &&
                blockBuffer.getInt(0, ByteOrder.LITTLE_ENDIAN) == JournalFormat.VOID_BLOCK_COUNT)
            {
                return VOID;
            }
            documentLength = length > block.length ? -1 : (int)length;
            return BLOCK;
        }
        catch (final RuntimeException | AssertionError ex)
        {
            throw new JournalCorruptedException(name, tailer.currentFile(), index, ex.toString(), ex);
        }
    }

    /** @return {@code null} when the document just read is an intact block (then set up to read it), else why not. */
    private JournalCorruptedException checkBlock()
    {
        final long index = documentIndex;
        final int length = documentLength;
        if (length < JournalFormat.BLOCK_HEADER_LENGTH)
        {
            return corrupt(index, "block of " + length + " bytes");
        }
        final int count = blockBuffer.getInt(0, ByteOrder.LITTLE_ENDIAN);
        if (count <= 0 || count > JournalFormat.MAX_BLOCK_COMMANDS ||
            length < JournalFormat.BLOCK_HEADER_LENGTH + (long)count * JournalFormat.COMMAND_RECORD_LENGTH)
        {
            return corrupt(index, "block of " + length + " bytes says it holds " + count + " records");
        }
        int at = JournalFormat.BLOCK_HEADER_LENGTH;
        for (int record = 0; record < count; record++)
        {
            final int recordLength = JournalFormat.recordLength(blockBuffer, at);
            if (recordLength < 0 || at + recordLength > length)
            {
                return corrupt(index, "record " + record + " of the block: malformed length");
            }
            if (!JournalFormat.checkRecord(blockBuffer, at, recordLength, block, crc))
            {
                return corrupt(index, "record " + record + " of the block: checksum mismatch");
            }
            at += recordLength;
        }
        if (at != length)
        {
            return corrupt(index, (length - at) + " bytes after the block's last record");
        }
        blockIndex = index;
        blockCount = count;
        blockPosition = 0;
        blockLength = length;
        recordOffset = JournalFormat.BLOCK_HEADER_LENGTH;
        return null;
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
