package dev.hotpath.engine.journal;

import org.agrona.concurrent.Agent;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.LongSupplier;

/**
 * Watches the free space of the journals' disk, so that the engine refuses new commands <em>before</em> a journal
 * write fails: a write to a memory-mapped page the file system cannot back faults, and a journal that fails in
 * the middle of a batch leaves commands unanswered. Below the reserve the engine refuses new commands (the
 * gateway answers RESOURCE_EXHAUSTED naming the disk); once the space is back above it, it takes them again.
 * The reserve must cover what the engine can write between two checks, plus what the pretoucher maps ahead.
 *
 * <p>An Agrona {@link Agent} on a background thread (the pretoucher's, or its own); {@link #low()} and
 * {@link #freeBytes()} from any thread.
 */
public final class DiskSpaceWatch implements Agent
{
    /** How often the free space is read (a statfs call, about a microsecond). */
    public static final long CHECK_INTERVAL_NS = 50_000_000L;

    private static final System.Logger LOG = System.getLogger(DiskSpaceWatch.class.getName());

    private final Path directory;
    private final long reserveBytes;
    private final LongSupplier usableBytes;
    private final Listener listener;
    private long nextCheckNs;
    private volatile boolean low;
    private volatile long freeBytes = Long.MAX_VALUE;

    /** Told when the disk goes below the reserve and when it is back above it, on the watch's thread. */
    @FunctionalInterface
    public interface Listener
    {
        /**
         * @param low    whether the free space is now below the reserve.
         * @param detail what to tell users, naming the disk and the figures.
         */
        void onDiskSpace(boolean low, String detail);
    }

    /**
     * @param directory    a directory on the disk to watch.
     * @param reserveBytes refuse commands when less than this is free.
     * @param listener     told of changes.
     * @return a watch of the real file store.
     */
    public static DiskSpaceWatch of(final Path directory, final long reserveBytes, final Listener listener)
    {
        try
        {
            Files.createDirectories(directory);
            final FileStore store = Files.getFileStore(directory);
            return new DiskSpaceWatch(directory, reserveBytes, () ->
            {
                try
                {
                    return store.getUsableSpace();
                }
                catch (final IOException ex)
                {
                    throw new UncheckedIOException(ex);
                }
            }, listener);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot watch the free space of " + directory, ex);
        }
    }

    /**
     * @param directory    the directory, for messages.
     * @param reserveBytes refuse commands when less than this is free.
     * @param usableBytes  reads the free space (tests give their own).
     * @param listener     told of changes.
     */
    public DiskSpaceWatch(final Path directory, final long reserveBytes, final LongSupplier usableBytes,
        final Listener listener)
    {
        this.directory = directory;
        this.reserveBytes = reserveBytes;
        this.usableBytes = usableBytes;
        this.listener = listener;
        check(); // a start on a disk that is already full refuses from the first command
    }

    @Override
    public int doWork()
    {
        final long nowNs = System.nanoTime();
        if (nowNs - nextCheckNs < 0)
        {
            return 0;
        }
        nextCheckNs = nowNs + CHECK_INTERVAL_NS;
        check();
        return 0; // a timed check is no work to hurry back for: the agent's thread may go on dozing when idle
    }

    private void check()
    {
        final long free = usableBytes.getAsLong();
        freeBytes = free;
        final boolean nowLow = free < reserveBytes;
        if (nowLow != low)
        {
            low = nowLow;
            final String detail = describe(free);
            LOG.log(nowLow ? System.Logger.Level.WARNING : System.Logger.Level.INFO, detail);
            listener.onDiskSpace(nowLow, detail);
        }
    }

    private String describe(final long free)
    {
        return low ?
            "journal disk nearly full: " + directory + " has " + mib(free) + " MiB free, below the reserve of " +
                mib(reserveBytes) + " MiB; new commands are refused until space is freed" :
            "journal disk has room again: " + directory + " has " + mib(free) + " MiB free (reserve " +
                mib(reserveBytes) + " MiB); taking commands";
    }

    private static long mib(final long bytes)
    {
        return bytes >> 20;
    }

    /** @return whether the free space was below the reserve at the last check. */
    public boolean low()
    {
        return low;
    }

    /** @return what to tell a refused client: the disk and its free space. */
    public String refusal()
    {
        return describe(freeBytes);
    }

    /** @return the free bytes at the last check. */
    public long freeBytes()
    {
        return freeBytes;
    }

    @Override
    public String roleName()
    {
        return "disk-space-watch";
    }
}
