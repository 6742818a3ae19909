package dev.hotpath.engine.journal;

import dev.hotpath.engine.api.Command;
import dev.hotpath.engine.codec.FrameLayout;
import dev.hotpath.engine.metrics.DutyCycleStallTracker;
import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.core.io.SingleThreadedChecked;
import net.openhft.chronicle.queue.ExcerptAppender;
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
 * Appends each command's output events, behind a {@link FrameLayout} header, to the event journal that other
 * processes (reporting, a market-data publisher) tail. Frames are gathered into a block, written as one
 * Chronicle document by {@link #flush()} at the end of each Disruptor batch (or when the block is full), in
 * sequence order. The event journal is an output, not the record of truth: frames lost in a crash are
 * regenerated from the input journal by recovery.
 *
 * <p>Owned by the publisher thread.
 */
public final class EventJournalWriter implements AutoCloseable
{
    /** A block is written once it holds this many bytes (a larger single frame gets a block of its own). */
    private static final int BLOCK_TARGET_BYTES = 64 * 1024;

    private final Path directory;
    private final SingleChronicleQueue queue;
    private final ExcerptAppender appender;
    private final UnsafeBuffer blockBuffer = new UnsafeBuffer(new byte[BLOCK_TARGET_BYTES]);
    private final DutyCycleStallTracker writes;
    private JournalPretoucher pretoucher;
    private boolean failed;
    private final CRC32C crc = new CRC32C();
    private int blockLength = JournalFormat.EVENT_BLOCK_HEADER_LENGTH;
    private int frames;

    /**
     * @param directory the journal directory (created if missing).
     */
    public EventJournalWriter(final Path directory)
    {
        this(directory, new DutyCycleStallTracker("event journal write", DutyCycleStallTracker.DEFAULT_THRESHOLD_NS));
    }

    /**
     * @param directory the journal directory (created if missing).
     * @param writes    measures each block write.
     */
    public EventJournalWriter(final Path directory, final DutyCycleStallTracker writes)
    {
        this.writes = writes;
        this.directory = directory;
        this.queue = Journals.open(directory);
        this.appender = queue.createAppender();
        Journals.ensureHeader(queue, appender, JournalFormat.KIND_EVENTS);
    }

    /**
     * Appends one command's events.
     *
     * @param command      the command (sequence, timestamp, type, order and account go in the header).
     * @param events       the encoded events.
     * @param eventsLength their length.
     */
    public void append(final Command command, final DirectBuffer events, final int eventsLength)
    {
        final int idLength = command.clientOrderIdLength;
        final int frameLength = FrameLayout.frameLength(eventsLength, idLength);
        if (frames > 0 && (frames == JournalFormat.MAX_BLOCK_COMMANDS || blockLength + frameLength > BLOCK_TARGET_BYTES))
        {
            flush();
        }
        if (blockLength + frameLength > blockBuffer.capacity())
        {
            blockBuffer.wrap(Arrays.copyOf(blockBuffer.byteArray(), blockLength + frameLength));
        }
        FrameLayout.write(blockBuffer, blockLength, command, events, eventsLength);
        blockLength += frameLength;
        frames++;
    }

    /**
     * Appends a frame as another writer made it ({@link FrameLayout}): a gateway in front of a cluster keeps the
     * frames the cluster sends it, so that its own event journal holds the same bytes as a node's.
     *
     * @param frame  holds the frame.
     * @param offset where it starts.
     * @param length its length.
     */
    public void appendFrame(final DirectBuffer frame, final int offset, final int length)
    {
        if (frames > 0 && (frames == JournalFormat.MAX_BLOCK_COMMANDS || blockLength + length > BLOCK_TARGET_BYTES))
        {
            flush();
        }
        if (blockLength + length > blockBuffer.capacity())
        {
            blockBuffer.wrap(Arrays.copyOf(blockBuffer.byteArray(), blockLength + length));
        }
        blockBuffer.putBytes(blockLength, frame, offset, length);
        blockLength += length;
        frames++;
    }

    /** Writes the frames gathered so far as one document: at the end of each batch. */
    public void flush()
    {
        if (frames == 0)
        {
            return;
        }
        final long startNs = System.nanoTime();
        blockBuffer.putInt(0, JournalFormat.eventBlockChecksum(blockBuffer.byteArray(), blockLength, crc),
            ByteOrder.LITTLE_ENDIAN);
        failed = true; // until the write returns: a failed journal writes nothing more, not even on close
        Journals.write(appender, blockBuffer.byteArray(), blockLength, "event journal", directory);
        failed = false;
        writes.record(System.nanoTime() - startNs);
        if (pretoucher != null)
        {
            pretoucher.writerAt(appender.wire().bytes());
        }
        blockLength = JournalFormat.EVENT_BLOCK_HEADER_LENGTH;
        frames = 0;
    }

    /**
     * The sequence of the last command whose events are in the journal: where recovery resumes publishing.
     *
     * @return the sequence, or 0 when the journal has no events yet.
     */
    public long lastSequence()
    {
        try
        {
            return lastSequence0();
        }
        catch (final JournalCorruptedException ex)
        {
            throw ex;
        }
        catch (final RuntimeException | AssertionError ex)
        {
            throw Journals.unreadable("event journal " + directory, ex);
        }
    }

    private long lastSequence0()
    {
        final long entries = Journals.countDocuments(queue, Long.MIN_VALUE, 0);
        try (ExcerptTailer tailer = queue.createTailer())
        {
            tailer.direction(TailerDirection.BACKWARD).toEnd();
            try (DocumentContext dc = tailer.readingDocument())
            {
                if (!dc.isPresent() && entries == 0)
                {
                    return 0; // empty
                }
                if (!dc.isPresent() || Journals.countDocuments(queue, queue.firstIndex(), dc.index()) + 1 != entries)
                {
                    // Chronicle's index counts documents after the last one it can reach: the file lost its end
                    throw new JournalCorruptedException("event journal " + directory, tailer.currentFile(),
                        dc.isPresent() ? dc.index() : -1,
                        "its last document cannot be read (the journal ends before its own index: a truncated " +
                        "file?); move the event journal directory aside and restart, and the engine writes it " +
                        "again from the input journal", null);
                }
                final Bytes<?> bytes = dc.wire().bytes();
                final byte[] block = new byte[(int)bytes.readRemaining()];
                bytes.read(block, 0, block.length);
                final UnsafeBuffer buffer = new UnsafeBuffer(block);
                if (JournalFormat.checkHeader(buffer, block.length, JournalFormat.KIND_EVENTS) == null)
                {
                    return 0; // only the header so far
                }
                if (block.length < JournalFormat.EVENT_BLOCK_HEADER_LENGTH || buffer.getInt(0, ByteOrder.LITTLE_ENDIAN) !=
                    JournalFormat.eventBlockChecksum(block, block.length, new CRC32C()))
                {
                    throw new JournalCorruptedException("event journal " + queue.file(), tailer.currentFile(),
                        dc.index(), "checksum mismatch in the last block", null);
                }
                long sequence = 0;
                for (int at = JournalFormat.EVENT_BLOCK_HEADER_LENGTH; at + FrameLayout.HEADER_LENGTH <= block.length;
                    at += FrameLayout.frameLength(buffer.getInt(at + FrameLayout.EVENTS_LENGTH_OFFSET,
                        ByteOrder.LITTLE_ENDIAN), buffer.getByte(at + FrameLayout.CLIENT_ORDER_ID_LENGTH_OFFSET) & 0xFF))
                {
                    sequence = buffer.getLong(at + FrameLayout.SEQUENCE_OFFSET, ByteOrder.LITTLE_ENDIAN);
                }
                return sequence;
            }
        }
    }

    /**
     * Chronicle appenders check that one thread uses them; call this on the thread taking the writer over from
     * the one that created it (the pipeline stage's thread at its start). The writer is then closed on that same
     * thread (the stage's {@code onShutdown}), never from another.
     */
    public void handOverToCurrentThread()
    {
        ((SingleThreadedChecked)appender).singleThreadedCheckReset();
    }

    /**
     * Lets a {@link JournalPretoucher} follow this writer: touched ahead of each block written, detached before
     * the journal closes. Call before the writing thread starts.
     *
     * @param pretoucher the pretoucher, or {@code null} for none.
     */
    public void pretouchWith(final JournalPretoucher pretoucher)
    {
        this.pretoucher = pretoucher;
    }

    @Override
    public void close()
    {
        if (pretoucher != null)
        {
            pretoucher.detach();
        }
        if (!failed)
        {
            flush();
        }
        appender.close();
        queue.close();
    }
}
