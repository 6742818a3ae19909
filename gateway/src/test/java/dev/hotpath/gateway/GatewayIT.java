package dev.hotpath.gateway;

import com.google.protobuf.DescriptorProtos;
import dev.hotpath.engine.api.CommandType;
import dev.hotpath.engine.pipeline.CommandEvent;
import dev.hotpath.engine.pipeline.EngineListener;
import dev.hotpath.gateway.api.AmendOrderRequest;
import dev.hotpath.gateway.api.BookSnapshot;
import dev.hotpath.gateway.api.BookUpdate;
import dev.hotpath.gateway.api.CancelOrderRequest;
import dev.hotpath.gateway.api.DoneReason;
import dev.hotpath.gateway.api.ExecutionReport;
import dev.hotpath.gateway.api.GetBookRequest;
import dev.hotpath.gateway.api.ListInstrumentsRequest;
import dev.hotpath.gateway.api.MarketDataGrpc;
import dev.hotpath.gateway.api.OrderEntryGrpc;
import dev.hotpath.gateway.api.OrderResponse;
import dev.hotpath.gateway.api.OrderStreamRequest;
import dev.hotpath.gateway.api.OrderStreamResponse;
import dev.hotpath.gateway.api.OrderType;
import dev.hotpath.gateway.api.Side;
import dev.hotpath.gateway.api.SubmitOrderRequest;
import dev.hotpath.gateway.api.SubscribeBookRequest;
import dev.hotpath.gateway.api.SubscribeExecutionsRequest;
import dev.hotpath.gateway.api.SubscribeTradesRequest;
import dev.hotpath.gateway.api.TradeUpdate;
import dev.hotpath.gateway.mapping.DecimalUnits;
import dev.hotpath.gateway.mapping.Errors;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.reflection.v1.ServerReflectionGrpc;
import io.grpc.reflection.v1.ServerReflectionRequest;
import io.grpc.reflection.v1.ServerReflectionResponse;
import io.grpc.reflection.v1.ServiceResponse;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientResponseObserver;
import io.grpc.stub.MetadataUtils;
import io.grpc.stub.StreamObserver;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import static dev.hotpath.gateway.GatewayHarness.ALICE;
import static dev.hotpath.gateway.GatewayHarness.BOB;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The gateway end to end: real Netty server on 127.0.0.1, real stubs, real engine on a temporary directory. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
@Tag("slow") // about 20 s of in-process gateway scenarios
class GatewayIT
{
    @TempDir
    Path dir;

    static SubmitOrderRequest order(final String id, final String symbol, final Side side, final OrderType type,
        final String price, final String quantity)
    {
        return SubmitOrderRequest.newBuilder().setClientOrderId(id).setSymbol(symbol).setSide(side).setType(type)
            .setPrice(price).setQuantity(quantity).build();
    }

    static SubmitOrderRequest limit(final String id, final Side side, final String price, final String quantity)
    {
        return order(id, "BTC-USD", side, OrderType.LIMIT, price, quantity);
    }

    @Test
    void shouldRunTheEngineOnTheEventLoopInInvokerMode() throws Exception
    {
        final GatewayConfig config = GatewayHarness.config(dir).withThreading("INVOKER");
        try (GatewayHarness h = new GatewayHarness(config))
        {
            final dev.hotpath.engine.pipeline.Engine engine =
                ((dev.hotpath.gateway.link.LocalEngineLink)h.server.link()).engine();
            assertNotNull(engine.invoker(), "no engine thread: the event loop invokes the engine");
            final long cyclesBefore = engine.metrics().matcherCycles().cycles();
            final OrderResponse placed = h.orders(ALICE).submitOrder(limit("i1", Side.BUY, "100", "1"));
            assertTrue(placed.getAccepted(), placed.toString());
            assertTrue(placed.getEngineSequence() > 0, "journaled and matched");
            assertTrue(engine.metrics().matcherCycles().cycles() > cyclesBefore, "a duty cycle ran for it");
        }
    }

    @Test
    void shouldSubmitAmendCancelAndShowTheBook() throws Exception
    {
        try (GatewayHarness h = new GatewayHarness(GatewayHarness.config(dir)))
        {
            final OrderEntryGrpc.OrderEntryBlockingStub alice = h.orders(ALICE);
            final OrderResponse placed = alice.submitOrder(limit("a1", Side.BUY, "101.25", "0.5"));
            assertTrue(placed.getAccepted(), placed.toString());
            assertEquals("a1", placed.getClientOrderId());
            assertTrue(placed.getOrderId() > 0);
            assertEquals(ExecutionReport.Kind.ACCEPTED, placed.getReports(0).getKind());
            assertEquals("101.25", placed.getReports(0).getPrice());
            assertEquals("0.5000", placed.getReports(0).getQuantity());

            BookSnapshot book = h.market(ALICE).getBook(GetBookRequest.newBuilder().setSymbol("BTC-USD").build());
            assertEquals(1, book.getBidsCount());
            assertEquals("101.25", book.getBids(0).getPrice());
            assertEquals("0.5000", book.getBids(0).getQuantity());

            final OrderResponse amended = alice.amendOrder(AmendOrderRequest.newBuilder().setClientOrderId("a1")
                .setPrice("101.30").setQuantity("0.25").build());
            assertTrue(amended.getAccepted(), amended.toString());
            assertEquals(ExecutionReport.Kind.AMENDED, amended.getReports(0).getKind());
            book = h.market(ALICE).getBook(GetBookRequest.newBuilder().setSymbol("BTC-USD").build());
            assertEquals("101.30", book.getBids(0).getPrice());
            assertEquals("0.2500", book.getBids(0).getQuantity());

            final OrderResponse cancelled = alice.cancelOrder(CancelOrderRequest.newBuilder()
                .setOrderId(placed.getOrderId()).build());
            assertTrue(cancelled.getAccepted(), cancelled.toString());
            assertEquals(DoneReason.CANCELLED, cancelled.getReports(0).getDoneReason());
            assertEquals("a1", cancelled.getReports(0).getClientOrderId());
            book = h.market(ALICE).getBook(GetBookRequest.newBuilder().setSymbol("BTC-USD").build());
            assertEquals(0, book.getBidsCount());

            // the client order id is free again once the order is done
            assertTrue(alice.submitOrder(limit("a1", Side.SELL, "200", "1")).getAccepted());
            assertEquals(2, h.market(ALICE).listInstruments(ListInstrumentsRequest.getDefaultInstance())
                .getInstrumentsCount());
        }
    }

    @Test
    void shouldReportFillsToBothSidesAndTradesToSubscribers() throws Exception
    {
        try (GatewayHarness h = new GatewayHarness(GatewayHarness.config(dir)))
        {
            final LinkedBlockingQueue<ExecutionReport> aliceReports = new LinkedBlockingQueue<>();
            final LinkedBlockingQueue<TradeUpdate> trades = new LinkedBlockingQueue<>();
            final CountDownLatch subscribed = new CountDownLatch(2);
            h.ordersAsync(ALICE).subscribeExecutions(SubscribeExecutionsRequest.getDefaultInstance(),
                collector(aliceReports));
            h.marketAsync(BOB).subscribeTrades(SubscribeTradesRequest.newBuilder().setSymbol("ETH-USD").build(),
                collector(trades));
            awaitStreams(h, "SubscribeExecutions", 1);
            awaitStreams(h, "SubscribeTrades", 1);
            subscribed.countDown();

            final OrderResponse rest = h.orders(ALICE).submitOrder(order("ask", "ETH-USD", Side.SELL,
                OrderType.LIMIT, "2000.05", "1.5"));
            assertTrue(rest.getAccepted());
            final OrderResponse take = h.orders(BOB).submitOrder(order("b1", "ETH-USD", Side.BUY, OrderType.IOC,
                "2001", "2"));
            assertTrue(take.getAccepted(), take.toString());
            // bob's answer: accepted, his fill, his IOC remainder expired
            assertEquals(List.of(ExecutionReport.Kind.ACCEPTED, ExecutionReport.Kind.FILL, ExecutionReport.Kind.DONE),
                take.getReportsList().stream().map(ExecutionReport::getKind).toList());
            assertEquals("2000.05", take.getReports(1).getPrice());
            assertEquals("1.500", take.getReports(1).getQuantity());
            assertEquals(DoneReason.EXPIRED, take.getReports(2).getDoneReason());
            assertEquals("0.500", take.getReports(2).getRemainingQuantity());

            // alice, passive: accepted (her own submit), then the maker fill and done, on her subscription
            final ExecutionReport accepted = aliceReports.poll(10, TimeUnit.SECONDS);
            final ExecutionReport fill = aliceReports.poll(10, TimeUnit.SECONDS);
            final ExecutionReport done = aliceReports.poll(10, TimeUnit.SECONDS);
            assertEquals(ExecutionReport.Kind.ACCEPTED, accepted.getKind());
            assertEquals(ExecutionReport.Kind.FILL, fill.getKind());
            assertTrue(fill.getMaker());
            assertEquals("ask", fill.getClientOrderId());
            assertEquals(DoneReason.FILLED, done.getDoneReason());
            final TradeUpdate trade = trades.poll(10, TimeUnit.SECONDS);
            assertNotNull(trade);
            assertEquals("2000.05", trade.getPrice());
            assertEquals(Side.BUY, trade.getAggressor());
            // nothing of bob's reaches alice
            assertEquals(null, aliceReports.poll(200, TimeUnit.MILLISECONDS));
        }
    }

    @Test
    void shouldRefuseMissingAndWrongKeysButServeHealthWithout() throws Exception
    {
        try (GatewayHarness h = new GatewayHarness(GatewayHarness.config(dir)))
        {
            final ManagedChannel channel = h.channel();
            final StatusRuntimeException missing = assertThrows(StatusRuntimeException.class, () ->
                OrderEntryGrpc.newBlockingStub(channel).submitOrder(limit("x", Side.BUY, "1", "1")));
            assertEquals(Status.Code.UNAUTHENTICATED, missing.getStatus().getCode());
            final StatusRuntimeException wrong = assertThrows(StatusRuntimeException.class, () ->
                h.orders("not-a-key-at-all-xxxxxxx").submitOrder(limit("x", Side.BUY, "1", "1")));
            assertEquals(Status.Code.UNAUTHENTICATED, wrong.getStatus().getCode());
            final StatusRuntimeException market = assertThrows(StatusRuntimeException.class, () ->
                h.market("nope").getBook(GetBookRequest.newBuilder().setSymbol("BTC-USD").build()));
            assertEquals(Status.Code.UNAUTHENTICATED, market.getStatus().getCode());
            assertEquals(HealthCheckResponse.ServingStatus.SERVING, HealthGrpc.newBlockingStub(channel)
                .check(HealthCheckRequest.getDefaultInstance()).getStatus());
            assertEquals(HealthCheckResponse.ServingStatus.SERVING, HealthGrpc.newBlockingStub(channel)
                .check(HealthCheckRequest.newBuilder().setService("hotpath.v1.OrderEntry").build()).getStatus());
        }
    }

    @Test
    void shouldMakeOtherAccountsOrdersLookUnknown() throws Exception
    {
        try (GatewayHarness h = new GatewayHarness(GatewayHarness.config(dir)))
        {
            final OrderResponse mine = h.orders(ALICE).submitOrder(limit("a1", Side.BUY, "100", "1"));
            assertTrue(mine.getAccepted());
            final long id = mine.getOrderId();

            final OrderResponse cancelOther = h.orders(BOB).cancelOrder(CancelOrderRequest.newBuilder()
                .setOrderId(id).build());
            final OrderResponse cancelNone = h.orders(BOB).cancelOrder(CancelOrderRequest.newBuilder()
                .setOrderId(id + 1_000_000).build());
            assertFalse(cancelOther.getAccepted());
            assertEquals(cancelNone.getReject(), cancelOther.getReject());
            assertEquals("UNKNOWN_ORDER", cancelOther.getReject().getReason());
            assertEquals(7, cancelOther.getReject().getCode());
            assertTrue(cancelOther.getReports(0).getSymbol().isEmpty(), "the instrument is not revealed");

            final OrderResponse amendOther = h.orders(BOB).amendOrder(AmendOrderRequest.newBuilder()
                .setOrderId(id).setPrice("101").setQuantity("1").build());
            final OrderResponse amendNone = h.orders(BOB).amendOrder(AmendOrderRequest.newBuilder()
                .setOrderId(id + 1_000_000).setPrice("101").setQuantity("1").build());
            assertEquals(amendNone.getReject(), amendOther.getReject());
            assertEquals("UNKNOWN_ORDER", amendOther.getReject().getReason());
            // client order ids are per account: bob's "a1" is not alice's
            final OrderResponse byClientId = h.orders(BOB).cancelOrder(CancelOrderRequest.newBuilder()
                .setClientOrderId("a1").build());
            assertEquals("UNKNOWN_ORDER", byClientId.getReject().getReason());
            // alice's order is untouched
            final BookSnapshot book = h.market(ALICE).getBook(GetBookRequest.newBuilder().setSymbol("BTC-USD")
                .build());
            assertEquals("1.0000", book.getBids(0).getQuantity());
        }
    }

    @Test
    void shouldRefuseEachKindOfMalformedInputNamingTheField() throws Exception
    {
        try (GatewayHarness h = new GatewayHarness(GatewayHarness.config(dir)))
        {
            final OrderEntryGrpc.OrderEntryBlockingStub alice = h.orders(ALICE);
            final Map<SubmitOrderRequest, String> cases = Map.ofEntries(
                Map.entry(order("e1", "ETH-USD", Side.BUY, OrderType.LIMIT, "100.01", "1"), "price:"),
                Map.entry(order("e2", "ETH-USD", Side.BUY, OrderType.LIMIT, "100.05", "1.015"), "quantity:"),
                Map.entry(order("e3", "ETH-USD", Side.BUY, OrderType.LIMIT, "100.05", "0.005"), "quantity:"),
                Map.entry(limit("m1", Side.BUY, "1e5", "1"), "price:"),
                Map.entry(limit("m2", Side.BUY, "-5", "1"), "price:"),
                Map.entry(limit("m3", Side.BUY, "", "1"), "price:"),
                Map.entry(limit("m4", Side.BUY, "0", "1"), "price:"),
                Map.entry(limit("m5", Side.BUY, "100", "abc"), "quantity:"),
                Map.entry(limit("m6", Side.BUY, "100", "0.00001"), "quantity:"),
                Map.entry(limit("m7", Side.BUY, "100", "99999999999999999999"), "quantity:"),
                Map.entry(order("s1", "NOPE", Side.BUY, OrderType.LIMIT, "1", "1"), "symbol:"),
                Map.entry(order("s2", "", Side.BUY, OrderType.LIMIT, "1", "1"), "symbol:"),
                Map.entry(limit("x1", Side.SIDE_UNSPECIFIED, "1", "1"), "side:"),
                Map.entry(order("x2", "BTC-USD", Side.BUY, OrderType.ORDER_TYPE_UNSPECIFIED, "1", "1"), "type:"),
                Map.entry(order("x3", "BTC-USD", Side.BUY, OrderType.MARKET, "1", "1"), "price:"),
                Map.entry(limit("", Side.BUY, "1", "1"), "client_order_id:"),
                Map.entry(limit("has space", Side.BUY, "1", "1"), "client_order_id:"),
                Map.entry(limit("x".repeat(65), Side.BUY, "1", "1"), "client_order_id:"));
            for (final Map.Entry<SubmitOrderRequest, String> c : cases.entrySet())
            {
                final StatusRuntimeException ex = assertThrows(StatusRuntimeException.class,
                    () -> alice.submitOrder(c.getKey()), c.getKey().toString());
                assertEquals(Status.Code.INVALID_ARGUMENT, ex.getStatus().getCode(), c.getKey().toString());
                assertTrue(ex.getStatus().getDescription().startsWith(c.getValue()),
                    c.getKey() + " -> " + ex.getStatus().getDescription());
            }
            assertTrue(alice.submitOrder(limit("ok", Side.BUY, "1", "1")).getAccepted());
            final StatusRuntimeException dup = assertThrows(StatusRuntimeException.class,
                () -> alice.submitOrder(limit("ok", Side.BUY, "1", "1")));
            assertEquals(Status.Code.ALREADY_EXISTS, dup.getStatus().getCode());
            final StatusRuntimeException amendOffTick = assertThrows(StatusRuntimeException.class,
                () -> alice.amendOrder(AmendOrderRequest.newBuilder().setClientOrderId("ok").setPrice("1.001")
                    .setQuantity("1").build()));
            assertTrue(amendOffTick.getStatus().getDescription().startsWith("price:"));
            final StatusRuntimeException noId = assertThrows(StatusRuntimeException.class,
                () -> alice.cancelOrder(CancelOrderRequest.getDefaultInstance()));
            assertEquals(Status.Code.INVALID_ARGUMENT, noId.getStatus().getCode());
            final StatusRuntimeException depth = assertThrows(StatusRuntimeException.class,
                () -> h.market(ALICE).getBook(GetBookRequest.newBuilder().setSymbol("BTC-USD").setDepth(5000)
                    .build()));
            assertTrue(depth.getStatus().getDescription().startsWith("depth:"));
        }
    }

    @Test
    void shouldPassEngineRejectsThroughWithTheirCode() throws Exception
    {
        try (GatewayHarness h = new GatewayHarness(GatewayHarness.config(dir)))
        {
            assertTrue(h.orders(ALICE).submitOrder(limit("ask", Side.SELL, "100", "1")).getAccepted());
            final OrderResponse postOnly = h.orders(BOB).submitOrder(order("p", "BTC-USD", Side.BUY,
                OrderType.POST_ONLY, "100", "1"));
            assertFalse(postOnly.getAccepted());
            assertEquals("POST_ONLY_WOULD_CROSS", postOnly.getReject().getReason());
            assertEquals(12, postOnly.getReject().getCode());
            assertFalse(postOnly.getReject().getMessage().isEmpty());
            assertEquals(ExecutionReport.Kind.REJECTED, postOnly.getReports(0).getKind());
            // a rejected order's client id is free again
            assertTrue(h.orders(BOB).submitOrder(limit("p", Side.BUY, "99", "1")).getAccepted());
        }
    }

    @Test
    void shouldRateLimitPerAccountWithARetryHint() throws Exception
    {
        final AtomicLong nowNs = new AtomicLong(1_000_000_000L); // the rate limits' clock: still unless moved here
        try (GatewayHarness h = new GatewayHarness(GatewayHarness.config(dir, 1024, 1, 3, 64), nowNs::get))
        {
            final OrderEntryGrpc.OrderEntryBlockingStub alice = h.orders(ALICE);
            for (int i = 0; i < 3; i++)
            {
                assertTrue(alice.submitOrder(limit("r" + i, Side.BUY, "1", "1")).getAccepted());
            }
            final StatusRuntimeException limited = assertThrows(StatusRuntimeException.class,
                () -> alice.submitOrder(limit("r3", Side.BUY, "1", "1")));
            assertEquals(Status.Code.RESOURCE_EXHAUSTED, limited.getStatus().getCode());
            assertEquals("1000", limited.getTrailers().get(Errors.RETRY_AFTER_MS), "1 a second: the next in 1 s");
            nowNs.addAndGet(TimeUnit.MILLISECONDS.toNanos(400));
            final StatusRuntimeException sooner = assertThrows(StatusRuntimeException.class,
                () -> alice.submitOrder(limit("r4", Side.BUY, "1", "1")));
            assertEquals("600", sooner.getTrailers().get(Errors.RETRY_AFTER_MS));
            // bob has his own bucket
            assertTrue(h.orders(BOB).submitOrder(limit("b", Side.BUY, "1", "1")).getAccepted());
            nowNs.addAndGet(TimeUnit.MILLISECONDS.toNanos(600));
            assertTrue(alice.submitOrder(limit("r5", Side.BUY, "1", "1")).getAccepted(), "a token a second");
            assertThrows(StatusRuntimeException.class, () -> alice.submitOrder(limit("r6", Side.BUY, "1", "1")));
        }
    }

    @Test
    void shouldRateLimitAnOrderStreamWithGatewayErrorsAndGoOn() throws Exception
    {
        final long stillNs = 1_000_000_000L; // the rate limits' clock never moves: no token comes back
        try (GatewayHarness h = new GatewayHarness(GatewayHarness.config(dir, 1024, 1, 3, 64), () -> stillNs))
        {
            final LinkedBlockingQueue<OrderStreamResponse> in = new LinkedBlockingQueue<>();
            final StreamObserver<OrderStreamRequest> out = h.ordersAsync(ALICE).orderStream(collector(in));
            for (int i = 0; i < 5; i++)
            {
                out.onNext(OrderStreamRequest.newBuilder().setSubmit(limit("r" + i, Side.BUY, "1", "1")).build());
            }
            final Map<String, OrderResponse> byId = new java.util.HashMap<>();
            for (int i = 0; i < 5; i++)
            {
                final OrderResponse r = in.poll(10, TimeUnit.SECONDS).getResponse();
                byId.put(r.getClientOrderId(), r);
            }
            assertEquals(3, byId.values().stream().filter(OrderResponse::getAccepted).count(), byId.toString());
            final List<OrderResponse> limited = byId.values().stream().filter(r -> !r.getAccepted()).toList();
            assertEquals(2, limited.size());
            for (final OrderResponse r : limited)
            {
                assertEquals("RESOURCE_EXHAUSTED", r.getError().getStatus());
                assertTrue(r.getError().getMessage().contains("rate limit"), r.toString());
                assertEquals(1000, r.getError().getRetryAfterMs(), r.toString());
            }
            // the stream goes on: an unknown command kind is answered INVALID_ARGUMENT naming the field
            out.onNext(OrderStreamRequest.getDefaultInstance());
            final OrderResponse empty = in.poll(10, TimeUnit.SECONDS).getResponse();
            assertFalse(empty.getAccepted());
            assertEquals("INVALID_ARGUMENT", empty.getError().getStatus());
            assertTrue(empty.getError().getMessage().startsWith("command:"), empty.toString());
            out.onCompleted();
        }
    }

    @Test
    void shouldAnswerResourceExhaustedFastWhenTheRingIsFull() throws Exception
    {
        final CountDownLatch release = new CountDownLatch(1);
        final CountDownLatch publisherBlocked = new CountDownLatch(1);
        final java.util.function.UnaryOperator<EngineListener> blocking = listener -> new EngineListener()
        {
            @Override
            public void onCommandResult(final CommandEvent event)
            {
                if (event.attachment() == null)
                {
                    listener.onCommandResult(event); // the gateway's own start-up commands (the config's limits)
                    return;
                }
                publisherBlocked.countDown();
                try
                {
                    release.await();
                }
                catch (final InterruptedException ex)
                {
                    Thread.currentThread().interrupt();
                }
                listener.onCommandResult(event);
            }
        };
        // the engine's listener is held here: on an engine thread of its own (SHARED), since in INVOKER mode holding
        // it would hold the event loop that reads the orders this test expects refused
        try (GatewayHarness h = new GatewayHarness(GatewayHarness.config(dir, 4, 1_000_000, 1_000_000, 64)
            .withThreading("SHARED"), blocking))
        {
            final OrderEntryGrpc.OrderEntryStub alice = h.ordersAsync(ALICE);
            final List<OrderResponse> answers = new CopyOnWriteArrayList<>();
            final AtomicReference<StatusRuntimeException> refused = new AtomicReference<>();
            final CountDownLatch refusedLatch = new CountDownLatch(1);
            final AtomicInteger sent = new AtomicInteger();
            final CountDownLatch allAnswered = new CountDownLatch(1);
            final AtomicInteger outstanding = new AtomicInteger();
            for (int i = 0; i < 32 && refusedLatch.getCount() > 0; i++)
            {
                outstanding.incrementAndGet();
                sent.incrementAndGet();
                alice.submitOrder(limit("q" + i, Side.BUY, "1", "1"), new StreamObserver<>()
                {
                    @Override
                    public void onNext(final OrderResponse value)
                    {
                        answers.add(value);
                    }

                    @Override
                    public void onError(final Throwable t)
                    {
                        refused.compareAndSet(null, (StatusRuntimeException)t);
                        refusedLatch.countDown();
                        done();
                    }

                    @Override
                    public void onCompleted()
                    {
                        done();
                    }

                    private void done()
                    {
                        if (outstanding.decrementAndGet() == 0)
                        {
                            allAnswered.countDown();
                        }
                    }
                });
                if (i == 0)
                {
                    assertTrue(publisherBlocked.await(10, TimeUnit.SECONDS));
                }
                else
                {
                    refusedLatch.await(20, TimeUnit.MILLISECONDS);
                }
            }
            assertTrue(refusedLatch.await(10, TimeUnit.SECONDS), "no refusal with the publisher blocked");
            assertEquals(Status.Code.RESOURCE_EXHAUSTED, refused.get().getStatus().getCode());
            assertTrue(refused.get().getStatus().getDescription().contains("ring full"));
            assertEquals(0, answers.size(), "nothing answered while the engine is stalled");
            release.countDown();
            assertTrue(allAnswered.await(10, TimeUnit.SECONDS));
            assertTrue(answers.size() >= 4, "the ring's commands complete: " + answers.size());
            assertTrue(answers.stream().allMatch(OrderResponse::getAccepted));
        }
    }

    @Test
    void shouldRunAnOrderStreamWithAcksErrorsAndLaterReports() throws Exception
    {
        try (GatewayHarness h = new GatewayHarness(GatewayHarness.config(dir)))
        {
            final LinkedBlockingQueue<OrderStreamResponse> in = new LinkedBlockingQueue<>();
            final StreamObserver<OrderStreamRequest> out = h.ordersAsync(ALICE).orderStream(collector(in));
            out.onNext(OrderStreamRequest.newBuilder().setSubmit(limit("s1", Side.SELL, "50", "2")).build());
            out.onNext(OrderStreamRequest.newBuilder().setSubmit(limit("s2", Side.SELL, "50.001", "2")).build());
            out.onNext(OrderStreamRequest.newBuilder().setSubmit(limit("s3", Side.SELL, "51", "1")).build());
            // gateway errors come at once, engine outcomes once the engine has handled the command: match by id
            final Map<String, OrderResponse> byId = new java.util.HashMap<>();
            for (int i = 0; i < 3; i++)
            {
                final OrderResponse r = in.poll(10, TimeUnit.SECONDS).getResponse();
                byId.put(r.getClientOrderId(), r);
            }
            assertTrue(byId.get("s1").getAccepted(), byId.toString());
            assertEquals("INVALID_ARGUMENT", byId.get("s2").getError().getStatus());
            assertTrue(byId.get("s2").getError().getMessage().startsWith("price:"));
            assertTrue(byId.get("s3").getAccepted(), "the stream goes on after an error: " + byId);

            // bob lifts s1 partly: alice's stream gets the passive fill as a report
            assertTrue(h.orders(BOB).submitOrder(limit("b", Side.BUY, "50", "1.5")).getAccepted());
            final OrderStreamResponse fill = in.poll(10, TimeUnit.SECONDS);
            assertEquals(ExecutionReport.Kind.FILL, fill.getReport().getKind());
            assertEquals("s1", fill.getReport().getClientOrderId());
            assertEquals("1.5000", fill.getReport().getQuantity());

            out.onNext(OrderStreamRequest.newBuilder().setCancel(CancelOrderRequest.newBuilder()
                .setClientOrderId("s1")).build());
            final OrderStreamResponse cancel = in.poll(10, TimeUnit.SECONDS);
            assertTrue(cancel.getResponse().getAccepted());
            assertEquals("0.5000", cancel.getResponse().getReports(0).getRemainingQuantity());
            out.onCompleted();
        }
    }

    @Test
    void shouldStreamBookSnapshotThenGaplessChanges() throws Exception
    {
        try (GatewayHarness h = new GatewayHarness(GatewayHarness.config(dir)))
        {
            assertTrue(h.orders(ALICE).submitOrder(limit("a", Side.BUY, "10", "1")).getAccepted());
            final LinkedBlockingQueue<BookUpdate> updates = new LinkedBlockingQueue<>();
            h.marketAsync(BOB).subscribeBook(SubscribeBookRequest.newBuilder().setSymbol("BTC-USD").build(),
                collector(updates));
            final BookUpdate first = updates.poll(10, TimeUnit.SECONDS);
            assertTrue(first.hasSnapshot());
            assertEquals(1, first.getSnapshot().getBidsCount());
            long sequence = first.getSnapshot().getSequence();
            assertTrue(h.orders(ALICE).submitOrder(limit("b", Side.BUY, "10", "2")).getAccepted());
            assertTrue(h.orders(BOB).submitOrder(limit("c", Side.SELL, "11", "1")).getAccepted());
            assertTrue(h.orders(ALICE).cancelOrder(CancelOrderRequest.newBuilder().setClientOrderId("a").build())
                .getAccepted());
            final String[] expected = {"BUY 10.00 3.0000 2", "SELL 11.00 1.0000 1", "BUY 10.00 2.0000 1"};
            for (final String e : expected)
            {
                final BookUpdate u = updates.poll(10, TimeUnit.SECONDS);
                assertEquals(++sequence, u.getChange().getSequence());
                assertEquals(e, u.getChange().getSide() + " " + u.getChange().getPrice() + " " +
                    u.getChange().getQuantity() + " " + u.getChange().getOrderCount());
            }
        }
    }

    @Test
    void shouldDropASlowSubscriberWhileOthersKeepFlowing() throws Exception
    {
        try (GatewayHarness h = new GatewayHarness(GatewayHarness.config(dir, 8192, 1_000_000, 1_000_000, 16)))
        {
            final LinkedBlockingQueue<BookUpdate> fast = new LinkedBlockingQueue<>();
            h.marketAsync(BOB).subscribeBook(SubscribeBookRequest.newBuilder().setSymbol("BTC-USD").build(),
                collector(fast));
            final AtomicReference<ClientCallStreamObserver<SubscribeBookRequest>> slowCall = new AtomicReference<>();
            final AtomicInteger slowReceived = new AtomicInteger();
            final CountDownLatch slowEnded = new CountDownLatch(1);
            final AtomicReference<Throwable> slowError = new AtomicReference<>();
            MarketDataGrpc.newStub(h.smallWindowChannel())
                .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(GatewayHarness.key(BOB)))
                .subscribeBook(SubscribeBookRequest.newBuilder().setSymbol("BTC-USD").build(),
                new ClientResponseObserver<SubscribeBookRequest, BookUpdate>()
                {
                    @Override
                    public void beforeStart(final ClientCallStreamObserver<SubscribeBookRequest> call)
                    {
                        call.disableAutoRequestWithInitial(1); // the snapshot, then nothing: a stalled reader
                        slowCall.set(call);
                    }

                    @Override
                    public void onNext(final BookUpdate value)
                    {
                        slowReceived.incrementAndGet();
                    }

                    @Override
                    public void onError(final Throwable t)
                    {
                        slowError.set(t);
                        slowEnded.countDown();
                    }

                    @Override
                    public void onCompleted()
                    {
                        slowEnded.countDown();
                    }
                });
            awaitStreams(h, "SubscribeBook", 2);
            final int orders = 4000; // each a new level: enough to fill the windows and the queue; fits the ring
            final LinkedBlockingQueue<OrderStreamResponse> acks = new LinkedBlockingQueue<>();
            final StreamObserver<OrderStreamRequest> out = h.ordersAsync(ALICE).orderStream(collector(acks));
            for (int i = 0; i < orders; i++)
            {
                out.onNext(OrderStreamRequest.newBuilder().setSubmit(limit("o" + i, Side.BUY,
                    DecimalUnits.toDecimal(100_000 + i, 2), "1")).build());
            }
            for (int i = 0; i < orders; i++)
            {
                assertTrue(acks.poll(10, TimeUnit.SECONDS).getResponse().getAccepted());
            }
            out.onCompleted();
            // the fast subscriber saw the snapshot and every change, without a gap
            final BookUpdate snapshot = fast.poll(10, TimeUnit.SECONDS);
            long sequence = snapshot.getSnapshot().getSequence();
            for (int i = 0; i < orders; i++)
            {
                final BookUpdate u = fast.poll(10, TimeUnit.SECONDS);
                assertNotNull(u, "fast subscriber stalled at change " + i);
                assertEquals(++sequence, u.getChange().getSequence());
            }
            // the slow one was dropped: once it reads again it finds RESOURCE_EXHAUSTED "slow consumer"
            slowCall.get().request(Integer.MAX_VALUE);
            assertTrue(slowEnded.await(10, TimeUnit.SECONDS));
            assertEquals(Status.Code.RESOURCE_EXHAUSTED, Status.fromThrowable(slowError.get()).getCode());
            assertTrue(Status.fromThrowable(slowError.get()).getDescription().contains("slow consumer"));
            assertTrue(slowReceived.get() < orders + 1, "received " + slowReceived.get());
            assertEquals(1, h.server.metrics().streams("SubscribeBook").get());
        }
    }

    @Test
    void shouldLoseNoAcknowledgedOrderOnShutdownAndRecoverThemOnRestart() throws Exception
    {
        final Map<Long, String> acknowledged = new ConcurrentHashMap<>();
        final GatewayHarness h = new GatewayHarness(GatewayHarness.config(dir));
        final LinkedBlockingQueue<OrderStreamResponse> in = new LinkedBlockingQueue<>();
        final CountDownLatch ended = new CountDownLatch(1);
        final AtomicReference<Throwable> endStatus = new AtomicReference<>();
        final StreamObserver<OrderStreamRequest> out = h.ordersAsync(ALICE).orderStream(new StreamObserver<>()
        {
            @Override
            public void onNext(final OrderStreamResponse value)
            {
                in.add(value);
            }

            @Override
            public void onError(final Throwable t)
            {
                endStatus.set(t);
                ended.countDown();
            }

            @Override
            public void onCompleted()
            {
                ended.countDown();
            }
        });
        final int n = 2000;
        for (int i = 0; i < n; i++)
        {
            out.onNext(OrderStreamRequest.newBuilder().setSubmit(limit("k" + i, Side.BUY,
                DecimalUnits.toDecimal(1_000 + i, 2), "1")).build());
            if (i == n / 2)
            {
                in.take(); // some are surely acknowledged before the shutdown begins
                final Thread stopper = new Thread(() ->
                {
                    h.close();
                });
                stopper.start();
            }
        }
        assertTrue(ended.await(30, TimeUnit.SECONDS), "the stream is closed at shutdown");
        assertEquals(Status.Code.UNAVAILABLE, Status.fromThrowable(endStatus.get()).getCode());
        int refused = 0;
        for (final OrderStreamResponse r : in)
        {
            if (r.getResponse().getAccepted())
            {
                acknowledged.put(r.getResponse().getOrderId(), r.getResponse().getReports(0).getPrice());
            }
            else
            {
                refused++;
            }
        }
        assertFalse(acknowledged.isEmpty());
        try (GatewayHarness again = new GatewayHarness(GatewayHarness.config(dir)))
        {
            final BookSnapshot book = again.market(BOB).getBook(GetBookRequest.newBuilder().setSymbol("BTC-USD")
                .setDepth(1000).build());
            final java.util.Set<String> prices = new java.util.HashSet<>();
            book.getBidsList().forEach(l -> prices.add(l.getPrice()));
            // the projection shows the best 1000 bids: every acknowledged one in that range is there
            final long lowestShown = book.getBidsCount() == 1000 ?
                DecimalUnits.toUnits(book.getBids(999).getPrice(), 2, 1, "price") : 0;
            assertTrue(book.getBidsCount() >= Math.min(1000, acknowledged.size()));
            for (final String price : acknowledged.values())
            {
                assertTrue(prices.contains(price) || DecimalUnits.toUnits(price, 2, 1, "price") < lowestShown,
                    "acknowledged order at " + price + " lost; refused " + refused);
            }
            // the engine has every acknowledged order, still alice's: bob cannot cancel one, she can cancel all
            final long someId = acknowledged.keySet().iterator().next();
            assertEquals("UNKNOWN_ORDER", again.orders(BOB).cancelOrder(CancelOrderRequest.newBuilder()
                .setOrderId(someId).build()).getReject().getReason());
            final OrderEntryGrpc.OrderEntryBlockingStub alice = again.orders(ALICE);
            for (final long id : acknowledged.keySet())
            {
                final OrderResponse cancelled = alice.withDeadlineAfter(10, TimeUnit.SECONDS)
                    .cancelOrder(CancelOrderRequest.newBuilder().setOrderId(id)
                    .build());
                assertTrue(cancelled.getAccepted(), "acknowledged order " + id + " lost: " + cancelled);
            }
            // new orders get ids above every recovered one
            final long newId = again.orders(ALICE).submitOrder(limit("new", Side.SELL, "999", "1")).getOrderId();
            assertTrue(acknowledged.keySet().stream().allMatch(id -> id < newId));
        }
    }

    @Test
    void shouldServeManyConcurrentClients() throws Exception
    {
        try (GatewayHarness h = new GatewayHarness(GatewayHarness.config(dir)))
        {
            final int clients = 12;
            final int each = 150;
            final ExecutorService pool = Executors.newFixedThreadPool(clients);
            final String[] keys = {ALICE, BOB, GatewayHarness.CAROL};
            final List<Future<Integer>> results = new ArrayList<>();
            for (int c = 0; c < clients; c++)
            {
                final int client = c;
                results.add(pool.submit(() ->
                {
                    final OrderEntryGrpc.OrderEntryBlockingStub stub = h.orders(keys[client % keys.length]);
                    int ok = 0;
                    for (int i = 0; i < each; i++)
                    {
                        final Side side = client % 2 == 0 ? Side.BUY : Side.SELL;
                        final String price = side == Side.BUY ? "100" : "200";
                        if (stub.submitOrder(limit("c" + client + "-" + i, side, price, "1")).getAccepted())
                        {
                            ok++;
                        }
                    }
                    return ok;
                }));
            }
            int total = 0;
            for (final Future<Integer> f : results)
            {
                total += f.get(50, TimeUnit.SECONDS);
            }
            pool.shutdown();
            assertEquals(clients * each, total);
            final BookSnapshot book = h.market(ALICE).getBook(GetBookRequest.newBuilder().setSymbol("BTC-USD")
                .build());
            assertEquals(clients / 2 * each, book.getBids(0).getOrderCount());
            assertEquals(clients / 2 * each, book.getAsks(0).getOrderCount());
        }
    }

    @Test
    void shouldHoldBackAnOrderStreamClientThatReadsSlowlyAndAnswerEverythingBeforeEndingIt() throws Exception
    {
        // a queue of 16 messages per stream: the stream takes at most 8 commands it has not answered yet
        try (GatewayHarness h = new GatewayHarness(GatewayHarness.config(dir, 1024, 1_000_000, 1_000_000, 16)))
        {
            final int n = 3000;
            final AtomicReference<ClientCallStreamObserver<OrderStreamRequest>> call = new AtomicReference<>();
            final AtomicInteger accepted = new AtomicInteger();
            final AtomicInteger other = new AtomicInteger();
            final CountDownLatch ended = new CountDownLatch(1);
            final AtomicReference<Throwable> error = new AtomicReference<>();
            OrderEntryGrpc.newStub(h.smallWindowChannel())
                .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(GatewayHarness.key(ALICE)))
                .orderStream(new ClientResponseObserver<OrderStreamRequest, OrderStreamResponse>()
                {
                    @Override
                    public void beforeStart(final ClientCallStreamObserver<OrderStreamRequest> c)
                    {
                        c.disableAutoRequestWithInitial(0); // reads nothing until told
                        call.set(c);
                    }

                    @Override
                    public void onNext(final OrderStreamResponse value)
                    {
                        (value.hasResponse() && value.getResponse().getAccepted() ? accepted : other)
                            .incrementAndGet();
                    }

                    @Override
                    public void onError(final Throwable t)
                    {
                        error.set(t);
                        ended.countDown();
                    }

                    @Override
                    public void onCompleted()
                    {
                        ended.countDown();
                    }
                });
            for (int i = 0; i < n; i++)
            {
                call.get().onNext(OrderStreamRequest.newBuilder().setSubmit(limit("h" + i, Side.BUY, "1", "1"))
                    .build());
            }
            call.get().onCompleted(); // half-close at once: the answers still in flight must still arrive

            // the gateway reads only what it can answer into the transport's windows and its bounded queue
            awaitTrue(() -> h.server.metrics().commands(CommandType.PLACE) > 0, 10_000, "no command handled");
            assertFalse(waitUntil(() -> h.server.metrics().commands(CommandType.PLACE) >= n, 500),
                "the stream read every command although its client read no answer");
            final long heldAt = h.server.metrics().commands(CommandType.PLACE);
            assertTrue(heldAt < n / 2, "commands handled while the client did not read: " + heldAt);
            assertEquals(1, ended.getCount(), "the stream goes on: " + error.get());

            // once the client reads, every command is answered, then the stream completes normally
            call.get().request(Integer.MAX_VALUE);
            assertTrue(ended.await(30, TimeUnit.SECONDS), "answered " + accepted.get());
            assertEquals(null, error.get());
            assertEquals(n, accepted.get());
            assertEquals(0, other.get());
            assertEquals(n, h.server.metrics().commands(CommandType.PLACE));
            awaitTrue(() -> h.server.metrics().streams("OrderStream").get() == 0, 10_000, "stream still open");
        }
    }

    @Test
    void shouldServeReflection() throws Exception
    {
        try (GatewayHarness h = new GatewayHarness(GatewayHarness.config(dir)))
        {
            final LinkedBlockingQueue<ServerReflectionResponse> in = new LinkedBlockingQueue<>();
            final StreamObserver<ServerReflectionRequest> out = ServerReflectionGrpc.newStub(h.channel())
                .serverReflectionInfo(collector(in));
            out.onNext(ServerReflectionRequest.newBuilder().setListServices("").build());
            final ServerReflectionResponse services = in.poll(10, TimeUnit.SECONDS);
            assertNotNull(services);
            final List<String> names = services.getListServicesResponse().getServiceList().stream()
                .map(ServiceResponse::getName).toList();
            assertTrue(names.containsAll(List.of("hotpath.v1.OrderEntry", "hotpath.v1.MarketData",
                "grpc.health.v1.Health")), names.toString());
            out.onNext(ServerReflectionRequest.newBuilder().setFileContainingSymbol("hotpath.v1.OrderEntry").build());
            final ServerReflectionResponse file = in.poll(10, TimeUnit.SECONDS);
            assertNotNull(file);
            final DescriptorProtos.FileDescriptorProto proto = DescriptorProtos.FileDescriptorProto.parseFrom(
                file.getFileDescriptorResponse().getFileDescriptorProto(0));
            assertEquals("hotpath/v1/gateway.proto", proto.getName());
            assertTrue(proto.getServiceList().stream().anyMatch(sd -> sd.getName().equals("OrderEntry") &&
                sd.getMethodList().stream().anyMatch(m -> m.getName().equals("OrderStream"))));
            out.onCompleted();
        }
    }

    @Test
    void shouldServeReflectionV1alphaToo() throws Exception
    {
        try (GatewayHarness h = new GatewayHarness(GatewayHarness.config(dir)))
        {
            final LinkedBlockingQueue<io.grpc.reflection.v1alpha.ServerReflectionResponse> in =
                new LinkedBlockingQueue<>();
            final StreamObserver<io.grpc.reflection.v1alpha.ServerReflectionRequest> out =
                io.grpc.reflection.v1alpha.ServerReflectionGrpc.newStub(h.channel()).serverReflectionInfo(collector(in));
            out.onNext(io.grpc.reflection.v1alpha.ServerReflectionRequest.newBuilder().setListServices("").build());
            final io.grpc.reflection.v1alpha.ServerReflectionResponse services = in.poll(10, TimeUnit.SECONDS);
            assertNotNull(services);
            final List<String> names = services.getListServicesResponse().getServiceList().stream()
                .map(io.grpc.reflection.v1alpha.ServiceResponse::getName).toList();
            assertTrue(names.containsAll(List.of("hotpath.v1.OrderEntry", "hotpath.v1.MarketData",
                "grpc.health.v1.Health", "grpc.reflection.v1.ServerReflection",
                "grpc.reflection.v1alpha.ServerReflection")), names.toString());
            out.onCompleted();
        }
    }

    @Test
    void shouldExposePrometheusMetrics() throws Exception
    {
        final GatewayConfig config = GatewayHarness.config(dir).withListen("127.0.0.1", 0, 0);
        try (GatewayHarness h = new GatewayHarness(config))
        {
            final OrderEntryGrpc.OrderEntryBlockingStub alice = h.orders(ALICE);
            assertTrue(alice.submitOrder(limit("m1", Side.BUY, "10", "1")).getAccepted());
            assertTrue(alice.submitOrder(limit("m2", Side.BUY, "11", "1")).getAccepted());
            assertTrue(alice.cancelOrder(CancelOrderRequest.newBuilder().setClientOrderId("m1").build())
                .getAccepted());
            assertFalse(alice.cancelOrder(CancelOrderRequest.newBuilder().setOrderId(12345).build()).getAccepted());
            assertThrows(StatusRuntimeException.class, () -> alice.submitOrder(limit("m3", Side.BUY, "1.001", "1")));
            final LinkedBlockingQueue<OrderStreamResponse> ignored = new LinkedBlockingQueue<>();
            final StreamObserver<OrderStreamRequest> stream = h.ordersAsync(BOB).orderStream(collector(ignored));
            awaitStreams(h, "OrderStream", 1);

            final HttpClient http = HttpClient.newHttpClient();
            final HttpResponse<String> scrape = http.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + h.server.metricsPort() + "/metrics")).build(),
                HttpResponse.BodyHandlers.ofString());
            assertEquals(200, scrape.statusCode());
            assertTrue(scrape.headers().firstValue("Content-Type").orElse("").startsWith("text/plain"));
            final String body = scrape.body();
            final List<String> lines = body.lines().filter(l -> !l.startsWith("#")).toList();
            assertMetric(lines, "hotpath_gateway_commands_total{type=\"PLACE\"}", 2);
            assertMetric(lines, "hotpath_gateway_commands_total{type=\"CANCEL\"}", 2);
            assertMetric(lines, "hotpath_gateway_commands_total{type=\"AMEND\"}", 0);
            assertMetric(lines, "hotpath_gateway_rejects_total{reason=\"UNKNOWN_ORDER\",source=\"engine\"}", 1);
            assertMetric(lines, "hotpath_gateway_rejects_total{reason=\"invalid_argument\",source=\"gateway\"}", 1);
            assertMetric(lines, "hotpath_gateway_streams{rpc=\"OrderStream\"}", 1);
            assertMetric(lines, "hotpath_engine_ring_occupancy", 0);
            assertMetric(lines, "hotpath_gateway_inflight", 0);
            assertMetric(lines, "hotpath_engine_overflow_spills_total", 0);
            assertMetric(lines, "hotpath_gateway_latency_seconds_count", 4);
            for (final String q : List.of("0.5", "0.9", "0.99", "0.999"))
            {
                assertTrue(lines.stream().anyMatch(l -> l.startsWith("hotpath_gateway_latency_seconds{quantile=\"" +
                    q + "\"}")), "latency quantile " + q + " missing:\n" + body);
            }
            stream.onCompleted();
        }
    }

    private static void assertMetric(final List<String> lines, final String name, final double expected)
    {
        final String line = lines.stream().filter(l -> l.startsWith(name + " ")).findFirst()
            .orElseThrow(() -> new AssertionError(name + " missing from:\n" + String.join("\n", lines)));
        assertEquals(expected, Double.parseDouble(line.substring(name.length() + 1).trim()), 0.0, line);
    }

    /** Waits up to {@code ms} for the condition; false if it did not become true. */
    private static boolean waitUntil(final java.util.function.BooleanSupplier condition, final long ms)
        throws InterruptedException
    {
        final long deadlineNs = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(ms);
        while (!condition.getAsBoolean())
        {
            if (deadlineNs - System.nanoTime() <= 0)
            {
                return false;
            }
            Thread.sleep(1);
        }
        return true;
    }

    private static void awaitTrue(final java.util.function.BooleanSupplier condition, final long ms,
        final String message) throws InterruptedException
    {
        assertTrue(waitUntil(condition, ms), message);
    }

    /** Waits until the server has registered {@code count} streams of an RPC (its gauge is the only signal). */
    static void awaitStreams(final GatewayHarness h, final String rpc, final int count)
        throws InterruptedException
    {
        final long deadlineNs = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (h.server.metrics().streams(rpc).get() < count)
        {
            assertTrue(deadlineNs - System.nanoTime() > 0, "stream " + rpc + " not open");
            Thread.sleep(1);
        }
    }

    /** A stream observer that queues what arrives and ignores the end. */
    static <T> StreamObserver<T> collector(final LinkedBlockingQueue<T> into)
    {
        return new StreamObserver<>()
        {
            @Override
            public void onNext(final T value)
            {
                into.add(value);
            }

            @Override
            public void onError(final Throwable t)
            {
                // the tests look at what arrived
            }

            @Override
            public void onCompleted()
            {
                // the tests look at what arrived
            }
        };
    }
}
