package dev.hotpath.engine.snapshot;

import dev.hotpath.engine.core.CoreConfig;

import dev.hotpath.engine.core.EngineCore;
import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import java.util.zip.CRC32C;

/**
 * A directory of snapshot files, {@code <prefix><sequence>.bin}: each a state's bytes followed by their CRC32C.
 * A snapshot is written to a temporary file, forced to disk and renamed, so a crash never leaves a half-written
 * snapshot under the real name; a damaged one is refused with its file name. The engine's snapshots
 * ({@code snapshot-}, the {@link SnapshotCodec} bytes) live in one; other processes' projections (the
 * gateway's) keep theirs in another with the same rules.
 *
 * <p>Not thread-safe; used by one thread at a time (the snapshotter's, or the thread that starts or closes the
 * engine).
 */
public final class SnapshotStore
{
    private static final String ENGINE_PREFIX = "snapshot-";
    private static final String SUFFIX = ".bin";

    private final Path directory;
    private final String prefix;
    private final int keep;

    /**
     * The engine's snapshots.
     *
     * @param directory where snapshots live (created if missing).
     * @param keep      how many of the newest snapshots to keep (older ones are deleted).
     */
    public SnapshotStore(final Path directory, final int keep)
    {
        this(directory, ENGINE_PREFIX, keep);
    }

    /**
     * @param directory where snapshots live (created if missing).
     * @param prefix    what the file names start with.
     * @param keep      how many of the newest snapshots to keep (older ones are deleted).
     */
    public SnapshotStore(final Path directory, final String prefix, final int keep)
    {
        this.directory = directory;
        this.prefix = prefix;
        this.keep = keep;
    }

    /**
     * Writes a snapshot of the engine.
     *
     * @param core         the engine state.
     * @param journalIndex Chronicle index of the input record of {@code core.lastSequence()}.
     * @return the file written.
     */
    public Path save(final EngineCore core, final long journalIndex)
    {
        return save(core.lastSequence(), SnapshotCodec.encode(core, journalIndex));
    }

    /**
     * Writes a snapshot: the bytes, then their CRC32C.
     *
     * @param sequence the last command the state has applied (names the file).
     * @param state    the encoded state.
     * @return the file written.
     */
    public Path save(final long sequence, final byte[] state)
    {
        try
        {
            Files.createDirectories(directory);
            final CRC32C crc = new CRC32C();
            crc.update(state);
            final Path target = directory.resolve(String.format("%s%020d%s", prefix, sequence, SUFFIX));
            final Path temp = directory.resolve(target.getFileName() + ".tmp");
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE,
                StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE))
            {
                channel.write(ByteBuffer.wrap(state));
                channel.write(ByteBuffer.allocate(8).putLong(0, crc.getValue()));
                channel.force(true);
            }
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            prune();
            return target;
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot write snapshot in " + directory, ex);
        }
    }

    /** @return the newest snapshot file, if any. */
    public Optional<Path> latest()
    {
        return latestAtOrBefore(Long.MAX_VALUE);
    }

    /**
     * @param sequence a command sequence.
     * @return the newest snapshot taken at or before that sequence, if any.
     */
    public Optional<Path> latestAtOrBefore(final long sequence)
    {
        final List<Path> files = list();
        for (int i = files.size() - 1; i >= 0; i--)
        {
            if (sequenceOf(files.get(i)) <= sequence)
            {
                return Optional.of(files.get(i));
            }
        }
        return Optional.empty();
    }

    /**
     * Moves a damaged snapshot out of the way (renamed {@code <name>.damaged}), so that recovery falls back to the
     * one before it and later starts do not trip over it again; the file stays for inspection.
     *
     * @param file a snapshot of this store.
     * @return where it went.
     */
    public Path setAside(final Path file)
    {
        final Path aside = file.resolveSibling(file.getFileName() + ".damaged");
        try
        {
            Files.move(file, aside, StandardCopyOption.REPLACE_EXISTING);
            return aside;
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot move damaged snapshot " + file + " aside", ex);
        }
    }

    /**
     * @param file a snapshot of this store.
     * @return the sequence its name carries.
     */
    public long sequenceOf(final Path file)
    {
        final String name = file.getFileName().toString();
        return Long.parseLong(name.substring(prefix.length(), name.length() - SUFFIX.length()));
    }

    /**
     * Loads a snapshot file.
     *
     * @param file   a snapshot.
     * @param config the engine's config.
     * @return the engine at the snapshot's sequence.
     * @throws SnapshotCorruptedException when it is damaged or does not match the config.
     */
    public static SnapshotCodec.Loaded load(final Path file, final CoreConfig config)
    {
        try
        {
            return SnapshotCodec.decode(new DataInputStream(new ByteArrayInputStream(readChecked(file))), config,
                file.toString());
        }
        catch (final IOException ex)
        {
            throw new SnapshotCorruptedException(ex.getMessage());
        }
    }

    /**
     * Reads a snapshot file's state bytes, checking them against their CRC32C.
     *
     * @param file a snapshot.
     * @return the state's bytes (without the checksum).
     * @throws SnapshotCorruptedException when it cannot be read, is too short or its checksum does not match.
     */
    public static byte[] readChecked(final Path file)
    {
        final byte[] all;
        try
        {
            all = Files.readAllBytes(file);
        }
        catch (final IOException ex)
        {
            throw new SnapshotCorruptedException(file + ": cannot be read (" + ex.getMessage() + ")");
        }
        if (all.length < 8)
        {
            throw new SnapshotCorruptedException(file + ": too short to be a snapshot");
        }
        final byte[] state = Arrays.copyOf(all, all.length - 8);
        final CRC32C crc = new CRC32C();
        crc.update(state);
        if (ByteBuffer.wrap(all, all.length - 8, 8).getLong() != crc.getValue())
        {
            throw new SnapshotCorruptedException(file + ": checksum mismatch");
        }
        return state;
    }

    private List<Path> list()
    {
        if (!Files.isDirectory(directory))
        {
            return List.of();
        }
        try (Stream<Path> files = Files.list(directory))
        {
            return files
                .filter(p -> p.getFileName().toString().startsWith(prefix) && p.getFileName().toString().endsWith(SUFFIX))
                .sorted(Comparator.comparing(p -> p.getFileName().toString()))
                .toList();
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    private void prune() throws IOException
    {
        final List<Path> files = list();
        for (int i = 0; i < files.size() - keep; i++)
        {
            Files.deleteIfExists(files.get(i));
        }
    }
}
