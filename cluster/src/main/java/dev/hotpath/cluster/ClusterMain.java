package dev.hotpath.cluster;

import dev.hotpath.engine.api.Instrument;
import dev.hotpath.engine.journal.DirectoryLock;
import dev.hotpath.engine.pipeline.EngineConfig;
import org.agrona.concurrent.ShutdownSignalBarrier;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * {@code hotpath cluster}: starts a replicated engine on this machine, one JVM per node
 * ({@code hotpath cluster --nodes 3}), or one node ({@code hotpath cluster node --id 0 --nodes 3}), which is what
 * the first form runs for each node. Both stop on SIGTERM or Ctrl-C.
 *
 * <p>The engine's instruments are those of {@code config/hotpath.yaml} (BTC-USD and ETH-USD) and its risk
 * limits are off: in front of a cluster the gateway checks the limits it is configured with.
 *
 * <p>The main thread only.
 */
@Command(name = "cluster", mixinStandardHelpOptions = true, subcommands = ClusterMain.NodeCommand.class,
    description = "Start a replicated engine on Aeron Cluster: one JVM per node, on 127.0.0.1.")
public final class ClusterMain implements Callable<Integer>
{
    @Mixin
    ClusterOptions options;

    /** @param args command line. */
    public static void main(final String[] args)
    {
        System.exit(new CommandLine(new ClusterMain()).execute(args));
    }

    @Override
    public Integer call() throws Exception
    {
        final ClusterLayout layout = options.layout();
        final List<Process> children = new ArrayList<>();
        final String javaCommand = ProcessHandle.current().info().command().orElse("java");
        final List<String> jvmArgs = ManagementFactory.getRuntimeMXBean().getInputArguments();
        for (int i = 0; i < options.nodes; i++)
        {
            final List<String> command = new ArrayList<>();
            command.add(javaCommand);
            command.addAll(jvmArgs);
            command.add("-cp");
            command.add(System.getProperty("java.class.path"));
            command.add(ClusterMain.class.getName());
            command.addAll(List.of("node", "--id", Integer.toString(i), "--nodes", Integer.toString(options.nodes),
                "--dir", options.dir.toString(), "--base-port", Integer.toString(options.basePort),
                "--snapshot-every", Long.toString(options.snapshotEverySeconds)));
            children.add(new ProcessBuilder(command).inheritIO().start());
        }
        System.out.println("hotpath cluster: " + options.nodes + " nodes, ingress " + layout.ingressEndpoints() +
            ", directories under " + options.dir.toAbsolutePath());
        final Thread stopper = new Thread(() -> children.forEach(Process::destroy), "hotpath-cluster-stop");
        Runtime.getRuntime().addShutdownHook(stopper);
        int exit = 0;
        for (final Process child : children)
        {
            exit = Math.max(exit, child.waitFor());
        }
        return exit;
    }

    /**
     * @param nodeDir the node's directory.
     * @return the engine every node runs.
     */
    static EngineConfig engineConfig(final Path nodeDir)
    {
        return EngineConfig.builder()
            .directory(nodeDir)
            .instruments(List.of(
                new Instrument(0, "BTC-USD", 1, 1, 2, 4),
                new Instrument(1, "ETH-USD", 5, 10, 2, 3)))
            .build();
    }

    /** One node, until SIGTERM. */
    @Command(name = "node", mixinStandardHelpOptions = true, description = "Run one node of the cluster.")
    static final class NodeCommand implements Callable<Integer>
    {
        @Option(names = "--id", required = true, description = "This node's id, from 0.")
        int id;

        @Mixin
        ClusterOptions options;

        @Override
        public Integer call() throws InterruptedException
        {
            final ClusterLayout layout = options.layout();
            final long everyNs = TimeUnit.SECONDS.toNanos(options.snapshotEverySeconds);
            final ClusterNode node = new ClusterNode(layout, id, engineConfig(layout.nodeDir(id)));
            // Aeron's agents take over SIGINT and SIGTERM (Agrona's SigInt), so the JVM's shutdown hooks never run:
            // a signal releases every ShutdownSignalBarrier instead, this one included.
            final ShutdownSignalBarrier signal = new ShutdownSignalBarrier();
            final CountDownLatch stop = new CountDownLatch(1);
            final Thread waiter = new Thread(() ->
            {
                signal.await();
                stop.countDown();
            }, "hotpath-node-signal");
            waiter.setDaemon(true);
            waiter.start();
            try
            {
                try
                {
                    node.start();
                }
                catch (final DirectoryLock.DirectoryInUseException ex)
                {
                    System.err.println("hotpath cluster node " + id + ": " + ex.getMessage());
                    return 1;
                }
                System.out.println("hotpath cluster node " + id + " running: " + layout.nodeDir(id).toAbsolutePath());
                long lastSnapshotNs = System.nanoTime();
                while (!stop.await(1, TimeUnit.SECONDS))
                {
                    if (node.refusal() != null)
                    {
                        System.err.println("hotpath cluster node " + id + " stops: " + node.refusal().getMessage());
                        return 1;
                    }
                    if (everyNs > 0 && System.nanoTime() - lastSnapshotNs >= everyNs)
                    {
                        node.takeSnapshotIfLeader();
                        lastSnapshotNs = System.nanoTime(); // followers keep time too, to be ready when they lead
                    }
                }
            }
            finally
            {
                node.close();
            }
            System.out.println("hotpath cluster node " + id + " stopped");
            return 0;
        }
    }
}
