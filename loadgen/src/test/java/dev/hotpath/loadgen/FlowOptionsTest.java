package dev.hotpath.loadgen;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The flow options are one mixin: the sweeps, generate and flow-read-rate take them alike, with the same defaults. */
class FlowOptionsTest
{
    @Test
    void everyCommandThatGeneratesAFlowTakesTheSameOptions()
    {
        final LoadgenMain.EngineCommand engine = new LoadgenMain.EngineCommand();
        new CommandLine(engine).parseArgs("-w", "W3", "--seed", "9", "--instruments", "2", "--accounts", "5",
            "--rates", "1k");
        assertFlow(engine.sweep.flow, "W3", 9, 2, 5);
        assertEquals("1k", engine.sweep.rates);

        final LoadgenMain.GenerateCommand generate = new LoadgenMain.GenerateCommand();
        new CommandLine(generate).parseArgs("--workload", "W2", "--seed", "7", "--accounts", "5", "-n", "10", "-o",
            "flow.jsonl");
        assertFlow(generate.flow, "W2", 7, 0, 5);
        assertEquals(Path.of("flow.jsonl"), generate.out);

        final LoadgenMain.FlowReadRateCommand readRate = new LoadgenMain.FlowReadRateCommand();
        new CommandLine(readRate).parseArgs();
        assertFlow(readRate.flow, "W1", 42, 0, 0);
        assertFlow(new SweepOptions().flow, "W1", 42, 0, 0); // built without picocli, as the demo does
    }

    private static void assertFlow(final FlowOptions flow, final String workload, final long seed,
        final int instruments, final int accounts)
    {
        assertEquals(workload, flow.workload);
        assertEquals(seed, flow.seed);
        assertEquals(instruments, flow.instruments);
        assertEquals(accounts, flow.accounts);
    }
}
