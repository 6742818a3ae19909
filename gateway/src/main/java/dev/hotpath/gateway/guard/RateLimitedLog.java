package dev.hotpath.gateway.guard;

import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * One kind of log line a client can provoke at will (a malformed request, say), written at most once per
 * interval: the lines in between are counted, and the next line written says how many were left out. No client
 * can thus flood the log, and none of its misbehaviour goes unreported.
 *
 * <p>Thread-safe; any thread (one lock, held only to decide whether to write).
 */
final class RateLimitedLog
{
    private final Consumer<String> sink;
    private final long intervalNs;
    private final LongSupplier nanoClock;
    private boolean written;
    private long lastWrittenNs;
    private long suppressed;

    /**
     * @param sink      where a line goes (a logger's method).
     * @param interval  the least time between two lines.
     * @param unit      its unit.
     * @param nanoClock a monotonic clock such as {@link System#nanoTime()}.
     */
    RateLimitedLog(final Consumer<String> sink, final long interval, final TimeUnit unit,
        final LongSupplier nanoClock)
    {
        this.sink = sink;
        this.intervalNs = unit.toNanos(interval);
        this.nanoClock = nanoClock;
    }

    /**
     * Writes the line, unless one was written less than the interval ago; then only counts it.
     *
     * @param line the line.
     */
    void log(final String line)
    {
        final long left;
        synchronized (this)
        {
            final long nowNs = nanoClock.getAsLong();
            if (written && nowNs - lastWrittenNs < intervalNs)
            {
                suppressed++;
                return;
            }
            written = true;
            lastWrittenNs = nowNs;
            left = suppressed;
            suppressed = 0;
        }
        sink.accept(left == 0 ? line : line + " (and " + left + " more like it since the last such line)");
    }
}
