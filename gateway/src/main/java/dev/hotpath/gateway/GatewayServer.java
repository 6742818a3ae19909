package dev.hotpath.gateway;

import com.sun.net.httpserver.HttpServer;
import dev.hotpath.engine.api.CommandType;
import dev.hotpath.engine.api.Instrument;
import dev.hotpath.engine.codec.FrameLayout;
import dev.hotpath.engine.journal.EventJournalReader;
import dev.hotpath.engine.journal.JournalCorruptedException;
import dev.hotpath.engine.pipeline.CommandEvent;
import dev.hotpath.engine.pipeline.Engine;
import dev.hotpath.engine.pipeline.EngineConfig;
import dev.hotpath.engine.pipeline.EngineListener;
import dev.hotpath.engine.pipeline.WaitStrategyKind;
import dev.hotpath.gateway.api.AdminServiceGrpc;
import dev.hotpath.gateway.api.TradeUpdate;
import io.grpc.Metadata;
import io.grpc.Server;
import io.grpc.ServerCall;
import io.grpc.ServerCallExecutorSupplier;
import io.grpc.ServerBuilder;
import io.grpc.ServerInterceptors;
import io.grpc.ServerServiceDefinition;
import io.grpc.Status;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.protobuf.services.HealthStatusManager;
import io.grpc.protobuf.services.ProtoReflectionService;
import io.grpc.protobuf.services.ProtoReflectionServiceV1;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * The gateway: an engine, the gRPC services in front of it (order entry, market data, admin, health, reflection) and
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

    private final Transport transport;
    private final ExecutorService callExecutor = Executors.newVirtualThreadPerTaskExecutor();
    private final GatewayConfig config;
    private final GatewayMetrics metrics = new GatewayMetrics();
    private final Set<Outbound<?>> streams = OrderEntryService.newStreamSet();
    private final ConcurrentHashMap<Long, OrderRecord> orders = new ConcurrentHashMap<>();
    private final AtomicLong inFlight = new AtomicLong();
    private final HealthStatusManager health = new HealthStatusManager();
    private final Engine engine;
    private final Responder responder;
    private final ResultHandOff results;
    private final OrderGateway gateway;
    private final Server server;
    private HttpServer metricsServer;
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
        this(serverBuilder, config, engineFactory, null);
    }

    /**
     * Builds everything (route_guide style): the engine (not yet started, nothing read), the way in and the way
     * out, the services and the server. {@link #start()} then only starts them.
     */
    private GatewayServer(final ServerBuilder<?> serverBuilder, final GatewayConfig config,
        final Function<EngineListener, Engine> engineFactory, final Transport transport)
    {
        this.config = config;
        this.transport = transport;
        final Instruments instruments = new Instruments(config.engineInstruments());
        final Accounts accounts = new Accounts(config.accounts(), config.rateLimit(), System.nanoTime());
        final Admins admins = new Admins(config.admins());
        final int bookCount = instruments.all().stream().mapToInt(Instrument::id).max().orElse(0) + 1;
        final BookView[] books = new BookView[bookCount];
        final List<CopyOnWriteArrayList<Outbound<TradeUpdate>>> tradeSubscribers = new ArrayList<>();
        for (int i = 0; i < bookCount; i++)
        {
            final Instrument instrument = instruments.byId(i);
            books[i] = instrument == null ? null : new BookView(instrument);
            tradeSubscribers.add(new CopyOnWriteArrayList<>());
        }
        final RiskProjection risk = new RiskProjection(config, bookCount);
        responder = new Responder(orders, inFlight, accounts, instruments, books, tradeSubscribers, metrics, risk);
        results = new ResultHandOff(config.maxInFlight() + config.ringSize(),
            transport != null ? transport.responderLoop() : null, WaitStrategyKind.valueOf(config.waitStrategy()),
            responder);
        engine = engineFactory.apply(new EngineEvents());
        responder.engine(engine);
        gateway = new OrderGateway(engine, instruments, responder::answerAbandoned, orders, inFlight,
            config.maxInFlight(), metrics);
        metrics.bindEngine(engine::ringOccupancy, inFlight::get);

        final AuthInterceptor auth = new AuthInterceptor(accounts, admins, metrics);
        final AdminAuthInterceptor adminAuth = new AdminAuthInterceptor(admins, accounts, metrics);
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
        final Transport transport = Transport.forThisMachine(config.transportThreads());
        return new GatewayServer(transport.serverBuilder(address), config, engineFactory, transport);
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
        engine.start();
        final long recoveredSequence = engine.coreWhenStopped().lastSequence(); // nothing is published before serving
        final long highestOrderId = replayEventJournal(recoveredSequence);
        results.start();
        ConfiguredLimits.journal(engine, config); // before serving: ahead of every client command in the ring
        final long firstOrderId = Math.max(System.currentTimeMillis() << ORDER_ID_SHIFT, highestOrderId + 1);
        gateway.startOrderIdsAt(firstOrderId);
        metrics.bindStalls(engine);
        try
        {
            server.start();
        }
        catch (final IOException | RuntimeException ex)
        {
            engine.close();
            throw ex;
        }
        setHealth(engine.intakeRefusal() == null ? ServingStatus.SERVING : ServingStatus.NOT_SERVING);
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
        LOG.info("gateway serving on port {} (metrics on {}; transport {}); engine recovered {}; first order id {}",
            server.getPort(), metricsPort(), transport != null ? transport.describe() : "of the caller's builder, " +
            "responder on its own thread", engine.recovery(), firstOrderId);
        return this;
    }

    /**
     * Reads the whole event journal into the projection; returns the highest order id a command named.
     *
     * @throws JournalCorruptedException when it is damaged or ends before the engine's recovered sequence.
     */
    private long replayEventJournal(final long recoveredSequence)
    {
        final long[] highest = {0};
        try (EventJournalReader reader = new EventJournalReader(engine.config().eventJournalDirectory()))
        {
            while (reader.poll((frame, length, index) ->
            {
                final byte type = frame.getByte(FrameLayout.COMMAND_TYPE_OFFSET);
                if (type == CommandType.PLACE.code())
                {
                    // only new orders bring order ids (a set-limits frame's order id field is a limit)
                    highest[0] = Math.max(highest[0], frame.getLong(FrameLayout.ORDER_ID_OFFSET,
                        ByteOrder.LITTLE_ENDIAN));
                }
                responder.replay(frame.getLong(FrameLayout.SEQUENCE_OFFSET, ByteOrder.LITTLE_ENDIAN),
                    frame.getLong(FrameLayout.TIMESTAMP_OFFSET, ByteOrder.LITTLE_ENDIAN), type,
                    frame.getLong(FrameLayout.ORDER_ID_OFFSET, ByteOrder.LITTLE_ENDIAN),
                    frame.getLong(FrameLayout.ACCOUNT_ID_OFFSET, ByteOrder.LITTLE_ENDIAN),
                    FrameLayout.clientOrderId(frame), frame, FrameLayout.HEADER_LENGTH, FrameLayout.eventsLength(frame));
            }, 4096) > 0)
            {
                // until the end
            }
            if (reader.lastSequence() != recoveredSequence)
            {
                throw new JournalCorruptedException("event journal " + engine.config().eventJournalDirectory(), null,
                    reader.lastIndex(), "it ends at sequence " + reader.lastSequence() + ", but the engine recovered " +
                    "to sequence " + recoveredSequence + " (a damaged or truncated file): move the event journal " +
                    "directory aside and restart, and the engine writes it again from the input journal", null);
            }
        }
        catch (final RuntimeException ex)
        {
            engine.close();
            throw ex;
        }
        return highest[0];
    }

    /**
     * The engine's callbacks: results go to the result ring; a stopped engine or a full disk also turns health to
     * NOT_SERVING (and back when the disk has room again).
     */
    private final class EngineEvents implements EngineListener
    {
        @Override
        public void onCommandResult(final CommandEvent event)
        {
            results.publish(event);
        }

        @Override
        public void onEngineStopped(final Throwable cause)
        {
            setHealth(ServingStatus.NOT_SERVING);
            results.publishStopped(cause);
        }

        @Override
        public void onDiskSpace(final boolean low, final String detail)
        {
            if (engine == null || engine.failure() == null)
            {
                setHealth(low ? ServingStatus.NOT_SERVING : ServingStatus.SERVING);
            }
        }
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

    /** @return the engine. */
    public Engine engine()
    {
        return engine;
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
        while (inFlight.get() > 0 && engine.failure() == null && deadlineNs - System.nanoTime() > 0)
        {
            Thread.sleep(1);
        }
        engine.close();
        results.stop(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadlineNs - System.nanoTime())));
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
