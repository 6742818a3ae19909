package dev.hotpath.engine.pipeline;

import dev.hotpath.engine.api.Command;
import dev.hotpath.engine.api.Instrument;
import dev.hotpath.engine.api.OrderType;
import dev.hotpath.engine.api.Side;
import dev.hotpath.engine.journal.DirectoryLock;
import dev.hotpath.engine.journal.JournalCorruptedException;
import dev.hotpath.engine.journal.JournalFormat;
import dev.hotpath.engine.journal.Journals;
import dev.hotpath.engine.snapshot.SnapshotCodec;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.wire.DocumentContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static dev.hotpath.engine.support.JournalFiles.indexOf;
import static dev.hotpath.engine.support.JournalFiles.onlyQueueFile;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What the engine does on start when its directory is damaged or busy: it refuses clearly (naming the journal,
 * the file and the position) rather than start on a partial state, except where it can prove nothing acknowledged
 * is lost — a torn last block that was never published, a damaged snapshot when the journal is whole.
 */
class RecoveryFaultsTest
{
    private static final long MARKER_PRICE = 0x0123456789ABL;

    @TempDir
    Path dir;

    private EngineConfig config(final long snapshotInterval)
    {
        return EngineConfig.builder()
            .directory(dir)
            .instruments(List.of(Instrument.simple(0, "AAA")))
            .ringSize(1024)
            .snapshotInterval(snapshotInterval)
            .build();
    }

    /** Runs {@code commands} resting orders through an engine (one batch each), then closes it. */
    private byte[] run(final EngineConfig config, final int from, final int commands, final int markerAt)
        throws InterruptedException
    {
        final CountDownLatch done = new CountDownLatch(commands);
        final Engine engine = new Engine(config, event -> done.countDown()).start();
        try
        {
            final Command command = new Command();
            for (int i = from; i < from + commands; i++)
            {
                assertTrue(engine.publish(command.place(i, i, 1, 0, Side.BUY.code(), OrderType.LIMIT.code(),
                    i == markerAt ? MARKER_PRICE : 100 + i % 50, 1), i));
                if (i % 10 == 0)
                {
                    awaitCount(done, from + commands - i - 1); // several blocks, not one
                }
            }
            assertTrue(done.await(30, TimeUnit.SECONDS));
        }
        finally
        {
            engine.close();
        }
        return SnapshotCodec.encode(engine.coreWhenStopped(), -1);
    }

    private static void awaitCount(final CountDownLatch latch, final long count) throws InterruptedException
    {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (latch.getCount() > count && System.nanoTime() < deadline)
        {
            Thread.onSpinWait();
        }
    }

    private void deleteSnapshots() throws IOException
    {
        try (Stream<Path> files = Files.list(config(0).snapshotDirectory()))
        {
            for (final Path f : files.toList())
            {
                Files.delete(f);
            }
        }
    }

    @Test
    void shouldRefuseASecondEngineOnTheSameDirectory()
    {
        final Engine first = new Engine(config(0), EngineListener.NONE).start();
        try
        {
            final DirectoryLock.DirectoryInUseException ex = assertThrows(DirectoryLock.DirectoryInUseException.class,
                () -> new Engine(config(0), EngineListener.NONE).start());
            assertTrue(ex.getMessage().contains(dir.toString()), ex.getMessage());
            assertEquals(Long.toString(ProcessHandle.current().pid()), ex.holderPid());
        }
        finally
        {
            first.close();
        }
        new Engine(config(0), EngineListener.NONE).start().close(); // released on close
    }

    @Test
    void shouldRefuseAnInputJournalWithADamagedHeaderInTheMiddle() throws Exception
    {
        run(config(0), 1, 200, 101);
        deleteSnapshots(); // as after kill -9: no snapshot at the end
        final Path file = onlyQueueFile(config(0).inputJournalDirectory());
        final byte[] bytes = Files.readAllBytes(file);
        final int record = indexOf(bytes, MARKER_PRICE) - 40;
        // the marker's block: find the Chronicle header in front of its block (count, then records)
        final int header = findBlockHeader(bytes, record);
        bytes[header] = 0;
        bytes[header + 1] = 0;
        bytes[header + 2] = 0;
        bytes[header + 3] = 0;
        Files.write(file, bytes);

        final JournalCorruptedException ex = assertThrows(JournalCorruptedException.class,
            () -> new Engine(config(0), EngineListener.NONE).start());
        assertTrue(ex.getMessage().contains("input journal"), ex.getMessage());
        assertTrue(ex.getMessage().contains("damaged document header") || ex.getMessage().contains("records are missing"),
            ex.getMessage());
    }

    @Test
    void shouldCutOffATornLastBlockThatWasNeverPublished() throws Exception
    {
        final byte[] state = run(config(0), 1, 100, -1);
        deleteSnapshots();
        // a last block whose write failed: its first bytes made it, the rest did not
        try (SingleChronicleQueue queue = Journals.open(config(0).inputJournalDirectory());
            ExcerptAppender appender = queue.createAppender())
        {
            final ByteBuffer torn = ByteBuffer.allocate(4 + 2 * JournalFormat.COMMAND_RECORD_LENGTH).order(ByteOrder.LITTLE_ENDIAN).putInt(2).put((byte)'P');
            try (DocumentContext dc = appender.writingDocument())
            {
                dc.wire().bytes().write(torn.array());
            }
        }
        final Engine recovered = new Engine(config(0), EngineListener.NONE).start();
        try
        {
            assertTrue(recovered.recovery().tornTailIndex() >= 0, "torn tail found");
            assertEquals(100, recovered.coreWhenStopped().lastSequence());
        }
        finally
        {
            recovered.close();
        }
        assertArrayEquals(state, SnapshotCodec.encode(recovered.coreWhenStopped(), -1));
        deleteSnapshots();

        // later starts skip the cut block, and what came after it is kept
        run(config(0), 101, 5, -1);
        deleteSnapshots();
        final Engine again = new Engine(config(0), EngineListener.NONE).start();
        again.close();
        assertEquals(105, again.coreWhenStopped().lastSequence());
        assertEquals(-1, again.recovery().tornTailIndex());
    }

    @Test
    void shouldRefuseADamagedLastBlockWhoseCommandsWerePublished() throws Exception
    {
        run(config(0), 1, 50, 50);
        deleteSnapshots();
        final Path file = onlyQueueFile(config(0).inputJournalDirectory());
        final byte[] bytes = Files.readAllBytes(file);
        bytes[indexOf(bytes, MARKER_PRICE) + 1] ^= 0x10;
        Files.write(file, bytes);

        final JournalCorruptedException ex = assertThrows(JournalCorruptedException.class,
            () -> new Engine(config(0), EngineListener.NONE).start());
        assertTrue(ex.getMessage().contains("checksum mismatch"), ex.getMessage());
        assertTrue(ex.getMessage().contains(file.getFileName().toString()), ex.getMessage());
    }

    @Test
    void shouldRefuseAnEventJournalWhoseLastBlockIsDamaged() throws Exception
    {
        run(config(0), 1, 30, 30);
        final Path file = onlyQueueFile(config(0).eventJournalDirectory());
        final byte[] bytes = Files.readAllBytes(file);
        final int at = indexOf(bytes, MARKER_PRICE);
        assertTrue(at > 0, "the marker order's accepted event is in the event journal");
        bytes[at] ^= 0x01;
        Files.write(file, bytes);

        final JournalCorruptedException ex = assertThrows(JournalCorruptedException.class,
            () -> new Engine(config(0), EngineListener.NONE).start());
        assertTrue(ex.getMessage().contains("event journal"), ex.getMessage());
        assertTrue(ex.getMessage().contains("checksum mismatch"), ex.getMessage());
    }

    @Test
    void shouldRefuseATruncatedEventJournal() throws Exception
    {
        run(config(0), 1, 300, -1);
        deleteSnapshots();
        final Path file = onlyQueueFile(config(0).eventJournalDirectory());
        final byte[] bytes = Files.readAllBytes(file);
        final int end = lastNonZero(bytes);
        // cut the file in the middle of its events (Chronicle files are sparse: the data ends long before the file)
        try (java.nio.channels.FileChannel channel = java.nio.channels.FileChannel.open(file,
            java.nio.file.StandardOpenOption.WRITE))
        {
            channel.truncate(end / 2);
        }
        final RuntimeException ex = assertThrows(RuntimeException.class,
            () -> new Engine(config(0), EngineListener.NONE).start());
        assertTrue(ex instanceof JournalCorruptedException, ex.toString());
        assertTrue(ex.getMessage().contains("event journal"), ex.getMessage());
    }

    private static int lastNonZero(final byte[] bytes)
    {
        int i = bytes.length - 1;
        while (i > 0 && bytes[i] == 0)
        {
            i--;
        }
        return i;
    }

    @Test
    void shouldFallBackToTheSnapshotBeforeADamagedOne() throws Exception
    {
        final byte[] state = run(config(50), 1, 400, -1);
        final Path newest;
        try (Stream<Path> files = Files.list(config(0).snapshotDirectory()))
        {
            final List<Path> snapshots = files.filter(p -> p.toString().endsWith(".bin")).sorted().toList();
            assertTrue(snapshots.size() >= 2, "snapshots: " + snapshots);
            newest = snapshots.get(snapshots.size() - 1);
        }
        final byte[] bytes = Files.readAllBytes(newest);
        bytes[bytes.length / 2] ^= 0x40;
        Files.write(newest, bytes);

        final Engine recovered = new Engine(config(0), EngineListener.NONE).start();
        recovered.close();
        assertTrue(recovered.recovery().fromSnapshot() < 400, "an older snapshot was used");
        assertTrue(recovered.recovery().replayed() > 0, "and the journal after it replayed");
        assertArrayEquals(state, SnapshotCodec.encode(recovered.coreWhenStopped(), -1));
        assertTrue(Files.exists(newest.resolveSibling(newest.getFileName() + ".damaged")), "kept aside");
    }

    @Test
    void shouldRefuseCommandsWhenTheDiskIsBelowItsReserve()
    {
        final String[] told = new String[1];
        final Engine engine = new Engine(EngineConfig.builder().directory(dir)
            .instruments(List.of(Instrument.simple(0, "AAA"))).ringSize(1024).snapshotInterval(0)
            .minFreeDiskBytes(Long.MAX_VALUE / 2).build(), new EngineListener()
            {
                @Override
                public void onCommandResult(final CommandEvent event)
                {
                }

                @Override
                public void onDiskSpace(final boolean low, final String detail)
                {
                    told[0] = detail;
                }
            }).start();
        try
        {
            assertTrue(engine.diskSpaceLow());
            assertFalse(engine.tryPublish(new Command().place(1, 1, 1, 0, Side.BUY.code(), OrderType.LIMIT.code(),
                100, 1), 1));
            assertTrue(engine.intakeRefusal().contains("journal disk nearly full: " + dir), engine.intakeRefusal());
            assertTrue(told[0] != null && told[0].contains("below the reserve"), told[0]);
        }
        finally
        {
            engine.close();
        }
        final Engine roomy = new Engine(config(0), EngineListener.NONE).start();
        try
        {
            assertFalse(roomy.diskSpaceLow());
            assertNull(roomy.intakeRefusal());
        }
        finally
        {
            roomy.close();
        }
    }

    /**
     * The Chronicle document header of the block holding a record: walks back from the record over whole records
     * ({@link JournalFormat#COMMAND_RECORD_LENGTH} bytes each, no client ids here) to the block's count, which is followed by exactly that many records.
     */
    private static int findBlockHeader(final byte[] bytes, final int record)
    {
        final ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        for (int before = 0; before < 256; before++)
        {
            final int countAt = record - before * JournalFormat.COMMAND_RECORD_LENGTH - 4;
            final int count = b.getInt(countAt);
            final int length = b.getInt(countAt - 4) & 0x3FFFFFFF;
            if (count > before && length == 4 + count * JournalFormat.COMMAND_RECORD_LENGTH)
            {
                return countAt - 4;
            }
        }
        throw new AssertionError("no block header found before byte " + record);
    }
}
