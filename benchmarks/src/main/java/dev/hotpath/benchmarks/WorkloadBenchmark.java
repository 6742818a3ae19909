package dev.hotpath.benchmarks;

import dev.hotpath.engine.matching.MatchingCore;
import dev.hotpath.workloads.Workload;
import dev.hotpath.workloads.WorkloadSpec;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.TimeUnit;

/**
 * Throughput of {@link MatchingCore} alone on the reference workloads of docs/workloads.md: one invocation
 * replays {@value #COMMANDS} pregenerated commands (seed {@value #SEED}) back to back on the benchmark
 * thread, so the score is commands per second of the matching thread with nothing else in the way (no
 * ring, no journal, no risk, a sink that only counts). ns/command = 1e9 / score.
 *
 * <p>Honest replay: before every invocation, untimed, the engine is rewound to the state after the
 * workload's prefill ({@link Workload#reset}: cancel every open order, replay the prefill; allocation-free),
 * so every invocation sees exactly the commands and books the generator saw: no duplicate ids, no cancels
 * of dead orders. Each invocation lasts tens of milliseconds, so the per-invocation timestamps cost
 * nothing measurable.
 *
 * <p>Run: {@code ./hotpath bench WorkloadBenchmark}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
public class WorkloadBenchmark
{
    static final int COMMANDS = 1_000_000;
    static final long SEED = 42;

    @Param({"W1", "W2", "W3", "W4"})
    public String workload;

    private Workload replay;
    private MatchingCore engine;
    private final CountingSink sink = new CountingSink();

    /** Generates the workload and builds its books. */
    @Setup(Level.Trial)
    public void generate()
    {
        final WorkloadSpec spec = WorkloadSpec.named(workload);
        replay = Workload.generate(spec, SEED, COMMANDS);
        engine = replay.newEngine();
        replay.prefill().applyAll(engine, sink);
        System.out.println();
        System.out.println(replay.stats().describe());
    }

    /** Rewinds the engine to the state after the prefill (untimed). */
    @Setup(Level.Invocation)
    public void rewind()
    {
        replay.reset(engine, sink);
    }

    /**
     * @return a checksum of the events, so that nothing is optimised away.
     */
    @Benchmark
    @OperationsPerInvocation(COMMANDS)
    public long replay()
    {
        replay.commands().applyAll(engine, sink);
        return sink.checksum;
    }
}
