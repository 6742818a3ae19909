package dev.hotpath.cluster;

import dev.hotpath.engine.api.Command;
import dev.hotpath.engine.journal.JournalFormat;
import org.agrona.concurrent.UnsafeBuffer;

import java.util.zip.CRC32C;

/**
 * Writes commands into a COMMANDS ingress message ({@link ClusterProtocol}): the header with the client's message
 * id, then the commands in the input journal's record layout, back to back: what {@link EngineService} reads. The
 * sequence and timestamp a client writes are replaced by the cluster's.
 *
 * <p>Owned by one sending thread.
 */
public final class CommandCodec
{
    /** The most commands one message carries. */
    public static final int MAX_BATCH = JournalFormat.MAX_BLOCK_COMMANDS;

    private final byte[] bytes = new byte[ClusterProtocol.COMMANDS_HEADER_LENGTH +
        MAX_BATCH * JournalFormat.MAX_COMMAND_RECORD_LENGTH];
    private final UnsafeBuffer buffer = new UnsafeBuffer(bytes);
    private final CRC32C crc = new CRC32C();
    private int length = ClusterProtocol.COMMANDS_HEADER_LENGTH;
    private int count;

    /** A codec with an empty message of id 0. */
    public CommandCodec()
    {
        reset();
    }

    /** Starts a new message, with message id 0 (for a client that matches answers by sequence). */
    public void reset()
    {
        reset(0);
    }

    /**
     * Starts a new message.
     *
     * @param messageId the id its answer will carry.
     */
    public void reset(final long messageId)
    {
        ClusterProtocol.commandsHeader(buffer, 0, messageId);
        length = ClusterProtocol.COMMANDS_HEADER_LENGTH;
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

    /** @return the message (header included), from offset 0. */
    public UnsafeBuffer buffer()
    {
        return buffer;
    }

    /** @return its length in bytes, header included. */
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
