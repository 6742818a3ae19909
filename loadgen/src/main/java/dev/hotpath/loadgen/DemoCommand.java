package dev.hotpath.loadgen;

import dev.hotpath.engine.pipeline.EngineConfig;
import dev.hotpath.engine.pipeline.ThreadingMode;
import dev.hotpath.engine.pipeline.WaitStrategyKind;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.function.Consumer;

/**
 * {@code loadgen demo}: the one-command tour. Runs a short engine-mode sweep (in-process engine, journal on),
 * then starts a gateway (with its engine) and reporting in this process and runs a short gRPC stream sweep
 * against the gateway from a client in a JVM of its own; writes both into one report folder ({@code <reports>/<timestamp>/}, pointed at by
 * {@code <reports>/latest}), prints both tables and the dashboard URL, and exits, or serves until Ctrl-C with
 * {@code --serve}.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
    description = "Engine sweep, then gateway + reporting in this process and a gRPC stream sweep; one report.")
public final class DemoCommand implements Callable<Integer>
{

    @Option(names = {"-w", "--workload"}, defaultValue = "W1", description = "W1, W2, W3 or W4 (default: ${DEFAULT-VALUE}).")
    String workload;

    @Option(names = "--engine-rates", defaultValue = "250k,1m,3m",
        description = "Engine-mode steps (default: ${DEFAULT-VALUE}).")
    String engineRates;

    @Option(names = "--grpc-rates", defaultValue = "10k,50k,100k",
        description = "gRPC stream-mode steps (default: ${DEFAULT-VALUE}).")
    String grpcRates;

    @Option(names = {"-d", "--duration"}, defaultValue = "1s", description = "Measured time per step (default: ${DEFAULT-VALUE}).")
    String duration;

    @Option(names = "--warmup", defaultValue = "1s", description = "Warm-up per step (default: ${DEFAULT-VALUE}).")
    String warmup;

    @Option(names = "--grpc-jit-warmup", defaultValue = "45s",
        description = "Unmeasured gRPC traffic at the first gRPC rate before the gRPC steps, so that the fresh client " +
            "JVM and the gateway's order path are compiled before they are measured; on 2 cores the JIT compilers " +
            "take about that long (with 15 s the 50k/s step fell to 18-25k/s) (default: ${DEFAULT-VALUE}).")
    private String grpcJitWarmup;

    @Option(names = "--connections", defaultValue = "2", description = "gRPC connections (default: ${DEFAULT-VALUE}).")
    int connections;

    @Option(names = "--grpc-accounts", defaultValue = "16",
        description = "Workload accounts in gRPC mode, one generated API key each (default: ${DEFAULT-VALUE}).")
    int grpcAccounts;

    @Option(names = "--grpc-port", defaultValue = "0", description = "Gateway port (0: any free; default: ${DEFAULT-VALUE}).")
    int grpcPort;

    @Option(names = "--http-port", defaultValue = "0", description = "Dashboard port (0: any free; default: ${DEFAULT-VALUE}).")
    int httpPort;

    @Option(names = "--dir", defaultValue = "target/demo",
        description = "Journals, database and generated keys: <dir>/<timestamp>/ (default: ${DEFAULT-VALUE}).")
    Path dir;

    @Option(names = "--reports", defaultValue = "reports", description = "Reports root (default: ${DEFAULT-VALUE}).")
    Path reportsDir;

    @Option(names = "--serve", description = "Keep the gateway and the dashboard up until Ctrl-C.")
    boolean serve;

    @Option(names = "--no-progress", description = "No progress bars.")
    boolean noProgress;

    @Override
    public Integer call() throws Exception
    {
        run(System.out, stack -> { });
        return 0;
    }

    /**
     * @param out         where tables and messages go.
     * @param whileUp     called with the running stack once the report is written, before it stops.
     * @return the report folder.
     * @throws Exception when a part cannot start.
     */
    Path run(final PrintStream out, final Consumer<DemoStack> whileUp) throws Exception
    {
        final long t0 = System.nanoTime();
        final Path folder = Report.newFolder(reportsDir);
        final Path work = dir.resolve(folder.getFileName().toString());
        out.println("== hotpath demo: report folder " + folder.toAbsolutePath());

        final ThreadingMode threading = ThreadingMode.forThisMachine();
        out.println("== 1/2 engine mode: " + workload + " at " + engineRates + ", in-process engine, journal on, " +
            "snapshots every " + EngineConfig.DEFAULT_SNAPSHOT_INTERVAL + " commands, " + threading + " threading");
        final Sweep.Outcome engine;
        try (Driver driver = new EngineDriver(null, WaitStrategyKind.SLEEPING, 1 << 16, EngineConfig.DEFAULT_SNAPSHOT_INTERVAL,
            threading, true))
        {
            engine = Sweep.run(options(engineRates, 0, folder), driver, out);
        }
        Report.linkLatest(reportsDir, folder);

        out.println("== 2/2 starting gateway + reporting (journal " + work.resolve("stack") + ")");
        final CommandFlow probe = CommandFlow.generate(CommandFlow.spec(workload, 0, grpcAccounts), 1, 1);
        final DemoStack stack = DemoStack.start(work.resolve("stack"), probe.instruments(), grpcAccounts, grpcPort,
            httpPort, reportsDir);
        try
        {
            out.println("   gateway 127.0.0.1:" + stack.grpcPort() + ", dashboard " + stack.dashboardUrl() +
                ", API keys in " + work.resolve("stack").resolve("accounts.txt"));
            out.println("== gRPC stream mode: " + workload + " at " + grpcRates + ", " + connections +
                " connections, " + grpcAccounts + " accounts");
            // the client in a JVM of its own: the table measures the gateway, not a client sharing its JVM and heap
            runGrpcSweepInItsOwnJvm(stack, work.resolve("stack").resolve("accounts.txt"), folder, out);
            Report.linkLatest(reportsDir, folder);

            final List<Map<String, Object>> both = new ArrayList<>(Report.readSummary(folder));
            out.println();
            out.println("== engine mode (in-process, journal on)");
            out.print(Report.table(both.subList(0, engine.steps().size())));
            out.println("== gRPC stream mode (gateway in this process, the client in its own JVM, " + connections +
                " connections)");
            out.print(Report.table(both.subList(engine.steps().size(), both.size())));
            out.println("report:    " + folder.toAbsolutePath() + "/" + LatencyPlots.HTML + " (and " +
                LatencyPlots.PNG + ", " + Report.SUMMARY + ", one .hgrm per step)");
            out.println("dashboard: " + stack.dashboardUrl());
            out.printf("demo took %.1f s%n", (System.nanoTime() - t0) / 1e9);
            whileUp.accept(stack);
            if (serve)
            {
                out.println("serving until Ctrl-C");
                final CountDownLatch stop = new CountDownLatch(1);
                Runtime.getRuntime().addShutdownHook(new Thread(() ->
                {
                    stack.close();
                    stop.countDown();
                }, "demo-shutdown"));
                stop.await();
                return folder;
            }
        }
        catch (final Exception | Error ex)
        {
            stack.close();
            throw ex;
        }
        stack.close();
        return folder;
    }

    /**
     * Runs {@code loadgen grpc} against the stack's gateway in a child JVM (this JVM's java, class path and flags),
     * writing its steps into the same report folder; its output goes to {@code out}.
     */
    private void runGrpcSweepInItsOwnJvm(final DemoStack stack, final Path keys, final Path folder,
        final PrintStream out) throws Exception
    {
        final List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        for (final String flag : ManagementFactory.getRuntimeMXBean().getInputArguments())
        {
            if (!flag.startsWith("-agentlib") && !flag.startsWith("-javaagent") && !flag.startsWith("-Xrunjdwp"))
            {
                command.add(flag); // --add-opens, -D settings, heap size: as this JVM got them
            }
        }
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), LoadgenMain.class.getName(), "grpc",
            "--target", "127.0.0.1:" + stack.grpcPort(), "--stream", "--connections", Integer.toString(connections),
            "--api-keys-file", keys.toString(), "--workload", workload, "--seed", "42", "--rates", grpcRates,
            "--duration", duration, "--warmup", warmup, "--jit-warmup", grpcJitWarmup,
            "--accounts", Integer.toString(grpcAccounts),
            "--reports", reportsDir.toString(), "--out", folder.toString()));
        if (stack.reportingHttpPort() > 0)
        {
            command.addAll(List.of("--reporting", "127.0.0.1:" + stack.reportingHttpPort()));
        }
        if (noProgress)
        {
            command.add("--no-progress");
        }
        final Process client = new ProcessBuilder(command).redirectErrorStream(true).start();
        try (java.io.BufferedReader lines = new java.io.BufferedReader(new java.io.InputStreamReader(
            client.getInputStream(), java.nio.charset.StandardCharsets.UTF_8)))
        {
            for (String line = lines.readLine(); line != null; line = lines.readLine())
            {
                if (!line.startsWith("WARNING: ")) // the JVM's own notices (restricted and deprecated methods)
                {
                    out.println(line);
                }
            }
        }
        final int exit = client.waitFor();
        if (exit != 0)
        {
            throw new IllegalStateException("the gRPC client JVM exited with status " + exit);
        }
    }

    private SweepOptions options(final String rates, final int accounts, final Path folder)
    {
        final SweepOptions o = new SweepOptions();
        o.flow.workload = workload;
        o.flow.accounts = accounts;
        o.rates = rates;
        o.duration = duration;
        o.warmup = warmup;
        o.reportsDir = reportsDir;
        o.out = folder;
        o.noProgress = noProgress;
        return o;
    }
}
