package dev.hotpath.gateway;

import dev.hotpath.engine.api.CommandClock;
import dev.hotpath.gateway.api.DoneReason;
import dev.hotpath.gateway.api.CancelOrderRequest;
import dev.hotpath.gateway.api.ExecutionReport;
import dev.hotpath.gateway.api.GetBookRequest;
import dev.hotpath.gateway.api.MassCancelRequest;
import dev.hotpath.gateway.api.OrderEntryGrpc;
import dev.hotpath.gateway.api.OrderResponse;
import dev.hotpath.gateway.api.OrderStreamRequest;
import dev.hotpath.gateway.api.OrderStreamResponse;
import dev.hotpath.gateway.api.OrderType;
import dev.hotpath.gateway.api.Side;
import dev.hotpath.gateway.api.SubmitOrderRequest;
import dev.hotpath.gateway.api.SubscribeExecutionsRequest;
import dev.hotpath.gateway.api.TimeInForce;
import dev.hotpath.gateway.auth.AuthInterceptor;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientResponseObserver;
import io.grpc.stub.MetadataUtils;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static dev.hotpath.gateway.GatewayHarness.ALICE;
import static dev.hotpath.gateway.GatewayHarness.BOB;
import static dev.hotpath.gateway.GatewayHarness.CAROL;
import static dev.hotpath.gateway.GatewayIT.awaitStreams;
import static dev.hotpath.gateway.GatewayIT.collector;
import static dev.hotpath.gateway.GatewayIT.limit;
import static dev.hotpath.gateway.GatewayIT.order;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Stops, icebergs, good-till-date and day orders, mass cancel and cancel on disconnect through the real gateway on
 * 127.0.0.1, with real gRPC clients: what a client sends, what it is answered, and the reports that follow.
 */
@Timeout(60)
class OrderTypesIT
{
    @TempDir
    Path dir;

    private static SubmitOrderRequest stop(final String id, final Side side, final OrderType type, final String price,
        final String stopPrice, final String quantity)
    {
        return SubmitOrderRequest.newBuilder().setClientOrderId(id).setSymbol("BTC-USD").setSide(side).setType(type)
            .setPrice(price).setStopPrice(stopPrice).setQuantity(quantity).build();
    }

    private static ExecutionReport next(final LinkedBlockingQueue<ExecutionReport> reports,
        final ExecutionReport.Kind kind, final String clientOrderId) throws InterruptedException
    {
        final List<ExecutionReport> seen = new ArrayList<>();
        while (true)
        {
            final ExecutionReport r = reports.poll(10, TimeUnit.SECONDS);
            assertNotNull(r, "no " + kind + " report for " + clientOrderId + "; saw " + seen);
            if (r.getKind() == kind && r.getClientOrderId().equals(clientOrderId))
            {
                return r;
            }
            seen.add(r);
        }
    }

    @Test
    void shouldKeepAStopInvisibleAndTriggerItOnATradeAtItsPrice() throws Exception
    {
        try (GatewayHarness h = new GatewayHarness(GatewayHarness.config(dir)))
        {
            final LinkedBlockingQueue<ExecutionReport> bobReports = new LinkedBlockingQueue<>();
            h.ordersAsync(BOB).subscribeExecutions(SubscribeExecutionsRequest.getDefaultInstance(),
                collector(bobReports));
            awaitStreams(h, "SubscribeExecutions", 1);
            assertTrue(h.orders(ALICE).submitOrder(limit("a1", Side.SELL, "100", "1")).getAccepted());
            assertTrue(h.orders(ALICE).submitOrder(limit("a2", Side.SELL, "101", "1")).getAccepted());

            final OrderResponse placed = h.orders(BOB).submitOrder(stop("s1", Side.BUY, OrderType.STOP, "", "100",
                "1"));
            assertTrue(placed.getAccepted(), placed.toString());
            assertEquals(OrderType.STOP, placed.getReports(0).getType());
            assertEquals(0, h.market(BOB).getBook(GetBookRequest.newBuilder().setSymbol("BTC-USD").build())
                .getBidsCount(), "a waiting stop shows in no market data");

            assertTrue(h.orders(CAROL).submitOrder(limit("c1", Side.BUY, "100", "1")).getAccepted());
            next(bobReports, ExecutionReport.Kind.TRIGGERED, "s1");
            assertEquals("101.00", next(bobReports, ExecutionReport.Kind.FILL, "s1").getPrice(),
                "entered as a market order after the trade at 100, and took the next ask");
            assertEquals(DoneReason.FILLED, next(bobReports, ExecutionReport.Kind.DONE, "s1")
                .getDoneReason());

            final StatusRuntimeException noStopPrice = assertThrows(StatusRuntimeException.class,
                () -> h.orders(BOB).submitOrder(stop("s2", Side.BUY, OrderType.STOP_LIMIT, "100", "", "1")));
            assertTrue(noStopPrice.getStatus().getDescription().startsWith("stop_price"), noStopPrice.toString());
            final StatusRuntimeException stopOnLimit = assertThrows(StatusRuntimeException.class,
                () -> h.orders(BOB).submitOrder(stop("s3", Side.BUY, OrderType.LIMIT, "100", "99", "1")));
            assertTrue(stopOnLimit.getStatus().getDescription().startsWith("stop_price"), stopOnLimit.toString());
        }
    }

    @Test
    void shouldShowOnlyTheDisplayQuantityOfAnIcebergAndTradeItsHiddenPartAfterARefresh() throws Exception
    {
        try (GatewayHarness h = new GatewayHarness(GatewayHarness.config(dir)))
        {
            final GetBookRequest btc = GetBookRequest.newBuilder().setSymbol("BTC-USD").build();
            final OrderResponse placed = h.orders(ALICE).submitOrder(limit("i1", Side.SELL, "100", "5").toBuilder()
                .setDisplayQuantity("2").build());
            assertTrue(placed.getAccepted(), placed.toString());
            assertEquals("5.0000", placed.getReports(0).getQuantity(), "its owner sees the whole order");
            assertEquals("2.0000", h.market(BOB).getBook(btc).getAsks(0).getQuantity(), "market data sees 2");

            final OrderResponse bought = h.orders(CAROL).submitOrder(limit("c1", Side.BUY, "100", "3"));
            assertTrue(bought.getAccepted(), bought.toString());
            assertEquals(List.of("2.0000", "1.0000"), bought.getReportsList().stream()
                .filter(r -> r.getKind() == ExecutionReport.Kind.FILL).map(ExecutionReport::getQuantity).toList(),
                "the part shown, then the next part after the refresh");
            assertEquals("1.0000", h.market(BOB).getBook(btc).getAsks(0).getQuantity(), "1 of the 2 shown is left");

            final OrderResponse cancelled = h.orders(ALICE).cancelOrder(CancelOrderRequest.newBuilder()
                .setClientOrderId("i1").build());
            assertEquals("2.0000", cancelled.getReports(0).getRemainingQuantity(), "done with its hidden part too");

            final OrderResponse whole = h.orders(ALICE).submitOrder(limit("i2", Side.SELL, "101", "2").toBuilder()
                .setDisplayQuantity("2").build());
            assertEquals("INVALID_DISPLAY_QUANTITY", whole.getReject().getReason(), whole.toString());
            final StatusRuntimeException offLot = assertThrows(StatusRuntimeException.class,
                () -> h.orders(ALICE).submitOrder(limit("i3", Side.SELL, "101", "2").toBuilder()
                    .setDisplayQuantity("0.00001").build()));
            assertTrue(offLot.getStatus().getDescription().startsWith("display_quantity"), offLot.toString());
        }
    }

    @Test
    void shouldExpireAGoodTillDateOrderWhenTheClockPassesItsTime() throws Exception
    {
        try (GatewayHarness h = new GatewayHarness(GatewayHarness.config(dir)))
        {
            final LinkedBlockingQueue<ExecutionReport> reports = new LinkedBlockingQueue<>();
            h.ordersAsync(ALICE).subscribeExecutions(SubscribeExecutionsRequest.getDefaultInstance(),
                collector(reports));
            awaitStreams(h, "SubscribeExecutions", 1);
            final long expiresAt = CommandClock.nowNs() + TimeUnit.MILLISECONDS.toNanos(300);
            assertTrue(h.orders(ALICE).submitOrder(limit("g1", Side.BUY, "90", "1").toBuilder()
                .setTimeInForce(TimeInForce.GOOD_TILL_DATE).setExpireTimeNs(expiresAt).build()).getAccepted());
            assertTrue(h.orders(ALICE).submitOrder(limit("d1", Side.BUY, "91", "1").toBuilder()
                .setTimeInForce(TimeInForce.DAY).build()).getAccepted());
            // nothing else is sent: the gateway's clock brings the time on
            final ExecutionReport expired = next(reports, ExecutionReport.Kind.DONE, "g1");
            assertEquals(DoneReason.EXPIRED, expired.getDoneReason());
            assertTrue(expired.getTimestampNs() >= expiresAt, "expired by a command stamped after its time");
            assertEquals(1, h.market(ALICE).getBook(GetBookRequest.newBuilder().setSymbol("BTC-USD").build())
                .getBidsCount(), "the day order is still there");

            final StatusRuntimeException past = assertThrows(StatusRuntimeException.class,
                () -> h.orders(ALICE).submitOrder(limit("g2", Side.BUY, "90", "1").toBuilder()
                    .setTimeInForce(TimeInForce.GOOD_TILL_DATE).setExpireTimeNs(expiresAt - 1_000_000_000L).build()));
            assertTrue(past.getStatus().getDescription().startsWith("expire_time_ns"), past.toString());
            final OrderResponse ioc = h.orders(ALICE).submitOrder(order("g3", "BTC-USD", Side.BUY, OrderType.IOC,
                "90", "1").toBuilder().setTimeInForce(TimeInForce.DAY).build());
            assertFalse(ioc.getAccepted());
            assertEquals("INVALID_EXPIRY", ioc.getReject().getReason());
        }
    }

    @Test
    void shouldMassCancelOneSideOfOneInstrumentAndListTheOrders() throws Exception
    {
        try (GatewayHarness h = new GatewayHarness(GatewayHarness.config(dir)))
        {
            assertTrue(h.orders(ALICE).submitOrder(limit("b1", Side.BUY, "90", "1")).getAccepted());
            assertTrue(h.orders(ALICE).submitOrder(limit("b2", Side.BUY, "91", "1")).getAccepted());
            assertTrue(h.orders(ALICE).submitOrder(limit("s1", Side.SELL, "120", "1")).getAccepted());
            assertTrue(h.orders(ALICE).submitOrder(order("e1", "ETH-USD", Side.BUY, OrderType.LIMIT, "100", "1"))
                .getAccepted());
            assertTrue(h.orders(ALICE).submitOrder(stop("st", Side.BUY, OrderType.STOP, "", "130", "1"))
                .getAccepted());
            final OrderResponse cancelled = h.orders(ALICE).massCancel(MassCancelRequest.newBuilder()
                .setSymbol("BTC-USD").setSide(Side.BUY).build());
            assertTrue(cancelled.getAccepted(), cancelled.toString());
            assertEquals(List.of("b2", "b1", "st"), cancelled.getReportsList().stream()
                .map(ExecutionReport::getClientOrderId).toList(), "best price first, then the waiting stops");
            assertTrue(h.orders(ALICE).submitOrder(limit("b3", Side.BUY, "90", "1")).getAccepted(),
                "no kill switch: trading goes on");
            final StatusRuntimeException unknown = assertThrows(StatusRuntimeException.class,
                () -> h.orders(ALICE).massCancel(MassCancelRequest.newBuilder().setSymbol("XYZ").build()));
            assertTrue(unknown.getStatus().getDescription().startsWith("symbol"), unknown.toString());
            assertEquals(List.of("b3", "s1", "e1"), h.orders(ALICE).massCancel(MassCancelRequest.getDefaultInstance())
                .getReportsList().stream().map(ExecutionReport::getClientOrderId).toList(),
                "every instrument, both sides: instrument by instrument, bids then asks");
        }
    }

    /** An OrderStream on its own channel, with or without cancel on disconnect. */
    private static final class Stream
    {
        final ManagedChannel channel;
        final LinkedBlockingQueue<OrderStreamResponse> in = new LinkedBlockingQueue<>();
        final AtomicReference<ClientCallStreamObserver<OrderStreamRequest>> out = new AtomicReference<>();

        Stream(final GatewayHarness h, final boolean cancelOnDisconnect)
        {
            channel = h.channel();
            final Metadata headers = GatewayHarness.key(ALICE);
            if (cancelOnDisconnect)
            {
                headers.put(AuthInterceptor.CANCEL_ON_DISCONNECT_HEADER, "true");
            }
            OrderEntryGrpc.newStub(channel).withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers))
                .orderStream(new ClientResponseObserver<OrderStreamRequest, OrderStreamResponse>()
                {
                    @Override
                    public void beforeStart(final ClientCallStreamObserver<OrderStreamRequest> requests)
                    {
                        out.set(requests);
                    }

                    @Override
                    public void onNext(final OrderStreamResponse value)
                    {
                        in.add(value);
                    }

                    @Override
                    public void onError(final Throwable t)
                    {
                        // the tests end the streams themselves
                    }

                    @Override
                    public void onCompleted()
                    {
                        // the tests end the streams themselves
                    }
                });
        }

        void place(final String id, final String price) throws InterruptedException
        {
            out.get().onNext(OrderStreamRequest.newBuilder().setSubmit(limit(id, Side.BUY, price, "1")).build());
            final OrderStreamResponse answer = in.poll(10, TimeUnit.SECONDS);
            assertTrue(answer != null && answer.getResponse().getAccepted(), String.valueOf(answer));
        }
    }

    @Test
    void shouldCancelTheOrdersOfAStreamThatDropsWhenItAskedFor() throws Exception
    {
        try (GatewayHarness h = new GatewayHarness(GatewayHarness.config(dir)))
        {
            final LinkedBlockingQueue<ExecutionReport> reports = new LinkedBlockingQueue<>();
            h.ordersAsync(ALICE).subscribeExecutions(SubscribeExecutionsRequest.getDefaultInstance(),
                collector(reports));
            awaitStreams(h, "SubscribeExecutions", 1);

            final Stream guarded = new Stream(h, true);
            guarded.place("cod1", "90");
            guarded.place("cod2", "91");
            final Stream plain = new Stream(h, false);
            plain.place("keep1", "92");
            final Stream closedCleanly = new Stream(h, true);
            closedCleanly.place("keep2", "93");
            closedCleanly.out.get().onCompleted(); // a clean half-close: its orders stay

            guarded.channel.shutdownNow(); // the connection drops: no half-close
            plain.channel.shutdownNow();
            assertEquals(DoneReason.CANCELLED, next(reports, ExecutionReport.Kind.DONE, "cod1")
                .getDoneReason());
            assertEquals(DoneReason.CANCELLED, next(reports, ExecutionReport.Kind.DONE, "cod2")
                .getDoneReason());
            // a mass cancel now finds exactly the orders of the stream without the header and of the clean close
            assertEquals(List.of("keep2", "keep1"), h.orders(ALICE).massCancel(MassCancelRequest.getDefaultInstance())
                .getReportsList().stream().map(ExecutionReport::getClientOrderId).toList());
        }
    }
}
