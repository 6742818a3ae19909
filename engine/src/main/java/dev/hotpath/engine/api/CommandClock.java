package dev.hotpath.engine.api;

import org.agrona.concurrent.EpochNanoClock;
import org.agrona.concurrent.OffsetEpochNanoClock;

/**
 * The clock of {@link Command#timestampNs}: nanoseconds since the Unix epoch, with nanosecond resolution
 * (Agrona's {@link OffsetEpochNanoClock}: {@link System#nanoTime()} plus an offset to the epoch, measured from the
 * wall clock at start and again every hour). Every producer of commands (the gateway, loadgen, the benchmarks)
 * stamps them with it, so a timestamp means one thing everywhere: in the journals, in the event journal's frame
 * headers, in the gateway's execution reports and in reporting's trade times.
 *
 * <p>It tells when, not how long: measure durations with {@link System#nanoTime()} (between two hourly
 * re-measurements of the offset this clock does not step, but a wall clock adjustment may move it then).
 *
 * <p>Thread-safe; any thread. The matcher never reads it (nor any clock).
 */
public final class CommandClock
{
    private static final EpochNanoClock CLOCK = new OffsetEpochNanoClock();

    private CommandClock()
    {
    }

    /** @return now, epoch nanoseconds. */
    public static long nowNs()
    {
        return CLOCK.nanoTime();
    }
}
