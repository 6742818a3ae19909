package dev.hotpath.benchmarks;

import dev.hotpath.engine.api.Command;
import dev.hotpath.engine.api.CommandClock;
import dev.hotpath.engine.core.EngineCore;
import dev.hotpath.engine.pipeline.Engine;
import dev.hotpath.engine.pipeline.EngineConfig;
import dev.hotpath.engine.pipeline.Replay;
import dev.hotpath.engine.pipeline.ThreadingMode;
import dev.hotpath.engine.pipeline.WaitStrategyKind;
import dev.hotpath.workloads.CommandBatch;
import dev.hotpath.workloads.Workload;
import dev.hotpath.workloads.WorkloadGenerator;
import dev.hotpath.workloads.WorkloadSpec;
import org.agrona.IoUtil;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * Saturation throughput of the whole pipeline (ring, journaler, matcher with risk, publisher, event journal)
 * with journaling on and snapshots at the default interval (the snapshotter tails the journal meanwhile), in the
 * threading mode of this machine or the one asked for, for each wait strategy, and each thread's CPU time a command over the measured run; then,
 * once the journal is on disk, the replay rates of the journal it wrote (rebuilding the state only, and with
 * every command's events encoded again). One producer thread publishes a pregenerated workload as fast as the
 * ring takes it; throughput is commands processed by the publisher per second. An unreported warm-up run with
 * the first strategy comes first. This is a
 * closed-loop maximum: latency under a constant offered rate is the load generator's job
 * ({@code ./hotpath loadgen}).
 *
 * <p>Usage: {@code PipelineThroughput [workload W1|W2|W3|W4] [commands] [wait strategies, comma-separated]
 * [threading SHARED|DEDICATED]}.
 */
public final class PipelineThroughput
{
    private PipelineThroughput()
    {
    }

    /**
     * @param args workload, command count, wait strategies, threading mode.
     * @throws Exception on I/O failure.
     */
    public static void main(final String[] args) throws Exception
    {
        final String workloadName = args.length > 0 ? args[0] : "W1";
        final int count = args.length > 1 ? Integer.parseInt(args[1]) : 3_000_000;
        final String strategies = args.length > 2 ? args[2] : "SLEEPING,PARKING,BACKOFF,YIELDING,BLOCKING,BUSY_SPIN";
        final ThreadingMode mode = args.length > 3 ? ThreadingMode.valueOf(args[3].toUpperCase(Locale.ROOT)) :
            ThreadingMode.forThisMachine();
        if (mode == ThreadingMode.INVOKER)
        {
            throw new IllegalArgumentException("INVOKER has no engine thread (the gateway's event loop runs it): " +
                "measure SHARED or DEDICATED here");
        }
        final WorkloadSpec spec = WorkloadSpec.named(workloadName);
        System.out.printf("generating %s: %,d commands (seed 1)%n", workloadName, count);
        final Workload workload = Workload.generate(spec, 1, count);
        System.out.println(workload.stats().describe());
        System.out.printf("cores %d, JDK %s, %s; %s threading, journals on, snapshots every %,d commands%n",
            Runtime.getRuntime().availableProcessors(), Runtime.version(), System.getProperty("java.vm.name"), mode,
            EngineConfig.DEFAULT_SNAPSHOT_INTERVAL);
        final String[] names = strategies.split(",");
        // one unreported run first, so that the JIT has compiled the pipeline before the first measured row
        runInTempDir(workload, WaitStrategyKind.valueOf(names[0].trim()), mode);
        System.out.printf("%n| wait strategy | commands | seconds | pipeline commands/s | replay commands/s: state | " +
            "replay commands/s: state + events | CPU ns per command, by thread |%n");
        System.out.printf("|---|---:|---:|---:|---:|---:|---|%n");
        for (final String name : names)
        {
            final WaitStrategyKind kind = WaitStrategyKind.valueOf(name.trim());
            final Result result = runInTempDir(workload, kind, mode);
            System.out.printf(Locale.ROOT, "| %s | %,d | %.2f | %,.0f | %,.0f | %,.0f | %s |%n", kind, count,
                result.seconds, count / result.seconds, result.rebuildRate, result.replayRate, result.cpuPerCommand);
        }
    }

    private static Result runInTempDir(final Workload workload, final WaitStrategyKind kind, final ThreadingMode mode)
        throws IOException
    {
        final Path dir = Files.createTempDirectory("hotpath-pipeline-");
        try
        {
            return run(workload, kind, mode, dir);
        }
        finally
        {
            IoUtil.delete(dir.toFile(), false);
        }
    }

    private record Result(double seconds, double rebuildRate, double replayRate, String cpuPerCommand)
    {
    }

    private static Result run(final Workload workload, final WaitStrategyKind kind, final ThreadingMode mode,
        final Path dir)
    {
        final EngineConfig config = EngineConfig.builder()
            .directory(dir)
            .instruments(workload.instruments())
            .expectedOrders(WorkloadGenerator.expectedOrders(workload.spec()))
            .waitStrategy(kind)
            .threadingMode(mode)
            .ringSize(1 << 16)
            .build();
        final AtomicLong processed = new AtomicLong();
        final Engine engine = new Engine(config, event -> processed.lazySet(event.sequence)).start();
        final Command command = new Command();
        final double seconds;
        final String cpuPerCommand;
        try
        {
            final long prefilled = publishAll(engine, workload.prefill(), command, 0);
            await(processed, prefilled);
            final CommandBatch commands = workload.commands();
            final Map<String, Long> cpuBefore = threadCpuNanos();
            final long start = System.nanoTime();
            final long total = publishAll(engine, commands, command, prefilled);
            await(processed, total);
            seconds = (System.nanoTime() - start) / 1e9;
            cpuPerCommand = cpuPerCommand(cpuBefore, threadCpuNanos(), commands.size());
        }
        finally
        {
            engine.close();
        }
        // replay a journal that is on disk, as recovery does: not while the kernel is still writing it back
        forceToDisk(dir);
        final long rebuildStart = System.nanoTime();
        final EngineCore rebuilt = Replay.rebuild(config, config.inputJournalDirectory());
        final double rebuildSeconds = (System.nanoTime() - rebuildStart) / 1e9;
        final long replayStart = System.nanoTime();
        final EngineCore replayed = Replay.replay(config, config.inputJournalDirectory(), (c, e, l) -> { });
        final double replaySeconds = (System.nanoTime() - replayStart) / 1e9;
        return new Result(seconds, rebuilt.lastSequence() / rebuildSeconds, replayed.lastSequence() / replaySeconds,
            cpuPerCommand);
    }

    /** CPU time so far of the producer (this thread) and of each pipeline thread, by thread name. */
    private static Map<String, Long> threadCpuNanos()
    {
        final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        final Map<String, Long> cpu = new TreeMap<>();
        cpu.put("producer", threads.getCurrentThreadCpuTime());
        for (final Thread thread : Thread.getAllStackTraces().keySet())
        {
            if (thread.getName().startsWith("hotpath-"))
            {
                cpu.put(thread.getName().substring("hotpath-".length()), threads.getThreadCpuTime(thread.threadId()));
            }
        }
        return cpu;
    }

    private static String cpuPerCommand(final Map<String, Long> before, final Map<String, Long> after, final long commands)
    {
        final StringBuilder text = new StringBuilder();
        long total = 0;
        for (final Map.Entry<String, Long> entry : after.entrySet())
        {
            final long nanos = entry.getValue() - before.getOrDefault(entry.getKey(), 0L);
            total += nanos;
            text.append(String.format(Locale.ROOT, "%s %.0f, ", entry.getKey(), (double)nanos / commands));
        }
        return text.append(String.format(Locale.ROOT, "all %.0f", (double)total / commands)).toString();
    }

    private static long publishAll(final Engine engine, final CommandBatch batch, final Command command, final long base)
    {
        for (int i = 0, n = batch.size(); i < n; i++)
        {
            batch.copyTo(i, command);
            command.timestampNs = CommandClock.nowNs();
            engine.publish(command, i);
        }
        return base + batch.size();
    }

    private static void await(final AtomicLong processed, final long sequence)
    {
        while (processed.get() < sequence)
        {
            Thread.onSpinWait();
        }
    }

    private static void forceToDisk(final Path dir)
    {
        try (Stream<Path> walk = Files.walk(dir))
        {
            for (final Path file : walk.filter(Files::isRegularFile).toList())
            {
                try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE))
                {
                    channel.force(true);
                }
            }
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }
}
