package dev.hotpath.loadgen;

/**
 * How far a running reporting process was behind the engine's event journal during one step of a sweep, as
 * sampled from its {@code /api/status} ({@link ReportingLagProbe}): the most over the step and the last sample,
 * taken once the step's answers were in.
 *
 * <p>Immutable; any thread.
 *
 * @param samples       status samples that answered (0: reporting was not sampled, see {@link #NONE}).
 * @param failed        samples that did not answer or answered without an ingest.
 * @param maxCommands   the most commands in the journal not yet committed by reporting, over the step.
 * @param maxMillis     the most command time (ms) between the journal's newest frame and reporting's last
 *                      committed one, over the step.
 * @param endCommands   commands behind at the step's end.
 * @param endMillis     milliseconds behind at the step's end.
 */
public record ReportingLag(long samples, long failed, long maxCommands, long maxMillis, long endCommands,
    long endMillis)
{
    /** Reporting was not sampled (no {@code --reporting}). */
    public static final ReportingLag NONE = new ReportingLag(0, 0, 0, 0, 0, 0);

    /** @return true when at least one sample answered. */
    public boolean known()
    {
        return samples > 0;
    }
}
