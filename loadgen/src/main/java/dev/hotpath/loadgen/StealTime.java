package dev.hotpath.loadgen;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The share of CPU time the hypervisor took from this virtual machine (the {@code steal} column of the
 * {@code cpu} line of {@code /proc/stat}) between two readings: a machine whose hypervisor steals its CPUs
 * delays every thread, and no engine design can hide that.
 *
 * <p>Immutable; any thread. On systems without {@code /proc/stat} every reading is zero.
 *
 * @param stealTicks steal time so far, in clock ticks, all CPUs.
 * @param totalTicks all CPU time so far, in clock ticks, all CPUs.
 */
public record StealTime(long stealTicks, long totalTicks)
{
    private static final Path PROC_STAT = Path.of("/proc/stat");

    /** @return the counters now. */
    public static StealTime now()
    {
        try
        {
            final List<String> lines = Files.readAllLines(PROC_STAT);
            final String[] f = lines.get(0).trim().split("\\s+"); // cpu user nice system idle iowait irq softirq steal
            long total = 0;
            for (int i = 1; i < f.length && i <= 8; i++)
            {
                total += Long.parseLong(f[i]);
            }
            return new StealTime(f.length > 8 ? Long.parseLong(f[8]) : 0, total);
        }
        catch (final IOException | RuntimeException ex)
        {
            return new StealTime(0, 0);
        }
    }

    /**
     * @param earlier a reading before this one.
     * @return the percentage of CPU time stolen between the two readings.
     */
    public double percentSince(final StealTime earlier)
    {
        final long total = totalTicks - earlier.totalTicks;
        return total <= 0 ? 0 : 100.0 * (stealTicks - earlier.stealTicks) / total;
    }
}
