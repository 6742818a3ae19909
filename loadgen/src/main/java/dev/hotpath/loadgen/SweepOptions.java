package dev.hotpath.loadgen;

import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;

/**
 * The command-line options every sweep takes (a picocli mixin): what to send ({@link FlowOptions}), how fast, how
 * long, and where the report goes.
 *
 * <p>Filled by picocli on the main thread; read-only afterwards.
 */
public final class SweepOptions
{
    /** Which flow: workload, seed, instruments, accounts. */
    @Mixin
    FlowOptions flow = new FlowOptions();

    @Option(names = {"-r", "--rate", "--rates"}, defaultValue = "100k",
        description = "Offered rate(s), commands/s; a list runs one step each: 100k,250k,500k,1m,2m,3m " +
            "(default: ${DEFAULT-VALUE}).")
    String rates;

    @Option(names = {"-d", "--duration"}, defaultValue = "5s",
        description = "Measured time per step: 5s, 500ms (default: ${DEFAULT-VALUE}).")
    String duration;

    @Option(names = "--warmup", defaultValue = "2s",
        description = "Time per step sent on schedule before measuring (default: ${DEFAULT-VALUE}).")
    String warmup;

    @Option(names = "--jit-warmup", defaultValue = "0s",
        description = "Before the first step, send this long at its rate, unmeasured and unreported, so that the JITs " +
            "of a fresh client and server have compiled the path before anything is measured (default: " +
            "${DEFAULT-VALUE}: none).")
    String jitWarmup;

    @Option(names = "--replay", description = "Send the commands of a JSON Lines flow file instead of generating them.")
    Path replay;

    @Option(names = "--reports", defaultValue = "reports",
        description = "Reports root: each run writes <reports>/<timestamp>/ and points <reports>/latest at it " +
            "(default: ${DEFAULT-VALUE}).")
    Path reportsDir;

    @Option(names = "--out", description = "Write the report into this folder instead (steps already there are " +
        "kept: two runs can share one report).")
    Path out;

    @Option(names = "--reporting", paramLabel = "HOST:PORT",
        description = "A running reporting process's HTTP (dashboard) port: its lag behind the event journal " +
            "(commands, ms) is sampled every 100 ms of each step and printed beside the latencies.")
    String reporting;

    @Option(names = "--no-progress", negatable = false, description = "No progress bars.")
    boolean noProgress;

    /** @return the rates of the steps. */
    long[] rateList()
    {
        return Rates.parseList(rates);
    }

    /** @return the measured time per step, ns. */
    long durationNs()
    {
        return Rates.parseDurationNs(duration);
    }

    /** @return the unmeasured run before the first step, ns (0: none). */
    long jitWarmupNs()
    {
        return jitWarmup == null ? 0 : Rates.parseDurationNs(jitWarmup);
    }

    /** @return the warm-up per step, ns. */
    long warmupNs()
    {
        return Rates.parseDurationNs(warmup);
    }
}
