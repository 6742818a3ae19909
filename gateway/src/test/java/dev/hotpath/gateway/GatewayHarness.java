package dev.hotpath.gateway;

import dev.hotpath.engine.pipeline.Engine;
import dev.hotpath.engine.pipeline.EngineListener;
import dev.hotpath.gateway.api.AdminServiceGrpc;
import dev.hotpath.gateway.api.MarketDataGrpc;
import dev.hotpath.gateway.api.OrderEntryGrpc;
import dev.hotpath.gateway.auth.AuthInterceptor;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.MetadataUtils;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.LongSupplier;
import java.util.function.UnaryOperator;

/** A real gateway on a Netty server at 127.0.0.1 on an ephemeral port, a real engine, and channels to it. */
final class GatewayHarness implements AutoCloseable
{
    static final String ALICE = "test-key-alice-000000000001";
    static final String BOB = "test-key-bob-00000000000002";
    static final String CAROL = "test-key-carol-000000000003";
    static final String ADMIN = "test-key-admin-000000000009";

    final GatewayServer server;
    private final List<ManagedChannel> channels = new ArrayList<>();

    GatewayHarness(final GatewayConfig config, final UnaryOperator<EngineListener> listenerWrapper) throws Exception
    {
        this(config, listenerWrapper, System::nanoTime);
    }

    /** A gateway whose accounts' rate limits run on {@code rateLimitClock} (a test's fake clock). */
    GatewayHarness(final GatewayConfig config, final LongSupplier rateLimitClock) throws Exception
    {
        this(config, UnaryOperator.identity(), rateLimitClock);
    }

    private GatewayHarness(final GatewayConfig config, final UnaryOperator<EngineListener> listenerWrapper,
        final LongSupplier rateLimitClock) throws Exception
    {
        final Function<EngineListener, Engine> engines = GatewayServer.engineFromConfig(config);
        server = GatewayServer.onNetty(new InetSocketAddress("127.0.0.1", 0), config,
            listener -> engines.apply(listenerWrapper.apply(listener)), rateLimitClock).start();
    }

    GatewayHarness(final GatewayConfig config) throws Exception
    {
        this(config, UnaryOperator.identity());
    }

    static GatewayConfig config(final Path dir, final int ringSize, final long ratePerSecond, final long burst,
        final int streamQueue)
    {
        return new GatewayConfig("127.0.0.1", 0, -1, dir.toString(), ringSize, "BLOCKING", "AUTO", null, null, 0,
            streamQueue,
            new GatewayConfig.RateLimit(ratePerSecond, burst), 10_000,
            List.of(new GatewayConfig.InstrumentEntry(0, "BTC-USD", 1, 1, 2, 4),
                new GatewayConfig.InstrumentEntry(1, "ETH-USD", 5, 10, 2, 3)),
            List.of(new GatewayConfig.Account(1, "alice", ALICE, null), new GatewayConfig.Account(2, "bob", BOB, null),
                new GatewayConfig.Account(3, "carol", CAROL, null)),
            null, List.of(new GatewayConfig.Admin("root", ADMIN)), null, null, null);
    }

    static GatewayConfig config(final Path dir)
    {
        return config(dir, 1024, 1_000_000, 1_000_000, 1024);
    }

    ManagedChannel channel()
    {
        final ManagedChannel channel = NettyChannelBuilder.forAddress("127.0.0.1", server.port()).usePlaintext()
            .build();
        channels.add(channel);
        return channel;
    }

    /** A channel that lets only a few KiB of a stream's data ahead of what the application has read. */
    ManagedChannel smallWindowChannel()
    {
        final ManagedChannel channel = NettyChannelBuilder.forAddress("127.0.0.1", server.port()).usePlaintext()
            .flowControlWindow(8 * 1024).build();
        channels.add(channel);
        return channel;
    }

    static Metadata key(final String apiKey)
    {
        final Metadata m = new Metadata();
        m.put(AuthInterceptor.API_KEY, apiKey);
        return m;
    }

    OrderEntryGrpc.OrderEntryBlockingStub orders(final String apiKey)
    {
        return OrderEntryGrpc.newBlockingStub(channel())
            .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(key(apiKey)))
            .withDeadlineAfter(10, TimeUnit.SECONDS);
    }

    OrderEntryGrpc.OrderEntryStub ordersAsync(final String apiKey)
    {
        return OrderEntryGrpc.newStub(channel())
            .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(key(apiKey)));
    }

    AdminServiceGrpc.AdminServiceBlockingStub admin(final String apiKey)
    {
        return AdminServiceGrpc.newBlockingStub(channel())
            .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(key(apiKey)))
            .withDeadlineAfter(10, TimeUnit.SECONDS);
    }

    MarketDataGrpc.MarketDataBlockingStub market(final String apiKey)
    {
        return MarketDataGrpc.newBlockingStub(channel())
            .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(key(apiKey)))
            .withDeadlineAfter(10, TimeUnit.SECONDS);
    }

    MarketDataGrpc.MarketDataStub marketAsync(final String apiKey)
    {
        return MarketDataGrpc.newStub(channel())
            .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(key(apiKey)));
    }

    @Override
    public void close()
    {
        try
        {
            server.stop();
            for (final ManagedChannel c : channels)
            {
                c.shutdownNow();
                c.awaitTermination(5, TimeUnit.SECONDS);
            }
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(ex);
        }
    }
}
