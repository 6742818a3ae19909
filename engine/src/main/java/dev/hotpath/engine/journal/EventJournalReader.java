package dev.hotpath.engine.journal;

import dev.hotpath.engine.codec.FrameLayout;
import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.wire.DocumentContext;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Tails the event journal, possibly from another process while the engine writes it: each call to
 * {@link #poll} hands the frames (one command's events behind a {@link FrameLayout} header) that are new
 * since the last call. Decode the events with {@link dev.hotpath.engine.codec.EventDecoder}.
 *
 * <p>Owned by one thread.
 */
public final class EventJournalReader implements AutoCloseable
{
    private final SingleChronicleQueue queue;
    private final ExcerptTailer tailer;
    private final String name;
    private byte[] frame = new byte[4096];
    private final UnsafeBuffer frameBuffer = new UnsafeBuffer(frame);
    private boolean headerChecked;
    private long lastSequence;
    private long lastIndex = -1;

    /** Receives one frame. */
    @FunctionalInterface
    public interface FrameHandler
    {
        /**
         * @param frame  holds the frame; valid only during the call.
         * @param length header plus events.
         * @param index  the frame's Chronicle index, to resume after it with {@link #seekAfter}.
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
     * @param index        the Chronicle index of the last frame handled.
     * @param lastSequence that frame's sequence.
     */
    public void seekAfter(final long index, final long lastSequence)
    {
        ensureHeader();
        if (!tailer.moveToIndex(index))
        {
            throw new JournalCorruptedException(name, null, index, "position to resume from is missing", null);
        }
        try (DocumentContext dc = tailer.readingDocument())
        {
            if (!dc.isPresent())
            {
                throw new JournalCorruptedException(name, null, index, "position to resume from is missing", null);
            }
        }
        this.lastSequence = lastSequence;
        this.lastIndex = index;
    }

    /**
     * Hands new frames to the handler.
     *
     * @param handler receives the frames.
     * @param limit   the most frames to hand over in this call.
     * @return how many frames were handed over (0 when nothing new).
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
            final long index;
            final int length;
            try (DocumentContext dc = tailer.readingDocument())
            {
                if (!dc.isPresent())
                {
                    break;
                }
                index = dc.index();
                final Bytes<?> bytes = dc.wire().bytes();
                length = (int)bytes.readRemaining();
                if (length > frame.length)
                {
                    frame = Arrays.copyOf(frame, Math.max(length, frame.length * 2));
                    frameBuffer.wrap(frame);
                }
                bytes.read(frame, 0, length);
            }
            if (length < FrameLayout.HEADER_LENGTH ||
                frameBuffer.getInt(FrameLayout.EVENTS_LENGTH_OFFSET, ByteOrder.LITTLE_ENDIAN) !=
                length - FrameLayout.HEADER_LENGTH)
            {
                throw new JournalCorruptedException(name, tailer.currentFile(), index, "malformed frame", null);
            }
            final long sequence = frameBuffer.getLong(FrameLayout.SEQUENCE_OFFSET, ByteOrder.LITTLE_ENDIAN);
            if (lastSequence != 0 && sequence != lastSequence + 1)
            {
                throw new JournalCorruptedException(name, tailer.currentFile(), index,
                    "sequence " + sequence + " follows " + lastSequence, null);
            }
            lastSequence = sequence;
            lastIndex = index;
            handler.onFrame(frameBuffer, length, index);
            count++;
        }
        return count;
    }

    /** @return the sequence of the last frame handed over (0 before the first). */
    public long lastSequence()
    {
        return lastSequence;
    }

    /** @return the Chronicle index of the last frame handed over (-1 before the first). */
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
        tailer.close();
        queue.close();
    }
}
