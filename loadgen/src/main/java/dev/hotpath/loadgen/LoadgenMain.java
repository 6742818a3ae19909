package dev.hotpath.loadgen;

import dev.hotpath.cluster.ClusterLayout;
import dev.hotpath.engine.pipeline.ThreadingMode;
import dev.hotpath.engine.pipeline.WaitStrategyKind;
import org.HdrHistogram.Histogram;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

/**
 * {@code hotpath loadgen}: the open-loop load generator's command line.
 *
 * <pre>
 *   loadgen engine --workload W1 --rates 100k,500k,1m --duration 5s --warmup 2s
 *   loadgen generate --workload W1 --count 1000000 --out flow.jsonl
 *   loadgen engine --replay flow.jsonl --rate 200k
 *   loadgen grpc --target 127.0.0.1:50051 --stream --connections 2 --api-keys KEY1,KEY2 --rates 10k,50k
 *   loadgen grpc --target 127.0.0.1:50051 --batch 100 --api-keys KEY1 --rates 100k,1m
 *   loadgen demo
 *   loadgen flow-read-rate -n 300000
 * </pre>
 */
@Command(name = "loadgen", mixinStandardHelpOptions = true,
    description = "Open-loop load generator: constant-rate W1/W2/W3 flows, latency from the intended send time.",
    subcommands = {LoadgenMain.EngineCommand.class, LoadgenMain.GrpcCommand.class, LoadgenMain.ClusterCommand.class,
        DemoCommand.class,
        LoadgenMain.GenerateCommand.class, LoadgenMain.HiccupsCommand.class, LoadgenMain.FlowReadRateCommand.class,
        CommandLine.HelpCommand.class})
public final class LoadgenMain implements Runnable
{
    @Override
    public void run()
    {
        new CommandLine(this).usage(System.out);
    }

    /**
     * @param args command-line arguments.
     */
    public static void main(final String[] args)
    {
        System.exit(execute(args));
    }

    /**
     * @param args command-line arguments.
     * @return the exit code.
     */
    public static int execute(final String... args)
    {
        return new CommandLine(new LoadgenMain()).setExecutionExceptionHandler((ex, command, parsed) ->
        {
            if (ex instanceof IllegalArgumentException)
            {
                command.getErr().println("loadgen: " + ex.getMessage()); // bad input: the reason, not a trace
                return 2;
            }
            throw ex;
        }).execute(args);
    }

    /** In-process: publishes straight into an engine's ring (journal on, temporary directory). */
    @Command(name = "engine", mixinStandardHelpOptions = true,
        description = "Sweep an in-process engine: publish straight into its ring, journal on.")
    static final class EngineCommand implements Callable<Integer>
    {
        @Mixin
        SweepOptions sweep;

        @Option(names = "--engine-dir",
            description = "Where the engines' journals go (default: a temporary directory per step, deleted after).")
        Path engineDir;

        @Option(names = "--wait", defaultValue = "SLEEPING",
            description = "Engine wait strategy: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
        WaitStrategyKind waitStrategy;

        @Option(names = "--ring-size", defaultValue = "65536", description = "Engine ring slots (default: ${DEFAULT-VALUE}).")
        int ringSize;

        @Option(names = "--snapshot-interval", defaultValue = "1000000",
            description = "Engine snapshot every N commands, 0: only at shutdown (default: ${DEFAULT-VALUE}).")
        long snapshotInterval;

        @Option(names = "--threading",
            description = "Engine threading mode: SHARED or DEDICATED (INVOKER is the gateway's; default: SHARED " +
                "below 4 cores, else DEDICATED; here ${DEFAULT-VALUE}).")
        ThreadingMode threadingMode = ThreadingMode.forThisMachine();

        @Option(names = "--pretouch", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Touch journal pages ahead of the appenders on a background thread (default: on; " +
                "--no-pretouch to compare).")
        boolean pretouch;

        @Override
        public Integer call()
        {
            try (Driver driver = new EngineDriver(engineDir, waitStrategy, ringSize, snapshotInterval, threadingMode, pretouch))
            {
                Sweep.run(sweep, driver, System.out);
            }
            return 0;
        }
    }

    /** The machine's own baseline, with nothing else of hotpath running. */
    @Command(name = "hiccups", mixinStandardHelpOptions = true,
        description = "Measure the machine alone: how late a thread sleeping 1 ms wakes, and the hypervisor's steal.")
    static final class HiccupsCommand implements Callable<Integer>
    {
        @Option(names = {"-d", "--duration"}, defaultValue = "10s", description = "How long (default: ${DEFAULT-VALUE}).")
        String duration;

        @Override
        public Integer call() throws InterruptedException
        {
            final long durationNs = Rates.parseDurationNs(duration);
            try (HiccupMeter meter = new HiccupMeter().start())
            {
                meter.measureFrom(System.nanoTime());
                Thread.sleep(TimeUnit.NANOSECONDS.toMillis(durationNs));
                final MachineHiccups machine = MachineHiccups.of(meter);
                final Histogram h = machine.wakeLate();
                System.out.printf(Locale.ROOT, "machine alone for %s (%d sleeps of 1 ms): woke late by p50 %.1f µs, " +
                    "p99 %.1f µs, p99.9 %.1f µs, p99.99 %.1f µs, max %.1f µs; steal %.1f%%%n", duration,
                    h.getTotalCount(), h.getValueAtPercentile(50) / 1e3, h.getValueAtPercentile(99) / 1e3,
                    h.getValueAtPercentile(99.9) / 1e3, h.getValueAtPercentile(99.99) / 1e3, h.getMaxValue() / 1e3,
                    machine.stealPercent());
            }
            return 0;
        }
    }

    /** Through a running replicated engine ({@code hotpath cluster}). */
    @Command(name = "cluster", mixinStandardHelpOptions = true,
        description = "Sweep a running replicated engine (hotpath cluster): one command an ingress message, each " +
            "answered once a majority of the nodes hold it. Be its only client while it runs.")
    static final class ClusterCommand implements Callable<Integer>
    {
        @Mixin
        SweepOptions sweep;

        @Option(names = "--nodes", defaultValue = "3", description = "The cluster's nodes (default: ${DEFAULT-VALUE}).")
        int nodes;

        @Option(names = "--base-port", defaultValue = "20000",
            description = "The cluster's base port, as given to hotpath cluster (default: ${DEFAULT-VALUE}).")
        int basePort;

        @Override
        public Integer call()
        {
            try (Driver driver = new ClusterDriver(new ClusterLayout(nodes, basePort, Path.of("."))))
            {
                Sweep.run(sweep, driver, System.out);
            }
            return 0;
        }
    }

    /** Against a running gateway, over gRPC. */
    @Command(name = "grpc", mixinStandardHelpOptions = true,
        description = "Sweep a running gateway over gRPC: OrderStream (--stream) or unary calls (--unary).")
    static final class GrpcCommand implements Callable<Integer>
    {
        @Mixin
        SweepOptions sweep;

        @Option(names = "--target", defaultValue = "127.0.0.1:50051",
            description = "The gateway, host:port (default: ${DEFAULT-VALUE}).")
        String target;

        @CommandLine.ArgGroup(exclusive = true)
        Transport transport = new Transport();

        @Option(names = "--connections", defaultValue = "1",
            description = "Client connections (channels); workload account a uses connection (a-1) mod N " +
                "(default: ${DEFAULT-VALUE}).")
        int connections;

        @Option(names = "--api-keys", split = ",",
            description = "API keys; workload account a uses key (a-1) mod K. Give as many as the workload has " +
                "accounts (see --accounts) to keep its accounts apart.")
        List<String> apiKeys;

        @Option(names = "--api-keys-file", description = "A file of API keys, one a line.")
        Path apiKeysFile;

        @Option(names = "--batch", defaultValue = "1",
            description = "Commands per OrderStream message, 1 to 1000 (default: ${DEFAULT-VALUE}); above 1 the " +
                "gateway answers in batches too. Latency counts from each command's intended send time.")
        int batch;

        /** Stream or unary. */
        static final class Transport
        {
            @Option(names = "--stream", description = "One OrderStream per connection and key (the default).")
            boolean stream;

            @Option(names = "--unary", description = "One unary call per command.")
            boolean unary;
        }

        @Override
        public Integer call() throws Exception
        {
            final List<String> keys = new ArrayList<>();
            if (apiKeys != null)
            {
                keys.addAll(apiKeys);
            }
            if (apiKeysFile != null)
            {
                keys.addAll(DemoStack.readKeys(apiKeysFile));
            }
            if (keys.isEmpty())
            {
                throw new CommandLine.ParameterException(new CommandLine(this), "give --api-keys or --api-keys-file");
            }
            final int colon = target.lastIndexOf(':');
            if (colon < 1)
            {
                throw new CommandLine.ParameterException(new CommandLine(this), "--target must be host:port");
            }
            try (Driver driver = new GrpcDriver(target.substring(0, colon), Integer.parseInt(target.substring(colon + 1)),
                !transport.unary, connections, keys, batch))
            {
                Sweep.run(sweep, driver, System.out);
            }
            return 0;
        }
    }

    /** Records a generated flow as JSON Lines. */
    @Command(name = "generate", mixinStandardHelpOptions = true,
        description = "Write a generated flow (prefill + N commands) as JSON Lines, for --replay.")
    static final class GenerateCommand implements Callable<Integer>
    {
        @Mixin
        FlowOptions flow;

        @Option(names = {"-n", "--count"}, required = true, description = "Measured commands (after the prefill).")
        int count;

        @Option(names = {"-o", "--out"}, required = true, description = "The JSON Lines file to write.")
        Path out;

        @Override
        public Integer call()
        {
            final long t0 = System.nanoTime();
            final CommandFlow generated = flow.generate(count);
            FlowFile.write(generated, out);
            System.out.printf("wrote %d prefill + %d commands of %s seed %d to %s in %.1f s%n",
                generated.prefill().size(), generated.commands().size(), generated.name(), flow.seed, out,
                (System.nanoTime() - t0) / 1e9);
            return 0;
        }
    }

    /** How fast a flow file is read back: {@link FlowReadRate}. */
    @Command(name = "flow-read-rate", mixinStandardHelpOptions = true,
        description = "Write a generated flow to memory as JSON Lines, read it back some rounds, print the best rate.")
    static final class FlowReadRateCommand implements Callable<Integer>
    {
        @Mixin
        FlowOptions flow;

        @Option(names = {"-n", "--count"}, defaultValue = "300000",
            description = "Measured commands (after the prefill) (default: ${DEFAULT-VALUE}).")
        int count;

        @Option(names = "--rounds", defaultValue = "5", description = "Reads of the whole flow (default: ${DEFAULT-VALUE}).")
        int rounds;

        @Override
        public Integer call()
        {
            final FlowReadRate.Result result = FlowReadRate.measure(flow.generate(count), rounds);
            System.out.printf("FlowFile.read: %.2f M records/s (%d records, best of %d; the goal is 2 M/s)%n",
                result.bestPerSecond() / 1e6, result.records(), result.rounds());
            return 0;
        }
    }
}
