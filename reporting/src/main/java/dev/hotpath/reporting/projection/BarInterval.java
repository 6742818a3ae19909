package dev.hotpath.reporting.projection;

/**
 * The widths of OHLCV bars kept.
 *
 * <p>Immutable; any thread.
 */
public enum BarInterval
{
    /** One second. */
    ONE_SECOND(1, "1s"),
    /** One minute. */
    ONE_MINUTE(60, "1m");

    private final int seconds;
    private final String label;

    BarInterval(final int seconds, final String label)
    {
        this.seconds = seconds;
        this.label = label;
    }

    /** @return the width in seconds, as stored. */
    public int seconds()
    {
        return seconds;
    }

    /** @return the width in nanoseconds. */
    public long nanos()
    {
        return seconds * 1_000_000_000L;
    }

    /**
     * @param timestampNs a time.
     * @return the start of the bar holding it.
     */
    public long startOf(final long timestampNs)
    {
        return timestampNs - Math.floorMod(timestampNs, nanos());
    }

    /**
     * @param seconds a stored width.
     * @return the interval.
     */
    public static BarInterval ofSeconds(final int seconds)
    {
        for (final BarInterval interval : values())
        {
            if (interval.seconds == seconds)
            {
                return interval;
            }
        }
        throw new IllegalArgumentException("no bar interval of " + seconds + " s");
    }

    /**
     * @param label "1s" or "1m".
     * @return the interval.
     */
    public static BarInterval ofLabel(final String label)
    {
        for (final BarInterval interval : values())
        {
            if (interval.label.equals(label))
            {
                return interval;
            }
        }
        throw new IllegalArgumentException("no bar interval '" + label + "'");
    }
}
