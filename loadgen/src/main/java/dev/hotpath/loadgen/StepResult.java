package dev.hotpath.loadgen;

import org.HdrHistogram.Histogram;

/**
 * What one step of a sweep measured: one offered rate, one mode, one workload. Latencies are in ns, from each
 * command's intended send time to its acknowledgement ({@link #latency}) and, for commands that traded, to the
 * execution report carrying the trade ({@link #tradeLatency}).
 *
 * <p>Immutable after construction (the histograms must not be changed); any thread.
 *
 * @param mode          {@code engine} or {@code grpc}.
 * @param workload      the workload's name.
 * @param offeredRate   commands per second the schedule sent.
 * @param achievedRate  measured commands completed per second of the measured window (from its first intended
 *                      send time to the last completion).
 * @param count         measured commands completed (warm-up excluded).
 * @param latency       intended send → ack, ns.
 * @param tradeLatency  intended send → execution report with a trade, ns.
 * @param errors        commands refused, failed or never answered.
 * @param rejected      commands the engine rejected (a normal outcome for some workloads, e.g. W3's late cancels).
 * @param maxSendLagNs  the most the sender fell behind its schedule (the target blocked it or it could not keep
 *                      up).
 * @param note          anything the reader must know (e.g. the flow ran out), or empty.
 * @param machine       the machine's own hiccups over the measured window (a thread sleeping 1 ms: how late
 *                      it woke; the hypervisor's steal time).
 * @param stalls        what the engine's stall trackers saw over the measured window, or
 *                      {@link EngineStalls#UNKNOWN}.
 * @param reportingLag  how far a reporting process was behind the journal during the step, or
 *                      {@link ReportingLag#NONE} when none was sampled ({@code --reporting}).
 */
public record StepResult(
    String mode,
    String workload,
    long offeredRate,
    double achievedRate,
    long count,
    Histogram latency,
    Histogram tradeLatency,
    long errors,
    long rejected,
    long maxSendLagNs,
    String note,
    MachineHiccups machine,
    EngineStalls stalls,
    ReportingLag reportingLag)
{
    /** A step without a reporting process sampled; the arguments as the canonical constructor's. */
    public StepResult(final String mode, final String workload, final long offeredRate, final double achievedRate,
        final long count, final Histogram latency, final Histogram tradeLatency, final long errors, final long rejected,
        final long maxSendLagNs, final String note, final MachineHiccups machine, final EngineStalls stalls)
    {
        this(mode, workload, offeredRate, achievedRate, count, latency, tradeLatency, errors, rejected, maxSendLagNs,
            note, machine, stalls, ReportingLag.NONE);
    }

    /**
     * @param lag what reporting's lag was during this step.
     * @return this step with it.
     */
    public StepResult withReportingLag(final ReportingLag lag)
    {
        return new StepResult(mode, workload, offeredRate, achievedRate, count, latency, tradeLatency, errors, rejected,
            maxSendLagNs, note, machine, stalls, lag);
    }

    /** Below this share of the offered rate, a step did not keep up. */
    public static final double KEEP_UP_SHARE = 0.99;

    /** @return true when the system completed at least 99% of the offered rate. */
    public boolean keptUp()
    {
        return achievedRate >= KEEP_UP_SHARE * offeredRate;
    }

    /** @return the file name of this step's percentile distribution. */
    public String hgrmName()
    {
        return mode + "-" + workload.replaceAll("[^A-Za-z0-9._-]", "_") + "-" + Rates.format(offeredRate) + ".hgrm";
    }
}
