package dev.hotpath.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * One line per snapshot in a node's {@code state-hashes.log}: the engine's last sequence and the CRC32C of its
 * encoded state ({@code "<sequence> <crc32c in hex>"}). Every node takes a snapshot at the same log position, so
 * nodes whose engines agree write the same line: how the tests (and an operator) check that the replicas are
 * identical.
 *
 * <p>Called on the service container's thread.
 */
public final class StateHashLog
{
    /** The file's name in a node's directory. */
    public static final String FILE_NAME = "state-hashes.log";

    private final Path file;

    /** @param file the log file (created on the first snapshot). */
    public StateHashLog(final Path file)
    {
        this.file = file;
    }

    /**
     * @param sequence the engine's last sequence.
     * @param state    the encoded state.
     */
    void record(final long sequence, final byte[] state)
    {
        final String line = sequence + " " + Integer.toHexString(ServiceSnapshot.checksum(state, state.length)) + "\n";
        try
        {
            Files.writeString(file, line, StandardCharsets.US_ASCII, StandardOpenOption.CREATE,
                StandardOpenOption.APPEND);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot write " + file, ex);
        }
    }
}
