package dev.hotpath.gateway;

import dev.hotpath.gateway.api.CancelOrderRequest;
import dev.hotpath.gateway.api.CommandBatch;
import dev.hotpath.gateway.api.ExecutionReport;
import dev.hotpath.gateway.api.GetBookRequest;
import dev.hotpath.gateway.api.MarketDataGrpc;
import dev.hotpath.gateway.api.OrderEntryGrpc;
import dev.hotpath.gateway.api.OrderResponse;
import dev.hotpath.gateway.api.OrderStreamRequest;
import dev.hotpath.gateway.api.OrderStreamResponse;
import dev.hotpath.gateway.api.Side;
import dev.hotpath.gateway.auth.AuthInterceptor;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import io.grpc.stub.MetadataUtils;
import io.grpc.stub.StreamObserver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static dev.hotpath.gateway.GatewayHarness.ALICE;
import static dev.hotpath.gateway.GatewayHarness.BOB;
import static dev.hotpath.gateway.GatewayIT.collector;
import static dev.hotpath.gateway.GatewayIT.limit;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The services on gRPC's in-process transport (no sockets): the gateway built around a caller's
 * {@code InProcessServerBuilder}, where the responder runs on a thread of its own rather than on an event loop.
 * The Netty ITs cover the transport users run; this covers the other way out of the engine.
 */
@Timeout(60)
class InProcessGatewayTest
{
    @TempDir
    Path dir;

    private GatewayServer server;
    private ManagedChannel channel;

    @BeforeEach
    void start() throws Exception
    {
        final String name = InProcessServerBuilder.generateName();
        final GatewayConfig config = GatewayHarness.config(dir);
        server = new GatewayServer(InProcessServerBuilder.forName(name), config,
            GatewayServer.engineFromConfig(config)).start();
        channel = InProcessChannelBuilder.forName(name).build();
    }

    @AfterEach
    void stop() throws Exception
    {
        channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        server.stop();
    }

    private static Metadata key(final String apiKey)
    {
        final Metadata m = new Metadata();
        m.put(AuthInterceptor.API_KEY, apiKey);
        return m;
    }

    private OrderEntryGrpc.OrderEntryBlockingStub orders(final String apiKey)
    {
        return OrderEntryGrpc.newBlockingStub(channel).withInterceptors(
            MetadataUtils.newAttachHeadersInterceptor(key(apiKey))).withDeadlineAfter(10, TimeUnit.SECONDS);
    }

    @Test
    void shouldPlaceTradeCancelAndShowTheBook()
    {
        final OrderResponse sell = orders(ALICE).submitOrder(limit("s", Side.SELL, "101", "2"));
        assertTrue(sell.getAccepted(), sell.toString());
        final OrderResponse buy = orders(BOB).submitOrder(limit("b", Side.BUY, "101", "0.5"));
        assertTrue(buy.getAccepted());
        assertEquals(List.of(ExecutionReport.Kind.ACCEPTED, ExecutionReport.Kind.FILL, ExecutionReport.Kind.DONE),
            buy.getReportsList().stream().map(ExecutionReport::getKind).toList());
        assertEquals("1.5000", MarketDataGrpc.newBlockingStub(channel)
            .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(key(ALICE)))
            .getBook(GetBookRequest.newBuilder().setSymbol("BTC-USD").build()).getAsks(0).getQuantity());
        final OrderResponse cancel = orders(ALICE).cancelOrder(CancelOrderRequest.newBuilder().setClientOrderId("s")
            .build());
        assertTrue(cancel.getAccepted());
        assertEquals("1.5000", cancel.getReports(0).getRemainingQuantity());
    }

    @Test
    void shouldAnswerAStreamedBatch() throws Exception
    {
        final LinkedBlockingQueue<OrderStreamResponse> in = new LinkedBlockingQueue<>();
        final StreamObserver<OrderStreamRequest> out = OrderEntryGrpc.newStub(channel)
            .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(key(ALICE))).orderStream(collector(in));
        final CommandBatch.Builder batch = CommandBatch.newBuilder();
        for (int i = 0; i < 50; i++)
        {
            batch.addCommands(OrderStreamRequest.newBuilder().setSubmit(limit("x" + i, Side.BUY, "90", "1")));
        }
        out.onNext(OrderStreamRequest.newBuilder().setBatch(batch).build());
        final List<OrderResponse> answers = new ArrayList<>();
        while (answers.size() < 50)
        {
            final OrderStreamResponse message = in.poll(10, TimeUnit.SECONDS);
            assertTrue(message != null && message.hasBatch(), "batched answers: " + message);
            message.getBatch().getEventsList().forEach(e -> answers.add(e.getResponse()));
        }
        assertTrue(answers.stream().allMatch(OrderResponse::getAccepted), answers.toString());
        out.onCompleted();
    }
}
