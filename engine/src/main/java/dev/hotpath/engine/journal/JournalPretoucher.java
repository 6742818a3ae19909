package dev.hotpath.engine.journal;

import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.bytes.MappedBytes;
import net.openhft.chronicle.bytes.MappedBytesStore;
import net.openhft.chronicle.bytes.MappedFile;
import net.openhft.chronicle.core.io.ReferenceOwner;
import org.agrona.concurrent.Agent;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Takes the cost of first writes to a journal's memory-mapped pages off the thread that appends to it. The
 * first write to a page of a file mapping faults into the kernel, which allocates the page (and, on a disk
 * file system, its block, updates the file's times and may wait for the file system's journal to commit:
 * milliseconds, measured); this agent makes that first write itself, a few megabytes ahead of the appender,
 * with an atomic compare-and-swap of zero for zero (it never changes a byte, even racing the appender), through
 * the appender's own mapping, so the appender finds its pages present and writable. It also maps the next chunk
 * of the file before the appender reaches it (Chronicle maps files in chunks; the thread that crosses into an
 * unmapped chunk maps it, and grows the file), and advises each chunk's mapping to fault one page at a time
 * ({@link MappedMemoryAdvice}), so that no single fault, the appender's or its own, holds a CPU for milliseconds.
 *
 * <p>Chronicle Queue's open-source {@code microTouch()} touches one page ahead on the appender's own thread and
 * its {@code pretouch()} is Enterprise-only; this is the background variant those leave out.
 *
 * <p>Two threads: the appender's thread calls {@link #writerAt} after each block it writes and {@link #detach}
 * before closing the journal; everything else runs on the agent's thread.
 */
public final class JournalPretoucher implements Agent, ReferenceOwner
{
    /** How far ahead of the appender pages are touched: tens of milliseconds of writing at full speed. */
    static final long AHEAD_BYTES = 16L << 20;
    /**
     * Pages touched in one duty cycle at most, so that a cycle stays short: a first write costs microseconds of
     * kernel time (up to ~8 µs on a virtual machine), and the thread yields between cycles.
     */
    static final int PAGES_PER_CYCLE = 8;
    private static final long PAGE = 4096;
    private static final long DETACH_TIMEOUT_NS = TimeUnit.SECONDS.toNanos(5);

    private static final System.Logger LOG = System.getLogger(JournalPretoucher.class.getName());

    private final String name;
    // published by the appender thread
    private volatile MappedFile writerFile;
    private volatile long writerPosition;
    private volatile boolean detachRequested;
    private volatile boolean detached;
    private volatile boolean running = true;
    // the agent's own
    private MappedFile file;
    private MappedBytesStore store;
    private long touchedTo;
    private MappedFile faultedFile;
    private long pagesTouched;
    private long chunksAdvised;

    /** @param name the journal's name, for the agent's role name. */
    public JournalPretoucher(final String name)
    {
        this.name = name;
    }

    /**
     * Tells the agent where the appender is. Appender thread, after each block it writes; allocation-free.
     *
     * @param bytes the appender's bytes ({@code appender.wire().bytes()}).
     */
    public void writerAt(final Bytes<?> bytes)
    {
        if (bytes instanceof MappedBytes mapped)
        {
            writerPosition = mapped.writePosition(); // before the file: a reader that sees a new file sees its position
            final MappedFile current = mapped.mappedFile();
            if (current != writerFile)
            {
                writerFile = current;
            }
        }
    }

    /**
     * Stops touching and gives back every mapping the agent holds, so the journal can close. Appender thread,
     * before it closes the journal; waits (at most 5 s) for the agent to let go.
     */
    public void detach()
    {
        detachRequested = true;
        final long deadlineNs = System.nanoTime() + DETACH_TIMEOUT_NS;
        while (!detached && running && deadlineNs - System.nanoTime() > 0)
        {
            LockSupport.parkNanos(TimeUnit.MICROSECONDS.toNanos(100));
        }
    }

    @Override
    public int doWork()
    {
        try
        {
            return touchAhead();
        }
        catch (final InternalError ex)
        {
            // HotSpot reports a fault in an Unsafe access (a mapped page the disk cannot back) at the next safepoint
            // check, which may be after the access itself: anywhere in this cycle
            return faulted(file, touchedTo, ex);
        }
    }

    /**
     * The file system cannot back a page (a full disk): stop touching this file; the appender faults its own pages
     * and the disk space watch refuses commands.
     */
    private int faulted(final MappedFile current, final long page, final InternalError ex)
    {
        faultedFile = current;
        LOG.log(System.Logger.Level.WARNING, "pretoucher of the " + name + " journal: cannot touch byte " + page +
            " of its file (" + ex.getMessage() + "; is the disk full?); stopped touching that file");
        return 0;
    }

    private int touchAhead()
    {
        if (detachRequested)
        {
            if (!detached)
            {
                releaseStore();
                file = null;
                detached = true;
            }
            return 0;
        }
        final MappedFile current = writerFile;
        if (current == null || current == faultedFile)
        {
            return 0;
        }
        final long position = writerPosition;
        if (current != file)
        {
            releaseStore();
            file = current;
            touchedTo = 0;
        }
        long page = Math.max(touchedTo, (position + PAGE - 1) & -PAGE);
        final long until = position + AHEAD_BYTES;
        int touched = 0;
        while (page < until && touched < PAGES_PER_CYCLE)
        {
            // Chronicle maps chunk n as [n * chunkSize, (n + 1) * chunkSize + overlap) and an appender writes a page
            // through the mapping of the chunk the page starts in: touch it through that same mapping
            if (store == null || page < store.start() || page >= store.start() + file.chunkSize())
            {
                releaseStore();
                if (!acquireStore(page))
                {
                    break;
                }
            }
            try
            {
                store.compareAndSwapLong(page, 0L, 0L);
            }
            catch (final InternalError ex)
            {
                return faulted(current, page, ex);
            }
            page += PAGE;
            touched++;
        }
        touchedTo = page;
        pagesTouched += touched;
        return touched;
    }

    private boolean acquireStore(final long position)
    {
        try
        {
            store = file.acquireByteStore(this, position);
            if (MappedMemoryAdvice.randomAccess(store.addressForRead(store.start()), store.realCapacity()))
            {
                chunksAdvised++;
            }
            return true;
        }
        catch (final Exception ex)
        {
            // the file was closed or rolled meanwhile: the next cycle follows the appender again
            file = null;
            return false;
        }
    }

    private void releaseStore()
    {
        if (store != null)
        {
            try
            {
                store.release(this);
            }
            catch (final RuntimeException ignored)
            {
                // already closed with its file: nothing is held any more
            }
            store = null;
        }
    }

    @Override
    public void onClose()
    {
        releaseStore();
        detached = true;
        running = false;
    }

    @Override
    public String roleName()
    {
        return "pretoucher-" + name;
    }

    /** @return chunk mappings advised to fault a page at a time ({@link MappedMemoryAdvice}). Agent thread. */
    public long chunksAdvised()
    {
        return chunksAdvised;
    }

    /** @return pages touched so far. Agent thread (or any thread, as an estimate). */
    public long pagesTouched()
    {
        return pagesTouched;
    }
}
