package dev.hotpath.engine.journal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * An exclusive OS lock on an engine directory, held for as long as the engine runs: two engines appending to
 * one journal would hand out the same sequence numbers twice and break it for both. The lock file
 * ({@value #FILE_NAME}) holds the holder's pid, so that the second engine can say whom it met. The operating
 * system releases the lock when the process dies, {@code kill -9} included, so a stale file never blocks a
 * restart.
 *
 * <p>Taken and released by the thread that starts and closes the engine.
 */
public final class DirectoryLock implements AutoCloseable
{
    /** The lock file's name in the directory. */
    public static final String FILE_NAME = "hotpath.lock";

    private final FileChannel channel;
    private final FileLock lock;

    private DirectoryLock(final FileChannel channel, final FileLock lock)
    {
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * Takes the lock, creating the directory if needed.
     *
     * @param directory the engine directory.
     * @return the lock; close it to release.
     * @throws DirectoryInUseException when another process (or another engine in this one) holds it.
     */
    public static DirectoryLock acquire(final Path directory)
    {
        final Path file = directory.resolve(FILE_NAME);
        FileChannel channel = null;
        try
        {
            Files.createDirectories(directory);
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
            FileLock lock;
            try
            {
                lock = channel.tryLock();
            }
            catch (final OverlappingFileLockException ex)
            {
                lock = null; // held by this very process
            }
            if (lock == null)
            {
                final String holder = readHolder(channel);
                channel.close();
                throw new DirectoryInUseException(directory, holder);
            }
            channel.truncate(0);
            channel.write(ByteBuffer.wrap((ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.US_ASCII)), 0);
            channel.force(false);
            return new DirectoryLock(channel, lock);
        }
        catch (final IOException ex)
        {
            closeQuietly(channel);
            throw new UncheckedIOException("cannot lock engine directory " + directory + " (" + file + ")", ex);
        }
    }

    private static String readHolder(final FileChannel channel) throws IOException
    {
        final ByteBuffer buffer = ByteBuffer.allocate(32);
        final int read = channel.read(buffer, 0);
        final String text = read <= 0 ? "" : new String(buffer.array(), 0, read, StandardCharsets.US_ASCII).trim();
        return text.isEmpty() ? "unknown" : text;
    }

    private static void closeQuietly(final FileChannel channel)
    {
        if (channel != null)
        {
            try
            {
                channel.close();
            }
            catch (final IOException ignored)
            {
                // already failing
            }
        }
    }

    @Override
    public void close()
    {
        try
        {
            lock.release();
            channel.close();
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    /** Another engine holds the directory: the message names the directory and the holder's pid. */
    public static final class DirectoryInUseException extends RuntimeException
    {
        private static final long serialVersionUID = 1L;

        private final String holderPid;

        DirectoryInUseException(final Path directory, final String holderPid)
        {
            super("engine directory " + directory + " is in use by process " + holderPid + " (lock file " +
                directory.resolve(FILE_NAME) + "); stop that server first, or give this one another directory");
            this.holderPid = holderPid;
        }

        /** @return the pid written by the holder ("unknown" when it wrote none). */
        public String holderPid()
        {
            return holderPid;
        }
    }
}
