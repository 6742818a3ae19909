package dev.hotpath.reporting;

import dev.hotpath.reporting.config.AccountDirectory;
import dev.hotpath.reporting.grpc.ReportingGrpcServer;
import dev.hotpath.reporting.grpc.StreamHub;
import dev.hotpath.reporting.http.DashboardServer;
import dev.hotpath.reporting.ingest.BatchListener;
import dev.hotpath.reporting.ingest.ReportingIngest;
import dev.hotpath.reporting.projection.Batch;
import dev.hotpath.reporting.read.ReportingReads;
import dev.hotpath.reporting.store.ReportingQueries;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;

import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A reporting process, or the same embedded in another: the ingest plus the servers that read what it wrote.
 * Start order: ingest (so the schema exists), then the servers; stop order the reverse, so that the last
 * batch is committed before the database is let go.
 *
 * <p>{@code start} and {@code close} from one controlling thread.
 */
public final class ReportingApp implements AutoCloseable
{
    private final ReportingSettings settings;
    private final List<BatchListener> listeners = new CopyOnWriteArrayList<>();
    private ReportingIngest ingest;
    private ReportingQueries queries;
    private ReportingGrpcServer grpc;
    private DashboardServer http;

    /**
     * @param settings how to run.
     */
    public ReportingApp(final ReportingSettings settings)
    {
        this.settings = settings;
    }

    /**
     * Starts the ingest, then the gRPC server and the dashboard (each only when its port is not -1; port 0 picks
     * a free one, see {@link #httpPort()} and {@link #grpcPort()}). On failure what was started is closed again.
     *
     * @return this, running.
     * @throws Exception when the database, the journal or a port cannot be opened.
     */
    public ReportingApp start() throws Exception
    {
        try
        {
            startAll();
            return this;
        }
        catch (final Exception | Error ex)
        {
            close();
            throw ex;
        }
    }

    private void startAll() throws Exception
    {
        if (settings.progress())
        {
            final PrintStream out = System.out;
            listeners.add(batch ->
            {
                out.println("committed " + batch.lastSequence() + " " + batch.events());
                out.flush();
            });
        }
        final AccountDirectory accounts = settings.accountsFile() == null ? AccountDirectory.EMPTY :
            AccountDirectory.load(settings.accountsFile());
        queries = new ReportingQueries(settings.database());
        ingest = new ReportingIngest(settings.eventJournal(), settings.database(), this::onCommitted,
            settings.batchFrames(), 4).start();
        if (settings.grpcPort() >= 0)
        {
            final StreamHub streams = new StreamHub(queries, 100);
            listeners.add(streams);
            grpc = new ReportingGrpcServer(
                NettyServerBuilder.forAddress(new InetSocketAddress(settings.bind(), settings.grpcPort())),
                new ReportingReads(queries, ingest), streams, accounts).start();
        }
        if (settings.httpPort() >= 0)
        {
            http = new DashboardServer(new InetSocketAddress(settings.bind(), settings.httpPort()), queries, accounts,
                settings.reportsDir(), ingest).start();
        }
    }

    private void onCommitted(final Batch batch)
    {
        for (final BatchListener listener : listeners)
        {
            listener.onCommitted(batch);
        }
    }

    /** @return the ingest. */
    public ReportingIngest ingest()
    {
        return ingest;
    }

    /** @return the dashboard's port, or -1 when off. */
    public int httpPort()
    {
        return http == null ? -1 : http.port();
    }

    /** @return the gRPC port, or -1 when off. */
    public int grpcPort()
    {
        return grpc == null ? -1 : grpc.port();
    }

    @Override
    public void close()
    {
        if (http != null)
        {
            http.close();
        }
        if (grpc != null)
        {
            grpc.close();
        }
        if (ingest != null)
        {
            ingest.close();
        }
        if (queries != null)
        {
            try
            {
                queries.close();
            }
            catch (final java.sql.SQLException ex)
            {
                System.getLogger(ReportingApp.class.getName()).log(System.Logger.Level.WARNING,
                    "closing the query connections failed", ex);
            }
        }
    }
}
