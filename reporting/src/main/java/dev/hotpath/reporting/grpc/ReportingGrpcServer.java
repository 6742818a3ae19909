package dev.hotpath.reporting.grpc;

import dev.hotpath.engine.auth.ApiKeyInterceptor;
import dev.hotpath.reporting.config.AccountDirectory;
import dev.hotpath.reporting.read.ReportingReads;
import dev.hotpath.reporting.store.ReportingQueries;
import io.grpc.Server;
import io.grpc.ServerBuilder;
import io.grpc.ServerInterceptors;

import java.io.IOException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * The reporting gRPC server. It takes its {@link ServerBuilder}, so a test can hand it an in-process builder
 * and the process a Netty one on a port.
 *
 * <p>{@code start} and {@code stop} from one controlling thread.
 */
public final class ReportingGrpcServer implements AutoCloseable
{
    private final Server server;
    private final StreamHub streams;

    private final ExecutorService calls = Executors.newVirtualThreadPerTaskExecutor();

    /**
     * @param builder  the transport.
     * @param queries  reads the projections.
     * @param streams  pushes updates (register it with the ingest as a batch listener).
     * @param accounts who may call.
     */
    public ReportingGrpcServer(final ServerBuilder<?> builder, final ReportingQueries queries,
        final StreamHub streams, final AccountDirectory accounts)
    {
        this(builder, new ReportingReads(queries, null), streams, accounts);
    }

    /**
     * @param builder  the transport.
     * @param reads    reads the projections (from the running ingest's memory where it can).
     * @param streams  pushes updates (register it with the ingest as a batch listener).
     * @param accounts who may call.
     */
    public ReportingGrpcServer(final ServerBuilder<?> builder, final ReportingReads reads,
        final StreamHub streams, final AccountDirectory accounts)
    {
        this.streams = streams;
        // queries block on JDBC: each call's callbacks run on a virtual thread, so a slow query holds no
        // platform thread (gRPC still runs one call's callbacks in order)
        this.server = builder.executor(calls).addService(ServerInterceptors.intercept(new ReportingGrpcService(reads, streams),
            new ApiKeyInterceptor<>(ReportingGrpcService.CALLER, key -> accounts.authenticate(key).orElse(null))))
            .build();
    }

    /**
     * @return this, listening.
     * @throws IOException when the port cannot be bound.
     */
    public ReportingGrpcServer start() throws IOException
    {
        server.start();
        return this;
    }

    /** @return the port listened on (-1 for an in-process server). */
    public int port()
    {
        return server.getPort();
    }

    /** Ends the streams, then stops taking calls and waits up to 5 s for the running ones. */
    @Override
    public void close()
    {
        streams.close();
        server.shutdown();
        try
        {
            if (!server.awaitTermination(5, TimeUnit.SECONDS))
            {
                server.shutdownNow();
            }
        }
        catch (final InterruptedException ex)
        {
            server.shutdownNow();
            Thread.currentThread().interrupt();
        }
        calls.shutdown();
    }
}
