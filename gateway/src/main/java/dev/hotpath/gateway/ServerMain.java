package dev.hotpath.gateway;

import dev.hotpath.engine.journal.DirectoryLock;
import dev.hotpath.engine.journal.JournalCorruptedException;
import dev.hotpath.engine.journal.JournalWriteException;
import dev.hotpath.engine.snapshot.SnapshotCorruptedException;
import dev.hotpath.gateway.link.ClusterUnavailableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import io.grpc.netty.shaded.io.netty.util.ResourceLeakDetector;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/**
 * {@code hotpath server}: runs the gateway and its engine until SIGTERM or Ctrl-C, then shuts down gracefully
 * (see {@link GatewayServer#stop()}) and exits 0.
 *
 * <p>Main thread; the shutdown runs on the JVM's shutdown-hook thread.
 */
@Command(name = "server", mixinStandardHelpOptions = true,
    description = "Runs the hotpath engine behind its gRPC gateway until SIGTERM.")
public final class ServerMain implements Callable<Integer>
{
    private static final Logger LOG = LoggerFactory.getLogger(ServerMain.class);

    @Option(names = {"-c", "--config"}, description = "YAML config file (default: ${DEFAULT-VALUE})",
        defaultValue = "config/hotpath.yaml")
    private Path configFile;

    @Option(names = "--host", description = "address to listen on (overrides the config)")
    private String host;

    @Option(names = {"-p", "--port"}, description = "gRPC port (overrides the config)")
    private Integer port;

    @Option(names = "--metrics-port", description = "Prometheus port, -1 for none (overrides the config)")
    private Integer metricsPort;

    @Option(names = "--journal-dir", description = "engine journal directory (overrides the config)")
    private String journalDir;

    @Option(names = "--wait-strategy", description = "SLEEPING, PARKING, SPIN_THEN_BLOCK, BLOCKING, BACKOFF, YIELDING or BUSY_SPIN")
    private String waitStrategy;

    @Option(names = "--threading", description = "engine threading: AUTO (INVOKER below 4 cores, else DEDICATED), INVOKER (on the event loop), SHARED or DEDICATED")
    private String threading;

    @Option(names = "--engine", description = "local (in this process) or cluster (./hotpath cluster's; overrides the config)")
    private String engine;

    @Option(names = "--cluster-nodes", description = "the cluster's nodes, for --engine cluster (overrides the config)")
    private Integer clusterNodes;

    @Option(names = "--cluster-base-port", description = "the cluster's base port (overrides the config)")
    private Integer clusterBasePort;

    @Option(names = "--rate-limit", description = "per-account commands per second (overrides the config)")
    private Long ratePerSecond;

    @Option(names = "--rate-burst", description = "per-account burst (overrides the config)")
    private Long rateBurst;

    /**
     * @param args command-line arguments.
     */
    public static void main(final String[] args)
    {
        final int code = new CommandLine(new ServerMain())
            .setExecutionExceptionHandler((ex, commandLine, parseResult) ->
            {
                if (isStartRefusal(ex))
                {
                    // a refusal to start on a damaged, foreign or busy directory: the message says it all
                    commandLine.getErr().println("hotpath server: cannot start: " + ex.getMessage());
                    return 1;
                }
                throw ex;
            })
            .execute(args);
        if (code != 0)
        {
            System.exit(code);
        }
    }

    private static boolean isStartRefusal(final Exception ex)
    {
        return ex instanceof JournalCorruptedException || ex instanceof DirectoryLock.DirectoryInUseException ||
            ex instanceof SnapshotCorruptedException || ex instanceof JournalWriteException ||
            ex instanceof IllegalArgumentException || ex instanceof java.io.UncheckedIOException ||
            ex instanceof ClusterUnavailableException;
    }

    @Override
    public Integer call() throws Exception
    {
        // Netty's leak detector records a stack trace for one buffer in 128 (measured: ~300 a second on the event
        // loop at 10,000 orders/s): useful in tests, which keep it, not in the server users run
        ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.DISABLED);
        GatewayConfig config = GatewayConfig.load(configFile);
        config = config.withListen(host != null ? host : config.host(), port != null ? port : config.port(),
            metricsPort != null ? metricsPort : config.metricsPort());
        config = config.withEngine(journalDir != null ? journalDir : config.journalDir(),
            waitStrategy != null ? waitStrategy : config.waitStrategy(),
            new GatewayConfig.RateLimit(ratePerSecond != null ? ratePerSecond : config.rateLimit().perSecond(),
                rateBurst != null ? rateBurst : config.rateLimit().burst()));
        if (threading != null)
        {
            config = config.withThreading(threading);
        }
        if (engine != null || clusterNodes != null || clusterBasePort != null)
        {
            config = config.withEngineKind(engine != null ? engine : config.engine(), new GatewayConfig.Cluster(
                clusterNodes != null ? clusterNodes : config.cluster().nodes(),
                clusterBasePort != null ? clusterBasePort : config.cluster().basePort()));
        }
        if (config.isCluster())
        {
            LOG.info("engine: the cluster of " + config.cluster().nodes() + " nodes at base port " +
                config.cluster().basePort() + "; the gateway's own files in " + config.journalDir());
        }
        else
        {
            LOG.info("engine threading " + config.engineThreading() + " (" +
                Runtime.getRuntime().availableProcessors() + " cores), snapshots every " + config.snapshotInterval() +
                " commands");
        }
        final GatewayServer server = GatewayServer.onNetty(new InetSocketAddress(config.host(), config.port()), config)
            .start();
        System.out.println("hotpath server listening on " + config.host() + ":" + server.port() +
            ", metrics on http://" + config.host() + ":" + server.metricsPort() + "/metrics");
        final CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() ->
        {
            try
            {
                server.stop();
                LOG.info("shut down cleanly");
                System.out.flush();
                stopped.countDown();
                // a JVM stopped by SIGTERM exits 143 after its hooks; a clean, complete shutdown exits 0
                Runtime.getRuntime().halt(0);
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
            }
        }, "hotpath-shutdown"));
        stopped.await();
        return 0;
    }
}
