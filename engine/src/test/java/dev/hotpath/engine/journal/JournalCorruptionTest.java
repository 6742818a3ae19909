package dev.hotpath.engine.journal;

import dev.hotpath.engine.api.Command;
import dev.hotpath.engine.api.OrderType;
import dev.hotpath.engine.api.Side;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.wire.DocumentContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static dev.hotpath.engine.support.JournalFiles.indexOf;
import static dev.hotpath.engine.support.JournalFiles.onlyQueueFile;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A damaged or foreign journal stops replay with the file and position, never a silent partial state. */
class JournalCorruptionTest
{
    private static final long MARKER_PRICE = 0x1122334455667788L;

    @TempDir
    Path dir;

    @Test
    void shouldReportFileAndIndexOfARecordWithAFlippedBit() throws Exception
    {
        final Path journal = dir.resolve("input");
        writeCommands(journal, 10, 6);
        final Path file = onlyQueueFile(journal);
        final byte[] bytes = Files.readAllBytes(file);
        final int at = indexOf(bytes, MARKER_PRICE);
        assertTrue(at > 0, "marker record found in " + file);
        bytes[at + 1] ^= 0x01;
        Files.write(file, bytes);

        final Command command = new Command();
        try (InputJournalReader reader = new InputJournalReader(journal))
        {
            // the ten commands are one block, checked whole before any of it is handed out: none is replayed
            final JournalCorruptedException ex = assertThrows(JournalCorruptedException.class, () -> reader.next(command));
            assertTrue(ex.getMessage().contains("checksum mismatch"), ex.getMessage());
            assertTrue(ex.getMessage().contains(file.getFileName().toString()), ex.getMessage());
            assertTrue(ex.getMessage().contains("index 0x"), ex.getMessage());
        }
    }

    @Test
    void shouldRefuseAJournalOfAnotherFormatVersion()
    {
        final Path journal = dir.resolve("future");
        try (SingleChronicleQueue queue = Journals.open(journal); ExcerptAppender appender = queue.createAppender())
        {
            final ByteBuffer header = ByteBuffer.allocate(JournalFormat.HEADER_LENGTH).order(ByteOrder.LITTLE_ENDIAN);
            header.putLong(JournalFormat.MAGIC).putInt(99).put(JournalFormat.KIND_INPUT);
            try (DocumentContext dc = appender.writingDocument())
            {
                dc.wire().bytes().write(header.array());
            }
        }
        final JournalCorruptedException ex =
            assertThrows(JournalCorruptedException.class, () -> new InputJournalReader(journal).close());
        assertTrue(ex.getMessage().contains("version 99"), ex.getMessage());
        assertTrue(ex.getMessage().contains(journal.toString()), ex.getMessage());
    }

    @Test
    void shouldRefuseAnEventJournalWhereAnInputJournalIsExpected()
    {
        final Path journal = dir.resolve("events");
        new EventJournalWriter(journal).close();
        final JournalCorruptedException ex =
            assertThrows(JournalCorruptedException.class, () -> new InputJournalReader(journal).close());
        assertTrue(ex.getMessage().contains("kind 'E'"), ex.getMessage());
    }

    @Test
    void shouldReadBackEveryCommandOfAnIntactJournal()
    {
        final Path journal = dir.resolve("input");
        writeCommands(journal, 100, -1);
        final Command command = new Command();
        try (InputJournalReader reader = new InputJournalReader(journal))
        {
            for (int i = 1; i <= 100; i++)
            {
                assertTrue(reader.next(command));
                assertEquals(i, command.sequence);
                assertEquals(i, command.orderId);
            }
            assertFalse(reader.next(command));
        }
    }

    @Test
    void shouldCarryClientOrderIdsThroughBothJournals()
    {
        final Path input = dir.resolve("input");
        final Path events = dir.resolve("events");
        final String longest = "x".repeat(Command.MAX_CLIENT_ORDER_ID_LENGTH);
        try (InputJournalWriter in = new InputJournalWriter(input, Durability.PROCESS_CRASH);
            EventJournalWriter out = new EventJournalWriter(events))
        {
            final Command command = new Command();
            for (int i = 1; i <= 3; i++)
            {
                command.place(i, i, 1, 0, Side.BUY.code(), OrderType.LIMIT.code(), 100, 1);
                if (i == 1)
                {
                    command.clientOrderId("order-1");
                }
                else if (i == 3)
                {
                    command.clientOrderId(longest);
                }
                command.sequence = i;
                in.append(command);
                out.append(command, new org.agrona.concurrent.UnsafeBuffer(new byte[] {1, 2, 3}), 3);
            }
        }
        final Command command = new Command();
        try (InputJournalReader reader = new InputJournalReader(input))
        {
            assertTrue(reader.next(command));
            assertEquals("order-1", command.clientOrderIdString());
            assertTrue(reader.next(command));
            assertEquals(null, command.clientOrderIdString());
            assertTrue(reader.next(command));
            assertEquals(longest, command.clientOrderIdString());
            assertFalse(reader.next(command));
            reader.checkReachedEnd();
        }
        final List<String> ids = new java.util.ArrayList<>();
        final List<Integer> eventLengths = new java.util.ArrayList<>();
        try (EventJournalReader reader = new EventJournalReader(events))
        {
            reader.poll((frame, length, index) ->
            {
                ids.add(dev.hotpath.engine.codec.FrameLayout.clientOrderId(frame));
                eventLengths.add(dev.hotpath.engine.codec.FrameLayout.eventsLength(frame));
            }, 10);
        }
        assertEquals(java.util.Arrays.asList("order-1", null, longest), ids);
        assertEquals(List.of(3, 3, 3), eventLengths);
    }

    @Test
    void shouldRefuseAnEventBlockWithAFlippedByte() throws Exception
    {
        final Path events = dir.resolve("events");
        try (EventJournalWriter out = new EventJournalWriter(events))
        {
            final Command command = new Command();
            for (int i = 1; i <= 20; i++)
            {
                command.place(i, i, 1, 0, Side.BUY.code(), OrderType.LIMIT.code(), i == 7 ? MARKER_PRICE : 100, 1);
                command.sequence = i;
                out.append(command, new org.agrona.concurrent.UnsafeBuffer(new byte[8]), 8);
                out.flush();
            }
        }
        final Path file = onlyQueueFile(events);
        final byte[] bytes = Files.readAllBytes(file);
        // the marker is not in the frame (events are zeros here); flip a byte of frame 7's header instead
        final int at = indexOf(bytes, 7L);
        assertTrue(at > 0);
        bytes[at + 24] ^= 0x04; // its account id
        Files.write(file, bytes);
        final List<Long> read = new java.util.ArrayList<>();
        try (EventJournalReader reader = new EventJournalReader(events))
        {
            final JournalCorruptedException ex = assertThrows(JournalCorruptedException.class, () ->
            {
                while (reader.poll((frame, length, index) -> read.add(frame.getLong(0, ByteOrder.LITTLE_ENDIAN)), 100) > 0)
                {
                    // until the damage
                }
            });
            assertTrue(ex.getMessage().contains("checksum mismatch"), ex.getMessage());
            assertTrue(ex.getMessage().contains(file.getFileName().toString()), ex.getMessage());
        }
        assertEquals(List.of(1L, 2L, 3L, 4L, 5L, 6L), read, "the frames before the damaged block, and none after");
    }

    private static void writeCommands(final Path journal, final int count, final int markerAt)
    {
        try (InputJournalWriter writer = new InputJournalWriter(journal, Durability.PROCESS_CRASH))
        {
            final Command command = new Command();
            for (int i = 1; i <= count; i++)
            {
                command.place(i, i, 1, 0, Side.BUY.code(), OrderType.LIMIT.code(), i == markerAt ? MARKER_PRICE : 100, 1);
                command.sequence = i;
                writer.append(command);
            }
        }
    }
}
