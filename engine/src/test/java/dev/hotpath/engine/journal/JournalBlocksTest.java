package dev.hotpath.engine.journal;

import dev.hotpath.engine.api.Command;
import dev.hotpath.engine.api.OrderType;
import dev.hotpath.engine.api.Side;
import dev.hotpath.engine.codec.FrameLayout;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Journals hold one block per batch: a reader resumes from any position the writer handed out (for the input
 * journal) or any frame it delivered (for the event journal), skipping what came before inside the block.
 */
class JournalBlocksTest
{
    private static final int COMMANDS = 3_000;

    @TempDir
    Path dir;

    @Test
    void shouldResumeTheInputJournalAfterAnySequenceFromTheIndexAppendReturned()
    {
        final Path journal = dir.resolve("input");
        final long[] resumeIndex = new long[COMMANDS + 1];
        final SplittableRandom random = new SplittableRandom(7);
        try (InputJournalWriter writer = new InputJournalWriter(journal, Durability.PROCESS_CRASH))
        {
            final Command command = new Command();
            int untilFlush = 1;
            for (int i = 1; i <= COMMANDS; i++)
            {
                command.place(i, i, 1 + i % 5, 0, Side.BUY.code(), OrderType.LIMIT.code(), 100 + i, 1);
                command.sequence = i;
                resumeIndex[i] = writer.append(command);
                if (--untilFlush == 0) // batches of 1 to 600 commands: some span several full blocks
                {
                    writer.flush();
                    untilFlush = 1 + random.nextInt(600);
                }
            }
        }

        final Command command = new Command();
        for (final int after : new int[] {1, 2, 255, 256, 257, 1_000, 2_999})
        {
            try (InputJournalReader reader = new InputJournalReader(journal))
            {
                if (resumeIndex[after] >= 0)
                {
                    reader.seek(resumeIndex[after], after);
                }
                else
                {
                    for (int i = 1; i <= after; i++)
                    {
                        assertTrue(reader.next(command));
                    }
                }
                for (long expected = after + 1; expected <= COMMANDS; expected++)
                {
                    assertTrue(reader.next(command), "command " + expected + " after resuming at " + after);
                    assertEquals(expected, command.sequence);
                    assertEquals(100 + expected, command.price);
                }
                assertFalse(reader.next(command));
            }
        }
    }

    @Test
    void shouldDeliverEveryEventFrameOnceAndResumeInsideABlock()
    {
        final Path journal = dir.resolve("events");
        try (EventJournalWriter writer = new EventJournalWriter(journal))
        {
            final Command command = new Command();
            final UnsafeBuffer events = new UnsafeBuffer(new byte[3_000]);
            for (int i = 1; i <= COMMANDS; i++)
            {
                command.cancel(i, i, 1);
                command.sequence = i;
                writer.append(command, events, i % 3_000); // frames of 40 to 3,039 bytes: blocks close on size
                if (i % 97 == 0)
                {
                    writer.flush();
                }
            }
        }
        final List<long[]> delivered = new ArrayList<>(); // sequence, index
        try (EventJournalReader reader = new EventJournalReader(journal))
        {
            while (reader.poll((frame, length, index) ->
            {
                assertEquals(FrameLayout.HEADER_LENGTH + frame.getInt(FrameLayout.EVENTS_LENGTH_OFFSET,
                    ByteOrder.LITTLE_ENDIAN), length);
                delivered.add(new long[] {frame.getLong(FrameLayout.SEQUENCE_OFFSET, ByteOrder.LITTLE_ENDIAN), index});
            }, 10) > 0)
            {
                // until the end, ten at a time so that polls stop inside blocks
            }
        }
        assertEquals(COMMANDS, delivered.size());
        for (int i = 0; i < COMMANDS; i++)
        {
            assertEquals(i + 1, delivered.get(i)[0]);
        }

        for (final int after : new int[] {1, 96, 97, 98, 1_500, 2_999})
        {
            final long[] last = delivered.get(after - 1);
            try (EventJournalReader reader = new EventJournalReader(journal))
            {
                reader.seekAfter(last[1], last[0]);
                final List<Long> rest = new ArrayList<>();
                while (reader.poll((frame, length, index) ->
                    rest.add(frame.getLong(FrameLayout.SEQUENCE_OFFSET, ByteOrder.LITTLE_ENDIAN)), 1_000) > 0)
                {
                    // until the end
                }
                assertEquals(COMMANDS - after, rest.size(), "frames after " + after);
                assertEquals(after + 1, rest.get(0));
            }
        }
        try (EventJournalWriter writer = new EventJournalWriter(journal))
        {
            assertEquals(COMMANDS, writer.lastSequence());
        }
    }
}
