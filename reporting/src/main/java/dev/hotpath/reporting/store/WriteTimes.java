package dev.hotpath.reporting.store;

import java.util.EnumMap;
import java.util.Map;

/**
 * Where {@link ProjectionWriter#write} spends its time, summed over every batch it is given: nanoseconds per
 * {@link Phase}. For measurements (the ingest phase benchmark), not for the running service, which passes
 * {@link #NONE} and reads no clock.
 *
 * <p>Mutable; owned by the thread that writes the batches.
 */
public final class WriteTimes
{
    /** What a write does, in the order it does it. */
    public enum Phase
    {
        /** Inserting new trades. */
        TRADES,
        /** Replacing changed positions. */
        POSITIONS,
        /** Replacing changed bars. */
        BARS,
        /** Replacing changed instrument totals. */
        INSTRUMENTS,
        /** Replacing changed order statistics and their reject counts. */
        ORDER_STATS,
        /** Storing a book checkpoint (most batches have none). */
        BOOK_LEVELS,
        /** Updating the journal position row. */
        POSITION_ROW,
        /** The commit. */
        COMMIT
    }

    /** Times nothing and reads no clock. */
    public static final WriteTimes NONE = new WriteTimes(false);

    private final boolean enabled;
    private final long[] nanos = new long[Phase.values().length];
    private long lapStartNs;

    private WriteTimes(final boolean enabled)
    {
        this.enabled = enabled;
    }

    /** @return times that are summed. */
    public static WriteTimes recording()
    {
        return new WriteTimes(true);
    }

    void start()
    {
        if (enabled)
        {
            lapStartNs = System.nanoTime();
        }
    }

    void lap(final Phase phase)
    {
        if (enabled)
        {
            final long now = System.nanoTime();
            nanos[phase.ordinal()] += now - lapStartNs;
            lapStartNs = now;
        }
    }

    /** @return nanoseconds per phase so far. */
    public Map<Phase, Long> nanos()
    {
        final Map<Phase, Long> out = new EnumMap<>(Phase.class);
        for (final Phase p : Phase.values())
        {
            out.put(p, nanos[p.ordinal()]);
        }
        return out;
    }
}
