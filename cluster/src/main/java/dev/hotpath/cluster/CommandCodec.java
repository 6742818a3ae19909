package dev.hotpath.cluster;

import dev.hotpath.engine.api.Command;
import dev.hotpath.engine.journal.JournalFormat;
import org.agrona.concurrent.UnsafeBuffer;

import java.util.zip.CRC32C;

/**
 * Writes commands into an ingress message in the input journal's record layout, back to back: what
 * {@link EngineService} reads. The sequence and timestamp a client writes are replaced by the cluster's.
 *
 * <p>Owned by one sending thread.
 */
public final class CommandCodec
{
    /** The most commands one message carries. */
    public static final int MAX_BATCH = JournalFormat.MAX_BLOCK_COMMANDS;

    private final byte[] bytes = new byte[MAX_BATCH * JournalFormat.MAX_COMMAND_RECORD_LENGTH];
    private final UnsafeBuffer buffer = new UnsafeBuffer(bytes);
    private final CRC32C crc = new CRC32C();
    private int length;
    private int count;

    /** Starts a new message. */
    public void reset()
    {
        length = 0;
        count = 0;
    }

    /**
     * @param command appended to the message.
     * @return false when the message already holds {@link #MAX_BATCH} commands (nothing appended).
     */
    public boolean add(final Command command)
    {
        if (count == MAX_BATCH)
        {
            return false;
        }
        length += JournalFormat.encodeCommand(command, buffer, length, bytes, crc);
        count++;
        return true;
    }

    /** @return the message, from offset 0. */
    public UnsafeBuffer buffer()
    {
        return buffer;
    }

    /** @return its length in bytes. */
    public int length()
    {
        return length;
    }

    /** @return the commands in it. */
    public int count()
    {
        return count;
    }
}
