package dev.hotpath.engine.journal;

import dev.hotpath.engine.api.Command;
import dev.hotpath.engine.metrics.DutyCycleStallTracker;
import net.openhft.chronicle.core.io.SingleThreadedChecked;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.zip.CRC32C;

/**
 * Appends input commands to the input journal, the engine's record of truth: a command is acknowledged
 * only after it is here, and replaying this journal rebuilds the engine exactly.
 *
 * <p>Commands are gathered into a block (see {@link JournalFormat}) and the block is written as one Chronicle
 * document by {@link #flush()}, which the journaler calls at the end of every Disruptor batch, before the
 * batch's sequence becomes visible to the publisher; so nothing is acknowledged before its block is written.
 * A full block is written at once.
 *
 * <p>Owned by the journaler thread (Chronicle appenders are single-threaded).
 */
public final class InputJournalWriter implements AutoCloseable
{
    private final Path directory;
    private final SingleChronicleQueue queue;
    private final ExcerptAppender appender;
    private final Durability durability;
    private final DutyCycleStallTracker writes;
    private JournalPretoucher pretoucher;
    private boolean failed;
    private final byte[] block = new byte[JournalFormat.MAX_INPUT_BLOCK_LENGTH];
    private final UnsafeBuffer blockBuffer = new UnsafeBuffer(block);
    private final CRC32C crc = new CRC32C();
    private int count;
    private int blockLength = JournalFormat.BLOCK_HEADER_LENGTH;
    private long lastBlockIndex = -1;

    /**
     * @param directory  the journal directory (created if missing).
     * @param durability when a write counts as done.
     */
    public InputJournalWriter(final Path directory, final Durability durability)
    {
        this(directory, durability, new DutyCycleStallTracker("input journal write", DutyCycleStallTracker.DEFAULT_THRESHOLD_NS));
    }

    /**
     * @param directory  the journal directory (created if missing).
     * @param durability when a write counts as done.
     * @param writes     measures each block write (and its sync, with {@link Durability#POWER_LOSS}).
     */
    public InputJournalWriter(final Path directory, final Durability durability, final DutyCycleStallTracker writes)
    {
        this.writes = writes;
        this.directory = directory;
        this.queue = Journals.open(directory);
        this.appender = queue.createAppender();
        this.durability = durability;
        Journals.ensureHeader(queue, appender, JournalFormat.KIND_INPUT);
    }

    /**
     * Adds one command to the current block (writing the block when it is full).
     *
     * @param command the command, with its sequence set.
     * @return a position to resume reading from that is at or before this command's block: the Chronicle index
     *         of the last block written before it, or -1 when there is none (read from the start). Recovery
     *         seeks there and skips the commands a snapshot already holds.
     */
    public long append(final Command command)
    {
        final long resumeIndex = lastBlockIndex;
        blockLength += JournalFormat.encodeCommand(command, blockBuffer, blockLength, block, crc);
        if (++count == JournalFormat.MAX_BLOCK_COMMANDS)
        {
            writeBlock();
        }
        return resumeIndex;
    }

    /** Writes the current block and makes what was appended as durable as configured: at the end of each batch. */
    public void flush()
    {
        writeBlock();
        if (durability == Durability.POWER_LOSS)
        {
            final long startNs = System.nanoTime();
            appender.sync();
            writes.record(System.nanoTime() - startNs);
        }
    }

    private void writeBlock()
    {
        if (count == 0)
        {
            return;
        }
        final long startNs = System.nanoTime();
        blockBuffer.putInt(0, count, ByteOrder.LITTLE_ENDIAN);
        failed = true; // until the write returns: a failed journal writes nothing more, not even on close
        Journals.write(appender, block, blockLength, "input journal", directory);
        failed = false;
        lastBlockIndex = appender.lastIndexAppended();
        count = 0;
        blockLength = JournalFormat.BLOCK_HEADER_LENGTH;
        writes.record(System.nanoTime() - startNs);
        if (pretoucher != null)
        {
            pretoucher.writerAt(appender.wire().bytes());
        }
    }

    /**
     * Cuts off a torn last block found by recovery: writes the void marker that makes every reader skip it. Only
     * for a block that was never acknowledged (recovery checks that nothing of it was published).
     *
     * @param tornIndex the Chronicle index of the torn block, the journal's last document.
     */
    public void voidTornBlock(final long tornIndex)
    {
        writeBlock();
        final byte[] marker = new byte[JournalFormat.VOID_BLOCK_LENGTH];
        JournalFormat.encodeVoidMarker(new UnsafeBuffer(marker), marker, tornIndex, crc);
        Journals.write(appender, marker, marker.length, "input journal", directory);
        appender.sync();
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
