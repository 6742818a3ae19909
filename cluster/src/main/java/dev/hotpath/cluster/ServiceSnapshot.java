package dev.hotpath.cluster;

import dev.hotpath.engine.core.EngineCore;
import dev.hotpath.engine.pipeline.EngineConfig;
import dev.hotpath.engine.snapshot.SnapshotCodec;
import io.aeron.ExclusivePublication;
import io.aeron.Image;
import io.aeron.Publication;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.UnsafeBuffer;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.nio.ByteOrder;
import java.util.zip.CRC32C;

/**
 * The engine's state in an Aeron Cluster snapshot: the local engine's snapshot codec ({@link SnapshotCodec}),
 * cut into messages the snapshot publication takes. The first message is a header (a magic number, the state's
 * length and its CRC32C); the state's bytes follow in as many messages as they need. A snapshot whose bytes do
 * not add up to the header's length, or whose checksum differs, is refused: the node does not start on it.
 *
 * <p>Stateless; called on the service container's thread.
 */
final class ServiceSnapshot
{
    /** "HPCLSNAP" in ASCII. */
    static final long MAGIC = 0x50414E534C435048L;
    private static final int HEADER_LENGTH = 16;

    private ServiceSnapshot()
    {
    }

    /**
     * Writes the state into a snapshot publication.
     *
     * @param core        the engine.
     * @param publication Aeron's snapshot publication.
     * @param idle        how to wait while the publication is back-pressured.
     * @return the bytes written (the codec's encoding), for the state's checksum.
     */
    static byte[] write(final EngineCore core, final ExclusivePublication publication, final IdleStrategy idle)
    {
        final byte[] state = SnapshotCodec.encode(core, -1);
        final UnsafeBuffer header = new UnsafeBuffer(new byte[HEADER_LENGTH]);
        header.putLong(0, MAGIC, ByteOrder.LITTLE_ENDIAN);
        header.putInt(8, state.length, ByteOrder.LITTLE_ENDIAN);
        header.putInt(12, checksum(state, state.length), ByteOrder.LITTLE_ENDIAN);
        offer(publication, header, 0, HEADER_LENGTH, idle);
        final UnsafeBuffer bytes = new UnsafeBuffer(state);
        final int chunk = publication.maxPayloadLength();
        for (int at = 0; at < state.length; at += chunk)
        {
            offer(publication, bytes, at, Math.min(chunk, state.length - at), idle);
        }
        return state;
    }

    private static void offer(final ExclusivePublication publication, final UnsafeBuffer buffer, final int offset,
        final int length, final IdleStrategy idle)
    {
        idle.reset();
        long result;
        while ((result = publication.offer(buffer, offset, length)) < 0)
        {
            if (result == Publication.CLOSED || result == Publication.MAX_POSITION_EXCEEDED)
            {
                throw new IllegalStateException("the snapshot publication refused the engine's state: " + result);
            }
            idle.idle();
        }
    }

    /**
     * Reads the state back.
     *
     * @param image  Aeron's snapshot image.
     * @param config the engine's config; its instruments must match the snapshot's.
     * @param idle   how to wait for more of the image.
     * @return the engine, at the snapshot's last sequence.
     */
    static EngineCore load(final Image image, final EngineConfig config, final IdleStrategy idle)
    {
        final Assembly assembly = new Assembly();
        idle.reset();
        while (!assembly.complete())
        {
            final int fragments = image.poll(assembly::onFragment, 16);
            if (fragments == 0)
            {
                if (image.isEndOfStream() || image.isClosed())
                {
                    throw new IllegalStateException("the cluster's snapshot ended after " + assembly.received +
                        " of " + assembly.expected + " bytes of the engine's state: not starting on a partial state");
                }
                idle.idle();
            }
            else
            {
                idle.reset();
            }
        }
        if (checksum(assembly.state, assembly.state.length) != assembly.checksum)
        {
            throw new IllegalStateException("the cluster's snapshot of the engine's state fails its checksum: " +
                "not starting on a damaged state");
        }
        try
        {
            return SnapshotCodec.decode(new DataInputStream(new ByteArrayInputStream(assembly.state)), config,
                "cluster snapshot").core();
        }
        catch (final IOException ex)
        {
            throw new IllegalStateException("the cluster's snapshot cannot be read: " + ex.getMessage(), ex);
        }
    }

    static int checksum(final byte[] bytes, final int length)
    {
        final CRC32C crc = new CRC32C();
        crc.update(bytes, 0, length);
        return (int)crc.getValue();
    }

    /** The state as its messages arrive. */
    private static final class Assembly
    {
        byte[] state;
        int expected = -1;
        int received;
        int checksum;

        void onFragment(final org.agrona.DirectBuffer buffer, final int offset, final int length,
            final io.aeron.logbuffer.Header header)
        {
            if (expected < 0)
            {
                if (length != HEADER_LENGTH || buffer.getLong(offset, ByteOrder.LITTLE_ENDIAN) != MAGIC)
                {
                    throw new IllegalStateException("the cluster's snapshot is not a hotpath engine snapshot");
                }
                expected = buffer.getInt(offset + 8, ByteOrder.LITTLE_ENDIAN);
                checksum = buffer.getInt(offset + 12, ByteOrder.LITTLE_ENDIAN);
                state = new byte[expected];
                return;
            }
            if (length > expected - received)
            {
                throw new IllegalStateException("the cluster's snapshot holds more bytes than its header says");
            }
            buffer.getBytes(offset, state, received, length);
            received += length;
        }

        boolean complete()
        {
            return expected >= 0 && received == expected;
        }
    }
}
