package dev.hotpath.loadgen;

import picocli.CommandLine.Option;

/**
 * The command-line options that say which flow to generate (a picocli mixin): the workload, its seed, and how many
 * instruments and accounts it spreads over. Shared by the sweeps ({@link SweepOptions}), {@code generate} and
 * {@code flow-read-rate}, so the same flow is named the same way everywhere.
 *
 * <p>Filled by picocli on the main thread; read-only afterwards.
 */
public final class FlowOptions
{
    @Option(names = {"-w", "--workload"}, defaultValue = "W1", description = "W1, W2, W3 or W4 (default: ${DEFAULT-VALUE}).")
    String workload = "W1";

    @Option(names = "--seed", defaultValue = "42", description = "Seed of the generated flow (default: ${DEFAULT-VALUE}).")
    long seed = 42;

    @Option(names = "--instruments", defaultValue = "0",
        description = "Instruments (0: the workload's own; W1/W3 1, W2 100).")
    int instruments;

    @Option(names = "--accounts", defaultValue = "0", description = "Accounts (0: the workload's own; W1/W3 1000, W2 10000).")
    int accounts;

    /**
     * @param count measured commands (after the prefill).
     * @return the flow these options name.
     */
    CommandFlow generate(final int count)
    {
        return CommandFlow.generate(CommandFlow.spec(workload, instruments, accounts), seed, count);
    }
}
