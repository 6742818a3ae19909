package dev.hotpath.reporting;

import dev.hotpath.reporting.store.Database;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * {@code hotpath reporting}: tails an engine's event journal into the reporting database and serves it over
 * gRPC and HTTP until stopped (Ctrl-C or SIGTERM shut it down gracefully: the last batch is committed).
 *
 * <p>Runs on the main thread until shutdown.
 */
@Command(name = "reporting", mixinStandardHelpOptions = true,
    description = "Tail the engine's event journal into an SQL database; serve trades, positions, bars and a dashboard.")
public final class ReportingMain implements Callable<Integer>
{
    @Option(names = "--engine-dir", required = true, description = "The engine's directory (its journal is in events/).")
    Path engineDir;

    @Option(names = "--db-url", defaultValue = "jdbc:duckdb:./data/reporting.duckdb",
        description = "JDBC URL of the reporting database (default: ${DEFAULT-VALUE}).")
    String dbUrl;

    @Option(names = "--db-user", defaultValue = "sa",
        description = "Database user, for H2 and PostgreSQL (DuckDB has none) (default: ${DEFAULT-VALUE}).")
    String dbUser;

    @Option(names = "--db-password", defaultValue = "", description = "Database password.")
    String dbPassword;

    @Option(names = "--http-port", defaultValue = "8080",
        description = "Dashboard port; 0 picks a free one, -1 turns it off (default: ${DEFAULT-VALUE}).")
    int httpPort;

    @Option(names = "--grpc-port", defaultValue = "9090",
        description = "gRPC port; 0 picks a free one, -1 turns it off (default: ${DEFAULT-VALUE}).")
    int grpcPort;

    @Option(names = "--bind", defaultValue = "127.0.0.1", description = "Address to listen on (default: ${DEFAULT-VALUE}).")
    String bind;

    @Option(names = "--accounts", description = "API-key file in the gateway's format: its accounts list of"
        + " {id, name, key} (YAML or JSON); the gateway's config file will do (e.g. config/hotpath.yaml).")
    Path accountsFile;

    @Option(names = "--reports-dir", defaultValue = "reports",
        description = "Where load-generator runs are (latest/summary.json) (default: ${DEFAULT-VALUE}).")
    Path reportsDir;

    @Option(names = "--batch-frames", defaultValue = "131072",
        description = "Most journal frames per transaction (default: ${DEFAULT-VALUE}).")
    int batchFrames;

    @Option(names = "--progress",
        description = "Print 'committed <sequence> <events>' at start (the position resumed from) and after each batch.")
    boolean progress;

    @Override
    public Integer call() throws Exception
    {
        final ReportingSettings settings = new ReportingSettings(engineDir.resolve("events"),
            new Database(dbUrl, dbUser, dbPassword), bind, httpPort, grpcPort, accountsFile, reportsDir, batchFrames,
            progress);
        final ReportingApp app = new ReportingApp(settings).start();
        final CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() ->
        {
            app.close();
            stopped.countDown();
        }, "reporting-shutdown"));
        System.out.println("READY http=" + app.httpPort() + " grpc=" + app.grpcPort());
        if (progress)
        {
            // Everything up to the stored position is committed already: a restart with nothing left to read
            // must still tell that it is up to date.
            System.out.println("committed " + app.ingest().committedSequence() + " 0");
        }
        System.out.flush();
        while (!stopped.await(1, TimeUnit.SECONDS))
        {
            final Throwable failure = app.ingest().failure();
            if (failure != null)
            {
                System.err.println("reporting ingest stopped: " + failure);
                return 1;
            }
        }
        return 0;
    }

    /**
     * @param args command-line arguments.
     */
    public static void main(final String[] args)
    {
        System.exit(new CommandLine(new ReportingMain()).execute(args));
    }
}
