package dev.hotpath.gateway;

import com.sun.net.httpserver.HttpServer;
import dev.hotpath.engine.journal.JournalCorruptedException;
import dev.hotpath.engine.pipeline.BackgroundIdleStrategy;
import dev.hotpath.engine.pipeline.CommandEvent;
import dev.hotpath.engine.pipeline.Engine;
import dev.hotpath.engine.pipeline.EngineConfig;
import dev.hotpath.engine.pipeline.EngineListener;
import dev.hotpath.cluster.ClusterLayout;
import dev.hotpath.engine.pipeline.WaitStrategyKind;
import dev.hotpath.engine.snapshot.SnapshotStore;
import dev.hotpath.gateway.admin.AdminService;
import dev.hotpath.gateway.api.AdminServiceGrpc;
import dev.hotpath.gateway.api.TradeUpdate;
import dev.hotpath.gateway.auth.Accounts;
import dev.hotpath.gateway.auth.Admins;
import dev.hotpath.gateway.auth.AuthInterceptor;
import dev.hotpath.gateway.guard.ExceptionInterceptor;
import dev.hotpath.gateway.guard.MalformedRequestGuard;
import dev.hotpath.gateway.in.EngineClock;
import dev.hotpath.gateway.in.OrderEntryService;
import dev.hotpath.gateway.in.OrderGateway;
import dev.hotpath.gateway.in.PendingCommand;
import dev.hotpath.gateway.link.ClusterEngineLink;
import dev.hotpath.gateway.link.EngineLink;
import dev.hotpath.gateway.link.LinkListener;
import dev.hotpath.gateway.link.LocalEngineLink;
import dev.hotpath.gateway.mapping.GatewayRefusal;
import dev.hotpath.gateway.mapping.Instruments;
import dev.hotpath.gateway.marketdata.BookView;
import dev.hotpath.gateway.marketdata.MarketDataService;
import dev.hotpath.gateway.out.Outbound;
import dev.hotpath.gateway.out.Responder;
import dev.hotpath.gateway.out.ResultHandOff;
import dev.hotpath.gateway.state.EventJournalReplay;
import dev.hotpath.gateway.state.GatewayRecovery;
import dev.hotpath.gateway.state.GatewaySnapshot;
import dev.hotpath.gateway.state.GatewaySnapshotter;
import dev.hotpath.gateway.state.GatewayState;
import dev.hotpath.gateway.state.RiskProjection;
import io.grpc.Metadata;
import io.grpc.Server;
import io.grpc.ServerCall;
import io.grpc.ServerCallExecutorSupplier;
import io.grpc.ServerInterceptor;
import io.grpc.ServerBuilder;
import io.grpc.ServerInterceptors;
import io.grpc.ServerServiceDefinition;
import io.grpc.Status;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.protobuf.services.HealthStatusManager;
import io.grpc.protobuf.services.ProtoReflectionService;
import io.grpc.protobuf.services.ProtoReflectionServiceV1;
import org.agrona.concurrent.AgentRunner;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.AgentTerminationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Function;
import java.util.function.LongSupplier;

/**
 * The gateway: an engine (in this process, or a cluster's through an {@link EngineLink}), the gRPC services in front of it (order entry, market data, admin, health, reflection) and
 * the Prometheus endpoint. As in grpc-java's route_guide, the constructor builds everything around a
 * {@link ServerBuilder} (the machine's {@link Transport} with {@link #onNetty}, or the caller's, e.g. an in-process
 * one in tests) and {@link #start()} only starts: the engine recovers, the event journal is read into the
 * projections, then the server listens.
 *
 * <p>Construct, {@link #start()} and {@link #stop()} from one controlling thread (main, or the shutdown hook).
 */
public final class GatewayServer
{
    private static final Logger LOG = LoggerFactory.getLogger(GatewayServer.class);
    /** Room for a million engine order ids a millisecond: see {@link OrderGateway}. */
    private static final int ORDER_ID_SHIFT = 20;
    /** Where the gateway's snapshots live, inside the engine's directory. */
    public static final String SNAPSHOT_DIRECTORY = "gateway-snapshots";
    private static final String SNAPSHOT_PREFIX = "gateway-";
    private static final int SNAPSHOTS_KEPT = 3;
    private static final long SNAPSHOTTER_IDLE_NS = TimeUnit.MICROSECONDS.toNanos(500);
    private static final long SNAPSHOTTER_FINISH_TIMEOUT_NS = TimeUnit.SECONDS.toNanos(30);

    private final Transport transport;
    private final ExecutorService callExecutor = Executors.newVirtualThreadPerTaskExecutor();
    private final GatewayConfig config;
    private final GatewayMetrics metrics = new GatewayMetrics();
    private final Set<Outbound<?>> streams = OrderEntryService.newStreamSet();
    private final Instruments instruments;
    private final GatewayState state;
    private final AtomicLong inFlight = new AtomicLong();
    private final HealthStatusManager health = new HealthStatusManager();
    private final EngineLink link;
    private final Responder responder;
    private final ResultHandOff results;
    private final OrderGateway gateway;
    private final Server server;
    private HttpServer metricsServer;
    private GatewaySnapshotter snapshotter;
    private EngineClock clock;
    private AgentRunner snapshotterRunner;
    private GatewayRecovery.Outcome recovered;
    private boolean started;
    private volatile boolean stopped;
    private final List<String> servedServices = new CopyOnWriteArrayList<>();

    /**
     * @param serverBuilder where to listen (its port is the caller's choice; {@link GatewayConfig#port()} is not
     *                      used here).
     * @param config        the gateway's settings.
     * @param engineFactory builds the (not yet started) engine around the gateway's listener.
     */
    public GatewayServer(final ServerBuilder<?> serverBuilder, final GatewayConfig config,
        final Function<EngineListener, Engine> engineFactory)
    {
        this(serverBuilder, config, (listener, loop) -> new LocalEngineLink(engineFactory, listener, loop), null,
            System::nanoTime);
    }

    /**
     * Builds everything (route_guide style): the engine (not yet started, nothing read), the way in and the way
     * out, the services and the server. {@link #start()} then only starts them. The accounts' rate limits run on
     * {@code rateLimitClock}: {@link System#nanoTime()}, or a test's fake clock.
     */
    private GatewayServer(final ServerBuilder<?> serverBuilder, final GatewayConfig config,
        final EngineLink.Factory linkFactory, final Transport transport, final LongSupplier rateLimitClock)
    {
        this.config = config;
        this.transport = transport;
        final Instruments instruments = new Instruments(config.engineInstruments());
        final Admins admins = new Admins(config.admins());
        this.instruments = instruments;
        state = GatewayState.empty(config, instruments, rateLimitClock);
        final Accounts accounts = state.accounts();
        final BookView[] books = state.books();
        final RiskProjection risk = state.risk();
        final List<CopyOnWriteArrayList<Outbound<TradeUpdate>>> tradeSubscribers = new ArrayList<>();
        for (int i = 0; i < books.length; i++)
        {
            tradeSubscribers.add(new CopyOnWriteArrayList<>());
        }
        responder = new Responder(state, inFlight, instruments, tradeSubscribers, metrics);
        final Executor loop = transport != null ? transport.responderLoop() : null;
        results = new ResultHandOff(config.maxInFlight() + config.ringSize(), loop,
            WaitStrategyKind.valueOf(config.waitStrategy()), responder);
        link = linkFactory.create(new LinkEvents(), loop);
        responder.link(link);
        gateway = new OrderGateway(link, instruments, responder::answerAbandoned, state.orders(), inFlight,
            config.maxInFlight(), metrics);
        metrics.bindEngine(link::ringOccupancy, inFlight::get);

        final AuthInterceptor auth = new AuthInterceptor(accounts, admins, metrics);
        final ServerInterceptor adminAuth = AuthInterceptor.forAdminService(admins, accounts, metrics);
        final ExceptionInterceptor exceptions = new ExceptionInterceptor();
        final MalformedRequestGuard malformed = new MalformedRequestGuard(metrics);
        final OrderEntryService orderEntry = new OrderEntryService(gateway, metrics, config.streamQueue(), streams);
        final MarketDataService marketData = new MarketDataService(instruments, books, tradeSubscribers,
            config.streamQueue(), streams, metrics);
        final AdminService admin = new AdminService(gateway, config, instruments, risk, metrics);
        // The threads calls run on: order entry, market data and health run on the transport (Netty event loop)
        // threads, since none of them blocks (a command is published without waiting; its answer comes from the
        // responder): no hand-off to another thread per message. The rare calls that might take longer (admin,
        // reflection) run on virtual threads. Every service parses its requests under the guard, so bytes that are
        // no message get INVALID_ARGUMENT. Both reflection versions are served: v1, and v1alpha, which many
        // clients (older grpcurl) still ask for.
        final ServerServiceDefinition reflectionV1 = ProtoReflectionServiceV1.newInstance().bindService();
        final ServerServiceDefinition reflectionV1Alpha = ProtoReflectionService.newInstance().bindService();
        final Set<String> offTransport = Set.of(AdminServiceGrpc.SERVICE_NAME,
            reflectionV1.getServiceDescriptor().getName(), reflectionV1Alpha.getServiceDescriptor().getName());
        server = serverBuilder
            .directExecutor()
            .callExecutor(new ServerCallExecutorSupplier()
            {
                @Override
                public <ReqT, RespT> Executor getExecutor(final ServerCall<ReqT, RespT> call, final Metadata headers)
                {
                    return offTransport.contains(call.getMethodDescriptor().getServiceName()) ? callExecutor : null;
                }
            })
            .addService(malformed.guard(ServerInterceptors.intercept(orderEntry, auth, exceptions)))
            .addService(malformed.guard(ServerInterceptors.intercept(marketData, auth, exceptions)))
            .addService(malformed.guard(ServerInterceptors.intercept(admin, adminAuth, exceptions)))
            .addService(malformed.guard(health.getHealthService().bindService()))
            .addService(malformed.guard(reflectionV1))
            .addService(malformed.guard(reflectionV1Alpha))
            .build();
        servedServices.add(orderEntry.bindService().getServiceDescriptor().getName());
        servedServices.add(marketData.bindService().getServiceDescriptor().getName());
        servedServices.add(admin.bindService().getServiceDescriptor().getName());
    }

    /**
     * The gateway as a user runs it: on the machine's {@link Transport} (native epoll on Linux), with the responder
     * on its event loop.
     *
     * @param address       where to listen.
     * @param config        the gateway's settings.
     * @param engineFactory builds the (not yet started) engine around the gateway's listener.
     * @return the gateway, not yet started; {@link #stop()} also stops the transport's threads.
     */
    public static GatewayServer onNetty(final SocketAddress address, final GatewayConfig config,
        final Function<EngineListener, Engine> engineFactory)
    {
        return onNetty(address, config, engineFactory, System::nanoTime);
    }

    /**
     * The gateway on the machine's {@link Transport}, its accounts' rate limits on a clock of the caller's: how a test
     * drives the rate limits with a fake clock instead of waiting.
     *
     * @param address        where to listen.
     * @param config         the gateway's settings.
     * @param engineFactory  builds the (not yet started) engine around the gateway's listener.
     * @param rateLimitClock the rate limits' monotonic clock, in nanoseconds.
     * @return the gateway, not yet started; {@link #stop()} also stops the transport's threads.
     */
    public static GatewayServer onNetty(final SocketAddress address, final GatewayConfig config,
        final Function<EngineListener, Engine> engineFactory, final LongSupplier rateLimitClock)
    {
        return onNettyWithLink(address, config, (listener, loop) -> new LocalEngineLink(engineFactory, listener, loop),
            rateLimitClock);
    }

    /**
     * The gateway as {@code ./hotpath server} runs it: on the machine's {@link Transport}, in front of the engine
     * the config names ({@code engine: local}, in this process, or {@code engine: cluster}).
     *
     * @param address where to listen.
     * @param config  the gateway's settings.
     * @return the gateway, not yet started.
     */
    public static GatewayServer onNetty(final SocketAddress address, final GatewayConfig config)
    {
        if (!config.isCluster())
        {
            return onNetty(address, config, engineFromConfig(config));
        }
        final GatewayConfig.Cluster cluster = config.cluster();
        final Path dir = Path.of(config.journalDir());
        return onNettyWithLink(address, config, (listener, loop) -> new ClusterEngineLink(
            new ClusterLayout(cluster.nodes(), cluster.basePort(), dir), dir, config.ringSize(), listener),
            System::nanoTime);
    }

    private static GatewayServer onNettyWithLink(final SocketAddress address, final GatewayConfig config,
        final EngineLink.Factory linkFactory, final LongSupplier rateLimitClock)
    {
        final Transport transport = Transport.forThisMachine(config.transportThreads());
        return new GatewayServer(transport.serverBuilder(address), config, linkFactory, transport, rateLimitClock);
    }

    /**
     * @param config the gateway's settings.
     * @return a factory of the engine the config describes.
     */
    public static Function<EngineListener, Engine> engineFromConfig(final GatewayConfig config)
    {
        final EngineConfig.Builder builder = EngineConfig.builder()
            .directory(Path.of(config.journalDir()))
            .instruments(config.engineInstruments())
            .ringSize(config.ringSize())
            .waitStrategy(WaitStrategyKind.valueOf(config.waitStrategy()))
            .threadingMode(config.engineThreading())
            .snapshotInterval(config.snapshotInterval())
            .minFreeDiskBytes(config.minFreeDiskMb() << 20);
        // no limits here: the config's limits reach the engine as journaled commands (see ConfiguredLimits), so a
        // replay never applies today's config to yesterday's orders
        final EngineConfig engineConfig = builder.build();
        return listener -> new Engine(engineConfig, listener);
    }

    /**
     * Starts the engine (recovering its state), rebuilds the market-data projection from the event journal, then
     * starts serving.
     *
     * @return this.
     * @throws IOException when a port cannot be bound.
     */
    public synchronized GatewayServer start() throws IOException
    {
        if (started)
        {
            throw new IllegalStateException("the gateway is started already");
        }
        started = true;
        final long startNs = System.nanoTime();
        link.start();
        final long engineNs = System.nanoTime();
        final long highestOrderId = recoverState(link.recoveredSequence());
        final long stateNs = System.nanoTime();
        results.start();
        try
        {
            link.open(); // in front of a cluster: caught up with it
        }
        catch (final RuntimeException ex)
        {
            closeOnFailedStart();
            throw ex;
        }
        ConfiguredLimits.journal(link, config); // before serving: ahead of every client command in the ring
        final long firstOrderId = Math.max(System.currentTimeMillis() << ORDER_ID_SHIFT, highestOrderId + 1);
        gateway.startOrderIdsAt(firstOrderId);
        link.bindMetrics(metrics);
        metrics.bindGatewaySnapshots(snapshotter::snapshotsWritten, snapshotter::lastSnapshotSequence);
        try
        {
            server.start();
        }
        catch (final IOException | RuntimeException ex)
        {
            closeOnFailedStart();
            throw ex;
        }
        setHealth(link.intakeRefusal() == null ? ServingStatus.SERVING : ServingStatus.NOT_SERVING);
        clock = new EngineClock(link, EngineClock.DEFAULT_TICK_MS);
        clock.start();
        if (config.metricsPort() >= 0)
        {
            metricsServer = HttpServer.create(new InetSocketAddress(config.host(), config.metricsPort()), 16);
            metricsServer.createContext("/metrics", exchange ->
            {
                final byte[] body = metrics.scrape().getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "text/plain; version=0.0.4; charset=utf-8");
                exchange.sendResponseHeaders(200, body.length);
                try (OutputStream out = exchange.getResponseBody())
                {
                    out.write(body);
                }
            });
            metricsServer.setExecutor(callExecutor);
            metricsServer.start();
        }
        LOG.info("gateway serving on port {} (metrics on {}; transport {}); {}; first order id {}",
            server.getPort(), metricsPort(), transport != null ? transport.describe() : "of the caller's builder, " +
            "responder on its own thread", link.describe(), firstOrderId);
        LOG.info("gateway state recovered {}; start-up took {} ms (engine {} ms, gateway state {} ms)",
            recovered.describe(), (System.nanoTime() - startNs) / 1_000_000, (engineNs - startNs) / 1_000_000,
            (stateNs - engineNs) / 1_000_000);
        return this;
    }

    /**
     * Rebuilds the gateway's state from its newest snapshot and the event journal after it, then starts the
     * gateway snapshotter on a copy of that state; returns the highest order id a command named.
     *
     * @throws JournalCorruptedException when the journal is damaged or ends before the engine's recovered sequence.
     */
    private long recoverState(final long recoveredSequence)
    {
        final SnapshotStore store = new SnapshotStore(link.directory().resolve(SNAPSHOT_DIRECTORY),
            SNAPSHOT_PREFIX, SNAPSHOTS_KEPT);
        final int fingerprint = GatewaySnapshot.fingerprint(config);
        final Path eventJournal = link.eventJournalDirectory();
        try
        {
            final EventJournalReplay replay = new EventJournalReplay(responder);
            recovered = new GatewayRecovery(eventJournal, store, fingerprint).recover(state, replay,
                recoveredSequence);
        }
        catch (final RuntimeException ex)
        {
            link.close();
            throw ex;
        }
        // the snapshotter's copy: the live state, through the snapshot format (the state is not changing yet)
        final GatewayState copy = GatewayState.empty(config, instruments);
        final GatewaySnapshot.Position end = recovered.end();
        GatewaySnapshot.load(GatewaySnapshot.encode(state, end, fingerprint), "the live state", fingerprint, copy);
        final EventJournalReplay copyReplay = new EventJournalReplay(Responder.replayOnly(copy, instruments,
            metrics));
        copyReplay.resumeAt(end);
        final long interval = config.snapshotInterval();
        snapshotter = new GatewaySnapshotter(eventJournal, store, copy, copyReplay, end,
            recovered.snapshot().sequence(), interval, fingerprint, interval > 0 && recovered.replayed() >= interval);
        snapshotterRunner = new AgentRunner(new BackgroundIdleStrategy(SNAPSHOTTER_IDLE_NS), ex ->
        {
            if (!(ex instanceof AgentTerminationException))
            {
                LOG.error("gateway snapshotter failed", ex);
            }
        }, null, snapshotter);
        AgentRunner.startOnThread(snapshotterRunner, r ->
        {
            final Thread t = new Thread(r, snapshotter.roleName());
            t.setDaemon(true);
            return t;
        });
        return end.highestOrderId();
    }

    /**
     * The link's callbacks: results go to the result ring; a stopped engine, a full disk or a failover also turns
     * health to NOT_SERVING (and back when commands go in again).
     */
    private final class LinkEvents implements LinkListener
    {
        @Override
        public void onResult(final CommandEvent event)
        {
            results.publish(event);
        }

        @Override
        public void onFrame(final DirectBuffer frame, final int offset, final PendingCommand pending)
        {
            results.publishFrame(frame, offset, pending);
        }

        @Override
        public void onLost(final PendingCommand pending, final String reason)
        {
            responder.refuse(pending, new GatewayRefusal(Status.UNAVAILABLE.withDescription(reason), 0));
        }

        @Override
        public void onStopped(final Throwable cause)
        {
            setHealth(ServingStatus.NOT_SERVING);
            results.publishStopped(cause);
        }

        @Override
        public void onAvailability(final boolean available, final String detail)
        {
            if (link == null || link.failure() == null)
            {
                setHealth(available ? ServingStatus.SERVING : ServingStatus.NOT_SERVING);
            }
            if (started)
            {
                LOG.info("{}", detail);
            }
        }
    }

    /** A start that failed after the link started: stops what started, so that the directory is free again. */
    private void closeOnFailedStart()
    {
        link.close();
        finishSnapshots();
    }

    /** Stops the gateway snapshotter's thread, then lets it catch up with the (stopped) engine and write a last one. */
    private void finishSnapshots()
    {
        if (snapshotterRunner == null)
        {
            return;
        }
        snapshotter.requestFinish();
        final long deadlineNs = System.nanoTime() + SNAPSHOTTER_FINISH_TIMEOUT_NS;
        final Thread agentThread = snapshotterRunner.thread();
        while (!snapshotter.finished() && agentThread != null && agentThread.isAlive() &&
            deadlineNs - System.nanoTime() > 0)
        {
            LockSupport.parkNanos(SNAPSHOTTER_IDLE_NS);
        }
        if (!snapshotter.finished())
        {
            LOG.warn("no final gateway snapshot (the snapshotter stopped or took over {} s): the next start replays " +
                "the event journal from sequence {}", TimeUnit.NANOSECONDS.toSeconds(SNAPSHOTTER_FINISH_TIMEOUT_NS),
                snapshotter.lastSnapshotSequence());
        }
        snapshotterRunner.close();
        snapshotterRunner = null;
    }

    /** @return the gateway's state (for tests: compare it only once the gateway has stopped). */
    GatewayState state()
    {
        return state;
    }

    /** @return what the start did to rebuild the state, or {@code null} before the start. */
    GatewayRecovery.Outcome recovered()
    {
        return recovered;
    }

    private void setHealth(final ServingStatus status)
    {
        if (stopped)
        {
            return;
        }
        health.setStatus("", status);
        for (final String service : servedServices)
        {
            health.setStatus(service, status);
        }
    }

    /** @return the gRPC port. */
    public int port()
    {
        return server.getPort();
    }

    /** @return the metrics port, or -1 when there is no metrics endpoint. */
    public int metricsPort()
    {
        return metricsServer == null ? -1 : metricsServer.getAddress().getPort();
    }

    /** @return the meters. */
    public GatewayMetrics metrics()
    {
        return metrics;
    }

    /** @return the in-process engine ({@code null} in front of a cluster). */
    public Engine engine()
    {
        return link instanceof LocalEngineLink local ? local.engine() : null;
    }

    /** @return what the gateway sends its commands to. */
    public EngineLink link()
    {
        return link;
    }

    /**
     * Graceful shutdown, bounded by {@link GatewayConfig#shutdownMs()}: refuse new calls and commands, let the
     * commands in flight come back and be answered, close the engine (which drains its ring, flushes the journals
     * and writes a snapshot), then end every stream with UNAVAILABLE "server shutting down".
     *
     * @throws InterruptedException when interrupted while waiting.
     */
    public synchronized void stop() throws InterruptedException
    {
        if (stopped || !started)
        {
            return;
        }
        stopped = true;
        final long deadlineNs = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(config.shutdownMs());
        health.enterTerminalState();
        server.shutdown();
        gateway.stopAccepting();
        if (clock != null)
        {
            clock.stop();
        }
        while (inFlight.get() > 0 && link.failure() == null && deadlineNs - System.nanoTime() > 0)
        {
            Thread.sleep(1);
        }
        link.close();
        results.stop(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadlineNs - System.nanoTime())));
        finishSnapshots();
        for (final Outbound<?> stream : List.copyOf(streams))
        {
            stream.finish(Status.UNAVAILABLE.withDescription("server shutting down"));
        }
        if (!server.awaitTermination(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadlineNs - System.nanoTime())),
            TimeUnit.MILLISECONDS))
        {
            server.shutdownNow();
            server.awaitTermination(1, TimeUnit.SECONDS);
        }
        if (metricsServer != null)
        {
            metricsServer.stop(0);
        }
        callExecutor.shutdown();
        if (transport != null)
        {
            transport.close();
        }
        LOG.info("gateway stopped; {} commands were still in flight", inFlight.get());
    }
}
