package dev.hotpath.loadgen;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.SingleWriterRecorder;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The machine's own hiccups, measured beside the system under test the way jHiccup does: a thread asks to sleep
 * for 1 ms, again and again, and records how much later than asked it woke. Whatever delays that idle thread
 * (the scheduler, the hypervisor stealing the CPU, a page-fault storm, a safepoint) delays the engine too, so a
 * step's latency table is only readable next to this one: an engine tail no larger than the hiccups is the
 * machine's, not the engine's.
 *
 * <p>One thread of its own ({@code hotpath-hiccup-meter}, a daemon), waking 1,000 times a second and doing
 * almost nothing. {@link #start}, {@link #measureFrom}, {@link #histogram} and {@link #close} may be called from
 * any one controlling thread.
 */
public final class HiccupMeter implements AutoCloseable
{
    /** How long the meter asks to sleep each time. */
    public static final long SLEEP_NS = TimeUnit.MILLISECONDS.toNanos(1);

    private final SingleWriterRecorder recorder = new SingleWriterRecorder(TimeUnit.SECONDS.toNanos(10), 3);
    private final Thread thread;
    private volatile boolean running = true;
    private volatile long measureFromNs = Long.MAX_VALUE;
    private StealTime stealAtStart = StealTime.now();

    /** A meter, not yet started. */
    public HiccupMeter()
    {
        thread = new Thread(this::run, "hotpath-hiccup-meter");
        thread.setDaemon(true);
    }

    /** @return this, measuring. */
    public HiccupMeter start()
    {
        thread.start();
        return this;
    }

    /**
     * Records only wake-ups from a time on (the end of a warm-up); the histogram starts over.
     *
     * @param nowOrLaterNs a {@link System#nanoTime()} value.
     */
    public void measureFrom(final long nowOrLaterNs)
    {
        measureFromNs = nowOrLaterNs;
        recorder.getIntervalHistogram(); // forget what came before
        stealAtStart = StealTime.now();
    }

    /** @return the percentage of CPU time the hypervisor stole since {@link #measureFrom}. */
    public double stealPercent()
    {
        return StealTime.now().percentSince(stealAtStart);
    }

    /** @return how late the meter woke, ns, since {@link #measureFrom} (or the last call). */
    public Histogram histogram()
    {
        return recorder.getIntervalHistogram();
    }

    private void run()
    {
        while (running)
        {
            final long beforeNs = System.nanoTime();
            LockSupport.parkNanos(SLEEP_NS);
            final long afterNs = System.nanoTime();
            if (afterNs - measureFromNs >= 0)
            {
                recorder.recordValue(Math.max(0, afterNs - beforeNs - SLEEP_NS));
            }
        }
    }

    @Override
    public void close()
    {
        running = false;
        LockSupport.unpark(thread);
        try
        {
            thread.join(TimeUnit.SECONDS.toMillis(5));
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
    }
}
