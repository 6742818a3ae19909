package dev.hotpath.engine.journal;

import dev.hotpath.engine.api.Command;
import dev.hotpath.engine.codec.FrameLayout;
import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.core.io.SingleThreadedChecked;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.queue.TailerDirection;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.wire.DocumentContext;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.ByteOrder;
import java.nio.file.Path;

/**
 * Appends each command's output events, behind a {@link FrameLayout} header, to the event journal that other
 * processes (reporting, a market-data publisher) tail. One document per command, in sequence order.
 *
 * <p>Owned by the publisher thread.
 */
public final class EventJournalWriter implements AutoCloseable
{
    private final SingleChronicleQueue queue;
    private final ExcerptAppender appender;
    private final byte[] header = new byte[FrameLayout.HEADER_LENGTH];
    private final UnsafeBuffer headerBuffer = new UnsafeBuffer(header);

    /**
     * @param directory the journal directory (created if missing).
     */
    public EventJournalWriter(final Path directory)
    {
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
    public void append(final Command command, final byte[] events, final int eventsLength)
    {
        final UnsafeBuffer h = headerBuffer;
        h.putLong(FrameLayout.SEQUENCE_OFFSET, command.sequence, ByteOrder.LITTLE_ENDIAN);
        h.putLong(FrameLayout.TIMESTAMP_OFFSET, command.timestampNs, ByteOrder.LITTLE_ENDIAN);
        h.putLong(FrameLayout.ORDER_ID_OFFSET, command.orderId, ByteOrder.LITTLE_ENDIAN);
        h.putLong(FrameLayout.ACCOUNT_ID_OFFSET, command.accountId, ByteOrder.LITTLE_ENDIAN);
        h.putByte(FrameLayout.COMMAND_TYPE_OFFSET, command.type);
        h.putByte(FrameLayout.COMMAND_TYPE_OFFSET + 1, (byte)0);
        h.putShort(FrameLayout.COMMAND_TYPE_OFFSET + 2, (short)0);
        h.putInt(FrameLayout.EVENTS_LENGTH_OFFSET, eventsLength, ByteOrder.LITTLE_ENDIAN);
        try (DocumentContext dc = appender.writingDocument())
        {
            final Bytes<?> bytes = dc.wire().bytes();
            bytes.write(header, 0, header.length);
            bytes.write(events, 0, eventsLength);
        }
    }

    /**
     * The sequence of the last command whose events are in the journal: where recovery resumes publishing.
     *
     * @return the sequence, or 0 when the journal has no events yet.
     */
    public long lastSequence()
    {
        try (ExcerptTailer tailer = queue.createTailer())
        {
            tailer.direction(TailerDirection.BACKWARD).toEnd();
            try (DocumentContext dc = tailer.readingDocument())
            {
                if (!dc.isPresent())
                {
                    return 0;
                }
                final Bytes<?> bytes = dc.wire().bytes();
                if (bytes.readRemaining() < FrameLayout.HEADER_LENGTH)
                {
                    return 0;
                }
                final byte[] frame = new byte[FrameLayout.HEADER_LENGTH];
                bytes.read(frame, 0, frame.length);
                return new UnsafeBuffer(frame).getLong(FrameLayout.SEQUENCE_OFFSET, ByteOrder.LITTLE_ENDIAN);
            }
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
        appender.close();
        queue.close();
    }
}
