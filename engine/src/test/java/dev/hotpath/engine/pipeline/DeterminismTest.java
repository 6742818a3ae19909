package dev.hotpath.engine.pipeline;

import dev.hotpath.engine.api.Command;
import dev.hotpath.engine.codec.FrameLayout;
import dev.hotpath.engine.core.EngineCore;
import dev.hotpath.engine.journal.EventJournalReader;
import dev.hotpath.engine.snapshot.SnapshotCodec;
import dev.hotpath.engine.snapshot.SnapshotStore;
import org.agrona.DirectBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.io.TempDir;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The engine is a pure function of its input journal: replaying it gives the same events (byte for byte, as
 * published in the event journal) and the same state; and snapshot + the journal after it equals a full
 * replay.
 */
class DeterminismTest
{
    private static final int COMMANDS = 20_000;

    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(ThreadingMode.class)
    void shouldReplayToTheSameEventsAndStateAndRecoverFromAMidRunSnapshot(final ThreadingMode mode) throws Exception
    {
        final EngineConfig config = TestFlow.config(dir).snapshotInterval(7_000).threadingMode(mode).build();
        final Engine engine = run(config);
        final byte[] liveState = SnapshotCodec.encode(engine.coreWhenStopped(), -1);

        final String journaled = digestOfEventJournal(config.eventJournalDirectory());
        final MessageDigest first = sha256();
        final EngineCore replayed = Replay.replay(config, config.inputJournalDirectory(),
            (cmd, events, length) -> digestFrame(first, cmd, events, length));
        final MessageDigest second = sha256();
        final EngineCore replayedAgain = Replay.replay(config, config.inputJournalDirectory(),
            (cmd, events, length) -> digestFrame(second, cmd, events, length));

        final String firstHash = HexFormat.of().formatHex(first.digest());
        assertEquals(journaled, firstHash, "replayed events equal the published event journal");
        assertEquals(firstHash, HexFormat.of().formatHex(second.digest()), "two replays agree");
        assertArrayEquals(liveState, SnapshotCodec.encode(replayed, -1), "replayed state equals the live state");
        assertArrayEquals(liveState, SnapshotCodec.encode(replayedAgain, -1));
        assertEquals(COMMANDS, replayed.lastSequence());
        assertArrayEquals(liveState, SnapshotCodec.encode(Replay.rebuild(config, config.inputJournalDirectory()), -1),
            "a rebuild without events reaches the same state");

        // Drop the shutdown snapshot: recovery must then use the mid-run one (at 14,000) plus the journal after it.
        final List<Path> snapshots;
        try (Stream<Path> files = Files.list(config.snapshotDirectory()))
        {
            snapshots = files.sorted().toList();
        }
        Files.delete(snapshots.get(snapshots.size() - 1));
        assertEquals(14_000, SnapshotStore.load(
            new SnapshotStore(config.snapshotDirectory(), 10).latest().orElseThrow(), config).core().lastSequence());
        final Recovery.Result recovered = Recovery.recover(config, null);
        assertEquals(14_000, recovered.fromSnapshot());
        assertEquals(COMMANDS - 14_000, recovered.replayed());
        assertArrayEquals(liveState, SnapshotCodec.encode(recovered.core(), -1), "snapshot + journal = full replay");
    }

    @ParameterizedTest
    @EnumSource(value = ThreadingMode.class, names = {"DEDICATED", "INVOKER"})
    void shouldWriteTheSameEventJournalInEveryThreadingMode(final ThreadingMode mode) throws Exception
    {
        final EngineConfig shared = TestFlow.config(dir.resolve("shared")).snapshotInterval(7_000)
            .threadingMode(ThreadingMode.SHARED).build();
        final EngineConfig other = TestFlow.config(dir.resolve(mode.name())).snapshotInterval(7_000)
            .threadingMode(mode).build();
        final Engine one = run(shared);
        final Engine two = run(other);
        assertEquals(digestOfEventJournal(shared.eventJournalDirectory()),
            digestOfEventJournal(other.eventJournalDirectory()), "event journals are byte-identical");
        assertArrayEquals(SnapshotCodec.encode(one.coreWhenStopped(), -1),
            SnapshotCodec.encode(two.coreWhenStopped(), -1), "states are equal");
    }

    /** Runs the seeded flow through a new engine and closes it. */
    private static Engine run(final EngineConfig config) throws InterruptedException
    {
        final CountDownLatch published = new CountDownLatch(COMMANDS);
        final Engine engine = new Engine(config, event -> published.countDown()).start();
        final InvokingThread invoking = InvokingThread.of(engine);
        final TestFlow flow = new TestFlow(42);
        final Command command = new Command();
        try
        {
            for (int i = 0; i < COMMANDS; i++)
            {
                assertTrue(engine.publish(flow.next(command), i));
            }
            assertTrue(published.await(60, TimeUnit.SECONDS));
        }
        finally
        {
            invoking.close();
            engine.close();
        }
        return engine;
    }

    private static String digestOfEventJournal(final Path events)
    {
        final MessageDigest digest = sha256();
        try (EventJournalReader reader = new EventJournalReader(events))
        {
            final byte[] scratch = new byte[1 << 16];
            int count;
            do
            {
                count = reader.poll((DirectBuffer frame, int length, long index) ->
                {
                    frame.getBytes(0, scratch, 0, length);
                    digest.update(scratch, 0, length);
                }, 1000);
            }
            while (count > 0);
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static void digestFrame(final MessageDigest digest, final Command cmd, final byte[] events, final int length)
    {
        final ByteBuffer header = ByteBuffer.allocate(FrameLayout.HEADER_LENGTH).order(ByteOrder.LITTLE_ENDIAN);
        header.putLong(FrameLayout.SEQUENCE_OFFSET, cmd.sequence);
        header.putLong(FrameLayout.TIMESTAMP_OFFSET, cmd.timestampNs);
        header.putLong(FrameLayout.ORDER_ID_OFFSET, cmd.orderId);
        header.putLong(FrameLayout.ACCOUNT_ID_OFFSET, cmd.accountId);
        header.put(FrameLayout.COMMAND_TYPE_OFFSET, cmd.type);
        header.putInt(FrameLayout.EVENTS_LENGTH_OFFSET, length);
        digest.update(header.array());
        digest.update(events, 0, length);
    }

    private static MessageDigest sha256()
    {
        try
        {
            return MessageDigest.getInstance("SHA-256");
        }
        catch (final java.security.NoSuchAlgorithmException ex)
        {
            throw new IllegalStateException(ex);
        }
    }
}
