package dev.hotpath.cluster;

import dev.hotpath.engine.api.Command;
import dev.hotpath.engine.api.OrderType;
import dev.hotpath.engine.api.Side;
import dev.hotpath.engine.codec.EventEncoder;
import dev.hotpath.engine.codec.FrameLayout;
import dev.hotpath.engine.core.EngineCore;
import dev.hotpath.engine.journal.EventJournalReader;
import dev.hotpath.engine.journal.EventJournalWriter;
import dev.hotpath.engine.pipeline.EngineConfig;
import org.agrona.DirectBuffer;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What a node does with the log's messages, without Aeron: {@link ClusterEngine}. */
class ClusterEngineTest
{
    private static final long TIME = 1_700_000_000_000_000_000L;
    private static final long ORIGIN = 42;

    @TempDir
    Path dir;

    @Test
    void appliesEachCommandAsTheLocalEngineDoesAndJournalsWhatItAnswers()
    {
        final EngineConfig config = ClusterMain.engineConfig(dir);
        final List<Command> commands = randomOrders(500, 7);
        final List<byte[]> answers = new ArrayList<>();
        try (EventJournalWriter journal = new EventJournalWriter(dir.resolve("events")))
        {
            final ClusterEngine engine = new ClusterEngine(new EngineCore(config), journal);
            for (int i = 0; i < commands.size(); i += 5) // five commands a message
            {
                final CommandCodec codec = new CommandCodec();
                for (int j = i; j < i + 5; j++)
                {
                    codec.add(commands.get(j));
                }
                final int length = engine.apply(TIME + i, ORIGIN, codec.buffer(), 0, codec.length());
                splitFrames(engine.answer(), length, answers);
            }
        }
        assertEquals(commands.size(), answers.size(), "one frame per command");

        final EngineCore local = new EngineCore(config);
        final EventEncoder encoder = new EventEncoder();
        final ExpandableArrayBuffer events = new ExpandableArrayBuffer();
        for (int i = 0; i < commands.size(); i++)
        {
            final Command c = commands.get(i);
            c.sequence = i + 1;
            c.timestampNs = TIME + i / 5 * 5; // the log's time for the message the command came in
            encoder.wrap(events);
            local.apply(c, encoder);
            final byte[] frame = answers.get(i);
            final UnsafeBuffer f = new UnsafeBuffer(frame);
            assertEquals(i + 1, f.getLong(FrameLayout.SEQUENCE_OFFSET, ByteOrder.LITTLE_ENDIAN), "sequences from 1");
            assertEquals(c.timestampNs, f.getLong(FrameLayout.TIMESTAMP_OFFSET, ByteOrder.LITTLE_ENDIAN),
                "the log's time, not the client's");
            assertEquals(c.orderId, f.getLong(FrameLayout.ORDER_ID_OFFSET, ByteOrder.LITTLE_ENDIAN));
            final byte[] expected = new byte[encoder.length()];
            events.getBytes(0, expected);
            assertArrayEquals(expected, Arrays.copyOfRange(frame, FrameLayout.HEADER_LENGTH,
                FrameLayout.HEADER_LENGTH + expected.length), "command " + (i + 1) + ": the local engine's events");
        }
        final List<byte[]> journaled = journalFrames(dir.resolve("events"));
        assertEquals(answers.size(), journaled.size());
        for (int i = 0; i < answers.size(); i++)
        {
            assertArrayEquals(answers.get(i), journaled.get(i), "frame " + (i + 1) + " journaled as answered");
        }
    }

    @Test
    void aReplayOfTheLogAnswersTheSameAndDoesNotJournalTwice()
    {
        final EngineConfig config = ClusterMain.engineConfig(dir);
        final List<Command> commands = randomOrders(200, 11);
        final List<byte[]> first = new ArrayList<>();
        final List<byte[]> second = new ArrayList<>();
        for (final List<byte[]> answers : List.of(first, second))
        {
            try (EventJournalWriter journal = new EventJournalWriter(dir.resolve("events")))
            {
                final ClusterEngine engine = new ClusterEngine(new EngineCore(config), journal); // a restart: empty
                for (int i = 0; i < commands.size(); i++)
                {
                    final CommandCodec codec = new CommandCodec();
                    codec.add(commands.get(i));
                    splitFrames(engine.answer(), engine.apply(TIME + i, ORIGIN, codec.buffer(), 0, codec.length()), answers);
                }
            }
        }
        assertEquals(first.size(), second.size());
        for (int i = 0; i < first.size(); i++)
        {
            assertArrayEquals(first.get(i), second.get(i), "replayed command " + (i + 1));
        }
        assertEquals(commands.size(), journalFrames(dir.resolve("events")).size(), "each command journaled once");
    }

    @Test
    void dropsMalformedRecordsAlikeOnEveryNode()
    {
        final EngineConfig config = ClusterMain.engineConfig(dir);
        final List<Command> commands = randomOrders(3, 3);
        final CommandCodec codec = new CommandCodec();
        commands.forEach(codec::add);
        final byte[] message = new byte[codec.length()];
        codec.buffer().getBytes(0, message);
        final int header = ClusterProtocol.COMMANDS_HEADER_LENGTH;
        final int recordLength = (codec.length() - header) / 3; // the random orders carry no client order id
        message[header + recordLength + 30] ^= 1; // the second record's CRC no longer matches
        try (EventJournalWriter journal = new EventJournalWriter(dir.resolve("events")))
        {
            final ClusterEngine engine = new ClusterEngine(new EngineCore(config), journal);
            final List<byte[]> answers = new ArrayList<>();
            splitFrames(engine.answer(), engine.apply(TIME, ORIGIN, new UnsafeBuffer(message), 0, message.length), answers);
            assertEquals(2, answers.size(), "the damaged record dropped, the others applied");
            assertEquals(commands.get(2).orderId,
                new UnsafeBuffer(answers.get(1)).getLong(FrameLayout.ORDER_ID_OFFSET, ByteOrder.LITTLE_ENDIAN));
            assertEquals(2, engine.core().lastSequence(), "a dropped record takes no sequence");

            final List<byte[]> none = new ArrayList<>();
            splitFrames(engine.answer(), engine.apply(TIME, ORIGIN, new UnsafeBuffer(message), 0, ClusterProtocol.COMMANDS_HEADER_LENGTH + 20), none);
            assertTrue(none.isEmpty(), "a truncated record is dropped");
            assertEquals(2, engine.malformedRecords());
            assertEquals(2, engine.core().lastSequence());
        }
    }

    @Test
    void refusesAnEventJournalThatEndsBeforeTheSnapshot()
    {
        final EngineConfig config = ClusterMain.engineConfig(dir);
        final EngineCore core = new EngineCore(config);
        core.restoreLastSequence(10); // as loaded from a snapshot at command 10
        try (EventJournalWriter journal = new EventJournalWriter(dir.resolve("events")))
        {
            final IllegalStateException refused = assertThrows(IllegalStateException.class,
                () -> new ClusterEngine(core, journal));
            assertTrue(refused.getMessage().contains("would be missing"), refused.getMessage());
        }
    }

    private static List<Command> randomOrders(final int count, final long seed)
    {
        final SplittableRandom random = new SplittableRandom(seed);
        final List<Command> commands = new ArrayList<>();
        for (int i = 0; i < count; i++)
        {
            final boolean buy = random.nextBoolean();
            commands.add(new Command().place(999, i + 1, 1 + random.nextInt(3), random.nextInt(2),
                buy ? Side.BUY.code() : Side.SELL.code(), OrderType.LIMIT.code(),
                10_000 + (buy ? -random.nextInt(4) : random.nextInt(4)) * 10L, (1 + random.nextInt(5)) * 10L));
        }
        return commands;
    }

    /** Checks an ANSWER's header (kind, frames, origin) and adds its frames to {@code into}. */
    private static void splitFrames(final DirectBuffer answer, final int length, final List<byte[]> into)
    {
        assertEquals(ClusterProtocol.ANSWER, ClusterProtocol.kind(answer, 0, length));
        assertEquals(ORIGIN, ClusterProtocol.first(answer, 0), "the sender's session");
        final int before = into.size();
        int at = ClusterProtocol.ANSWER_HEADER_LENGTH;
        while (at < length)
        {
            final int frameLength = FrameLayout.frameLength(
                answer.getInt(at + FrameLayout.EVENTS_LENGTH_OFFSET, ByteOrder.LITTLE_ENDIAN),
                answer.getByte(at + FrameLayout.CLIENT_ORDER_ID_LENGTH_OFFSET) & 0xFF);
            final byte[] frame = new byte[frameLength];
            answer.getBytes(at, frame);
            into.add(frame);
            at += frameLength;
        }
        assertEquals(ClusterProtocol.count(answer, 0), into.size() - before, "the header counts the frames");
    }

    private static List<byte[]> journalFrames(final Path events)
    {
        final List<byte[]> frames = new ArrayList<>();
        try (EventJournalReader reader = new EventJournalReader(events))
        {
            while (reader.poll((frame, length, index) ->
            {
                final byte[] bytes = new byte[length];
                frame.getBytes(0, bytes);
                frames.add(bytes);
            }, 1000) > 0)
            {
                // to the end
            }
        }
        return frames;
    }
}
