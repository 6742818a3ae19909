package dev.hotpath.engine.journal;

import dev.hotpath.engine.codec.FrameLayout;
import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.queue.TailerDirection;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.wire.DocumentContext;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.CRC32C;

/**
 * Tails the event journal, possibly from another process while the engine writes it: each call to
 * {@link #poll} hands the frames (one command's events behind a {@link FrameLayout} header) that are new
 * since the last call, one at a time, out of the blocks the engine writes (see {@link EventJournalWriter}).
 * Decode the events with {@link dev.hotpath.engine.codec.EventDecoder}.
 *
 * <p>Owned by one thread.
 */
public final class EventJournalReader implements AutoCloseable
{
    private final SingleChronicleQueue queue;
    private final ExcerptTailer tailer;
    private final String name;
    private byte[] block = new byte[64 * 1024];
    private final UnsafeBuffer blockBuffer = new UnsafeBuffer(block);
    private final UnsafeBuffer frameView = new UnsafeBuffer(new byte[0]);
    private final CRC32C crc = new CRC32C();
    private int blockLength;
    private int blockPosition;
    private long blockIndex = -1;
    private long skipThrough;
    private boolean headerChecked;
    private long lastSequence;
    private long lastIndex = -1;
    private ExcerptTailer headTailer;
    private byte[] headBlock = new byte[64 * 1024];
    private final UnsafeBuffer headBuffer = new UnsafeBuffer(headBlock);
    private long headSequence;
    private long headTimestampNs;

    /** Receives one frame. */
    @FunctionalInterface
    public interface FrameHandler
    {
        /**
         * @param frame  holds the frame from offset 0; valid only during the call.
         * @param length header plus events.
         * @param index  the Chronicle index of the frame's block: with the frame's sequence, where to resume
         *               with {@link #seekAfter}.
         */
        void onFrame(DirectBuffer frame, int length, long index);
    }

    /**
     * @param directory the event journal directory.
     */
    public EventJournalReader(final Path directory)
    {
        this.name = "event journal " + directory;
        this.queue = Journals.open(directory);
        this.tailer = queue.createTailer();
    }

    /**
     * Resumes after a frame read before, e.g. by a previous run of a durable consumer.
     *
     * @param index        the Chronicle index of the last frame handled (as given to the handler).
     * @param lastSequence that frame's sequence; frames up to it are skipped.
     * @throws JournalCorruptedException when the index is not in the journal.
     */
    public void seekAfter(final long index, final long lastSequence)
    {
        ensureHeader();
        if (!tailer.moveToIndex(index))
        {
            throw new JournalCorruptedException(name, null, index, "position to resume from is missing", null);
        }
        blockLength = 0;
        blockPosition = 0;
        this.skipThrough = lastSequence;
        this.lastSequence = lastSequence;
        this.lastIndex = index;
    }

    /**
     * Hands over the frames written since the last call, up to a limit.
     *
     * @param handler receives each frame.
     * @param limit   most frames to hand over.
     * @return how many were handed over (0 when there is nothing new).
     * @throws JournalCorruptedException on a malformed frame or a gap in sequences.
     */
    public int poll(final FrameHandler handler, final int limit)
    {
        if (!ensureHeader())
        {
            return 0;
        }
        int count = 0;
        while (count < limit)
        {
            if (blockPosition == blockLength && !readBlock())
            {
                break;
            }
            final int at = blockPosition;
            if (blockLength - at < FrameLayout.HEADER_LENGTH)
            {
                throw corrupt("truncated frame at byte " + at + " of the block");
            }
            final int eventsLength = blockBuffer.getInt(at + FrameLayout.EVENTS_LENGTH_OFFSET, ByteOrder.LITTLE_ENDIAN);
            final int length = FrameLayout.frameLength(eventsLength,
                blockBuffer.getByte(at + FrameLayout.CLIENT_ORDER_ID_LENGTH_OFFSET) & 0xFF);
            if (eventsLength < 0 || length > blockLength - at)
            {
                throw corrupt("malformed frame at byte " + at + " of the block");
            }
            blockPosition = at + length;
            final long sequence = blockBuffer.getLong(at + FrameLayout.SEQUENCE_OFFSET, ByteOrder.LITTLE_ENDIAN);
            if (sequence <= skipThrough)
            {
                continue;
            }
            if (lastSequence != 0 && sequence != lastSequence + 1)
            {
                throw corrupt("sequence " + sequence + " follows " + lastSequence);
            }
            lastSequence = sequence;
            lastIndex = blockIndex;
            frameView.wrap(block, at, length);
            handler.onFrame(frameView, length, blockIndex);
            count++;
        }
        return count;
    }

    private boolean readBlock()
    {
        try
        {
            return readBlock0();
        }
        catch (final JournalCorruptedException ex)
        {
            throw ex;
        }
        catch (final RuntimeException | AssertionError ex)
        {
            throw new JournalCorruptedException(name, tailer.currentFile(), blockIndex, "after this block: " + ex, ex);
        }
    }

    private boolean readBlock0()
    {
        try (DocumentContext dc = tailer.readingDocument())
        {
            if (!dc.isPresent())
            {
                return false;
            }
            final Bytes<?> bytes = dc.wire().bytes();
            final int length = (int)bytes.readRemaining();
            if (length > block.length)
            {
                block = Arrays.copyOf(block, Math.max(length, block.length * 2));
                blockBuffer.wrap(block);
            }
            bytes.read(block, 0, length);
            blockIndex = dc.index();
            if (length < JournalFormat.EVENT_BLOCK_HEADER_LENGTH ||
                blockBuffer.getInt(0, ByteOrder.LITTLE_ENDIAN) != JournalFormat.eventBlockChecksum(block, length, crc))
            {
                throw corrupt("checksum mismatch: the block of " + length + " bytes is damaged");
            }
            blockLength = length;
            blockPosition = JournalFormat.EVENT_BLOCK_HEADER_LENGTH;
            return true;
        }
    }

    private JournalCorruptedException corrupt(final String detail)
    {
        return new JournalCorruptedException(name, tailer.currentFile(), blockIndex, detail, null);
    }

    /**
     * Looks up the newest frame written to the journal, read or not: see {@link #headSequence()} and
     * {@link #headTimestampNs()}. For a consumer that shows how far behind it is; it reads one block.
     *
     * @return true when the journal holds a frame.
     */
    public boolean readHead()
    {
        if (headTailer == null)
        {
            headTailer = queue.createTailer().direction(TailerDirection.BACKWARD);
        }
        headTailer.toEnd();
        try (DocumentContext dc = headTailer.readingDocument())
        {
            if (!dc.isPresent())
            {
                return false;
            }
            final Bytes<?> bytes = dc.wire().bytes();
            final int length = (int)bytes.readRemaining();
            if (length > headBlock.length)
            {
                headBlock = Arrays.copyOf(headBlock, Math.max(length, headBlock.length * 2));
                headBuffer.wrap(headBlock);
            }
            bytes.read(headBlock, 0, length);
            if (length < JournalFormat.EVENT_BLOCK_HEADER_LENGTH + FrameLayout.HEADER_LENGTH ||
                JournalFormat.checkHeader(headBuffer, length, JournalFormat.KIND_EVENTS) == null)
            {
                return false; // the journal's header document: no frame yet
            }
            boolean found = false;
            for (int at = JournalFormat.EVENT_BLOCK_HEADER_LENGTH; at + FrameLayout.HEADER_LENGTH <= length;
                at += FrameLayout.frameLength(headBuffer.getInt(at + FrameLayout.EVENTS_LENGTH_OFFSET,
                    ByteOrder.LITTLE_ENDIAN), headBuffer.getByte(at + FrameLayout.CLIENT_ORDER_ID_LENGTH_OFFSET) & 0xFF))
            {
                headSequence = headBuffer.getLong(at + FrameLayout.SEQUENCE_OFFSET, ByteOrder.LITTLE_ENDIAN);
                headTimestampNs = headBuffer.getLong(at + FrameLayout.TIMESTAMP_OFFSET, ByteOrder.LITTLE_ENDIAN);
                found = true;
            }
            return found;
        }
    }

    /** @return the sequence of the newest frame found by the last {@link #readHead()} (0: none yet). */
    public long headSequence()
    {
        return headSequence;
    }

    /** @return that frame's command timestamp, epoch nanoseconds. */
    public long headTimestampNs()
    {
        return headTimestampNs;
    }

    /** @return the sequence of the last frame handed over (or of the seek). */
    public long lastSequence()
    {
        return lastSequence;
    }

    /** @return the Chronicle index of the last frame's block, or -1. */
    public long lastIndex()
    {
        return lastIndex;
    }
    private boolean ensureHeader()
    {
        if (!headerChecked)
        {
            headerChecked = Journals.readHeader(tailer, JournalFormat.KIND_EVENTS, name);
        }
        return headerChecked;
    }

    @Override
    public void close()
    {
        if (headTailer != null)
        {
            headTailer.close();
        }
        tailer.close();
        queue.close();
    }
}
