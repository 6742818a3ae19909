package dev.hotpath.gateway;

import dev.hotpath.gateway.api.BookSnapshot;
import dev.hotpath.gateway.api.GetBookRequest;
import dev.hotpath.gateway.api.MarketDataGrpc;
import dev.hotpath.gateway.api.OrderEntryGrpc;
import dev.hotpath.gateway.api.OrderResponse;
import dev.hotpath.gateway.api.OrderStreamRequest;
import dev.hotpath.gateway.api.OrderStreamResponse;
import dev.hotpath.gateway.api.Side;
import dev.hotpath.gateway.mapping.DecimalUnits;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientResponseObserver;
import io.grpc.stub.MetadataUtils;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The real executable: {@code ServerMain} in a child JVM (the classes and the runtime classpath the package phase
 * copied to {@code target/lib}), a config file, SIGTERM while a client streams orders. It must exit 0 within the
 * shutdown budget, end the client's stream with a status, and lose no acknowledged order (a second run on the
 * same journal shows every one of them on the book).
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
@Tag("slow") // the real server process
class ServerMainIT
{
    private static final String KEY = "servermain-it-key-0000000001";

    @TempDir
    Path dir;

    @Test
    void shouldExitZeroOnSigtermWithoutLosingAcknowledgedOrders() throws Exception
    {
        final Path config = dir.resolve("hotpath.yaml");
        Files.writeString(config, String.join("\n",
            "host: 127.0.0.1",
            "port: 0",
            "metricsPort: -1",
            "journalDir: " + dir.resolve("journal"),
            "ringSize: 1024",
            "waitStrategy: BLOCKING",
            "shutdownMs: 10000",
            "rateLimit: {perSecond: 1000000, burst: 1000000}",
            "instruments:",
            "  - {id: 0, symbol: BTC-USD, tickSize: 1, lotSize: 1, priceScale: 2, quantityScale: 4}",
            "accounts:",
            "  - {id: 1, name: alice, key: " + KEY + "}",
            ""), StandardCharsets.UTF_8);

        final Map<Long, String> acknowledged = new ConcurrentHashMap<>();
        final Path logs = Files.createDirectories(Path.of("target", "servermain-it").toAbsolutePath());
        final ServerProcess first = ServerProcess.start(config, logs.resolve("first.log()"));
        final ManagedChannel channel = NettyChannelBuilder.forAddress("127.0.0.1", first.port()).usePlaintext()
            .build();
        try
        {
            final AtomicReference<ClientCallStreamObserver<OrderStreamRequest>> call = new AtomicReference<>();
            final AtomicReference<Throwable> end = new AtomicReference<>();
            final CountDownLatch ended = new CountDownLatch(1);
            final CountDownLatch someAcked = new CountDownLatch(100);
            OrderEntryGrpc.newStub(channel)
                .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(GatewayHarness.key(KEY)))
                .orderStream(new ClientResponseObserver<OrderStreamRequest, OrderStreamResponse>()
                {
                    @Override
                    public void beforeStart(final ClientCallStreamObserver<OrderStreamRequest> c)
                    {
                        call.set(c);
                    }

                    @Override
                    public void onNext(final OrderStreamResponse value)
                    {
                        final OrderResponse r = value.getResponse();
                        if (r.getAccepted())
                        {
                            acknowledged.put(r.getOrderId(), r.getReports(0).getPrice());
                            someAcked.countDown();
                        }
                    }

                    @Override
                    public void onError(final Throwable t)
                    {
                        end.set(t);
                        ended.countDown();
                    }

                    @Override
                    public void onCompleted()
                    {
                        ended.countDown();
                    }
                });
            // bids on distinct prices, sent until the stream ends; SIGTERM once a hundred are acknowledged
            final Thread sender = new Thread(() ->
            {
                int i = 0;
                while (i < 200_000 && ended.getCount() > 0)
                {
                    if (!call.get().isReady())
                    {
                        LockSupport.parkNanos(100_000);
                        continue;
                    }
                    try
                    {
                        call.get().onNext(OrderStreamRequest.newBuilder().setSubmit(GatewayIT.limit("t" + i,
                            Side.BUY, DecimalUnits.toDecimal(100_000 + i, 2), "1")).build());
                    }
                    catch (final RuntimeException ex)
                    {
                        return; // the call ended meanwhile
                    }
                    i++;
                }
            }, "it-sender");
            sender.setDaemon(true);
            sender.start();
            assertTrue(someAcked.await(30, TimeUnit.SECONDS), "no acknowledgement; see " + first.log());

            final long signalledNs = System.nanoTime();
            first.process().destroy(); // SIGTERM
            assertTrue(first.process().waitFor(20, TimeUnit.SECONDS), "still running 20 s after SIGTERM");
            final long exitMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - signalledNs);
            assertEquals(0, first.process().exitValue(), "exit code; see " + first.log());
            assertTrue(ended.await(10, TimeUnit.SECONDS), "the stream was not ended");
            assertNotNull(end.get(), "the stream ends with a status, not as complete");
            final Status.Code code = Status.fromThrowable(end.get()).getCode();
            assertTrue(code == Status.Code.UNAVAILABLE, "ended with " + end.get());
            sender.join(10_000);
            final String firstLog = Files.readString(first.log());
            assertTrue(firstLog.contains("shut down cleanly"), "log:\n" + firstLog);
            System.out.println("ServerMainIT: " + acknowledged.size() + " orders acknowledged; exited " + exitMs +
                " ms after SIGTERM");
        }
        finally
        {
            channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
            first.process().destroyForcibly();
        }

        final ServerProcess second = ServerProcess.start(config, logs.resolve("second.log()"));
        final ManagedChannel again = NettyChannelBuilder.forAddress("127.0.0.1", second.port()).usePlaintext().build();
        try
        {
            final BookSnapshot book = MarketDataGrpc.newBlockingStub(again)
                .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(GatewayHarness.key(KEY)))
                .withDeadlineAfter(10, TimeUnit.SECONDS)
                .getBook(GetBookRequest.newBuilder().setSymbol("BTC-USD").setDepth(1000).build());
            final Set<String> prices = new HashSet<>();
            book.getBidsList().forEach(l -> prices.add(l.getPrice()));
            final List<String> lost = new ArrayList<>();
            acknowledged.values().stream().filter(p -> !prices.contains(p)).forEach(lost::add);
            // depth 1000 shows only the best 1000 bids: check the acknowledged ones that fall in that range
            final long lowestShown = book.getBidsCount() == 1000 ?
                DecimalUnits.toUnits(book.getBids(999).getPrice(), 2, 1, "price") : 0;
            lost.removeIf(p -> DecimalUnits.toUnits(p, 2, 1, "price") < lowestShown);
            assertTrue(lost.isEmpty(), "acknowledged but lost after restart: " + lost);
            assertTrue(book.getBidsCount() >= Math.min(1000, acknowledged.size()));
            second.process().destroy();
            assertTrue(second.process().waitFor(20, TimeUnit.SECONDS));
            assertEquals(0, second.process().exitValue(), "see " + second.log());
        }
        finally
        {
            again.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
            second.process().destroyForcibly();
        }
    }
}
