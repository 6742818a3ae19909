package dev.hotpath.loadgen;

import org.HdrHistogram.Histogram;

/**
 * The machine's own hiccups over a step's measured window, the baseline its latencies are read against: how
 * late a thread sleeping 1 ms woke ({@link HiccupMeter}) and how much CPU time the hypervisor stole
 * ({@link StealTime}).
 *
 * <p>Immutable once built (the histogram must not be changed); any thread.
 *
 * @param wakeLate     how late each 1 ms sleep woke, ns.
 * @param stealPercent CPU time stolen by the hypervisor, % of all CPU time.
 */
public record MachineHiccups(Histogram wakeLate, double stealPercent)
{
    /**
     * @param meter a meter whose window ends now.
     * @return its figures for the window.
     */
    static MachineHiccups of(final HiccupMeter meter)
    {
        return new MachineHiccups(meter.histogram(), meter.stealPercent());
    }
}
