package dev.hotpath.loadgen;

/**
 * A constant-rate send schedule: command {@code i} is due at {@code startNs + i * 1e9 / rate}, whatever
 * happened to the commands before it. Latency is measured from this intended time, so a stall that delays
 * the sender is charged to every command it delayed (no coordinated omission).
 *
 * <p>Immutable; any thread.
 *
 * @param startNs     when command 0 is due, on the {@link System#nanoTime()} scale.
 * @param ratePerSec  commands per second.
 */
public record Schedule(long startNs, long ratePerSec)
{
    /** Validates the rate. */
    public Schedule
    {
        if (ratePerSec < 1)
        {
            throw new IllegalArgumentException("rate must be >= 1/s: " + ratePerSec);
        }
    }

    /**
     * @param index a command's position in the schedule, from 0.
     * @return when it is due (exact: no drift accumulates over a long run).
     */
    public long intendedNs(final long index)
    {
        return startNs + index / ratePerSec * 1_000_000_000L +
            index % ratePerSec * 1_000_000_000L / ratePerSec;
    }

    /**
     * @param durationNs a length of time.
     * @return how many commands the schedule sends in it.
     */
    public long countIn(final long durationNs)
    {
        return durationNs / 1_000_000_000L * ratePerSec + durationNs % 1_000_000_000L * ratePerSec / 1_000_000_000L;
    }
}
