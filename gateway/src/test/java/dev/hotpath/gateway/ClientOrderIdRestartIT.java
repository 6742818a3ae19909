package dev.hotpath.gateway;

import dev.hotpath.gateway.api.CancelOrderRequest;
import dev.hotpath.gateway.api.ExecutionReport;
import dev.hotpath.gateway.api.OrderEntryGrpc;
import dev.hotpath.gateway.api.OrderResponse;
import dev.hotpath.gateway.api.Side;
import dev.hotpath.gateway.api.SubscribeExecutionsRequest;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.MetadataUtils;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Client order ids are as durable as the orders: after a restart (SIGTERM, or {@code kill -9}) of the real
 * server process, an open order is still known by its client id — a new order cannot take the id, a cancel by
 * the id (alone, or with the engine id) reaches the old order, and the old order's fills carry the id.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
@Tag("slow") // a server process, restarted
class ClientOrderIdRestartIT
{
    private static final String KEY = "client-id-it-key-00000000001";

    @TempDir
    Path dir;

    @ParameterizedTest(name = "restart by {0}")
    @ValueSource(strings = {"SIGTERM", "SIGKILL"})
    void shouldKnowOpenOrdersByTheirClientIdsAfterARestart(final String signal) throws Exception
    {
        final Path config = ServerProcess.writeConfig(dir.resolve("hotpath.yaml"), dir.resolve("journal"), KEY);
        final Path logs = Path.of("target", "client-id-it").toAbsolutePath();
        final long keep1;
        final long keep2;
        final long keep3;
        final ServerProcess first = ServerProcess.start(config, logs.resolve(signal + "-first.log"));
        try
        {
            final ManagedChannel channel = channel(first.port());
            try
            {
                final OrderEntryGrpc.OrderEntryBlockingStub alice = stub(channel, KEY);
                keep1 = accepted(alice.submitOrder(GatewayIT.limit("keep-1", Side.BUY, "100.00", "1")));
                keep2 = accepted(alice.submitOrder(GatewayIT.limit("keep-2", Side.BUY, "99.00", "1")));
                keep3 = accepted(alice.submitOrder(GatewayIT.limit("keep-3", Side.BUY, "98.00", "1")));
            }
            finally
            {
                channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
            }
            if (signal.equals("SIGTERM"))
            {
                first.process().destroy();
                assertTrue(first.process().waitFor(20, TimeUnit.SECONDS), "still running after SIGTERM");
                assertEquals(0, first.process().exitValue(), first.output());
            }
            else
            {
                first.process().destroyForcibly();
                first.process().waitFor(20, TimeUnit.SECONDS);
            }
        }
        finally
        {
            first.process().destroyForcibly();
        }

        final ServerProcess second = ServerProcess.start(config, logs.resolve(signal + "-second.log"));
        final ManagedChannel channel = channel(second.port());
        try
        {
            final OrderEntryGrpc.OrderEntryBlockingStub alice = stub(channel, KEY);
            final StatusRuntimeException duplicate = assertThrows(StatusRuntimeException.class,
                () -> alice.submitOrder(GatewayIT.limit("keep-1", Side.BUY, "97.00", "1")));
            assertEquals(Status.Code.ALREADY_EXISTS, duplicate.getStatus().getCode(), duplicate.toString());

            final OrderResponse byClientId = alice.cancelOrder(CancelOrderRequest.newBuilder()
                .setClientOrderId("keep-2").build());
            assertTrue(byClientId.getAccepted(), byClientId.toString());
            assertEquals(keep2, byClientId.getOrderId(), "the cancel by client id reached the old order");

            final OrderResponse byBoth = alice.cancelOrder(CancelOrderRequest.newBuilder()
                .setClientOrderId("keep-3").setOrderId(keep3).build());
            assertTrue(byBoth.getAccepted(), byBoth.toString());
            assertEquals(keep3, byBoth.getOrderId());
            assertEquals("keep-3", byBoth.getClientOrderId());

            final LinkedBlockingQueue<ExecutionReport> reports = new LinkedBlockingQueue<>();
            OrderEntryGrpc.newStub(channel)
                .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(GatewayHarness.key(KEY)))
                .subscribeExecutions(SubscribeExecutionsRequest.getDefaultInstance(), GatewayIT.collector(reports));
            // bob sells into keep-1 until alice's subscription is live and sees the fill
            final OrderEntryGrpc.OrderEntryBlockingStub bob = stub(channel, KEY + "-bob");
            ExecutionReport fill = null;
            for (int attempt = 0; attempt < 50 && fill == null; attempt++)
            {
                final OrderResponse sold = bob.submitOrder(GatewayIT.limit("bob-" + attempt, Side.SELL, "100.00",
                    "0.0001"));
                assertTrue(sold.getAccepted(), sold.toString());
                for (ExecutionReport r = reports.poll(200, TimeUnit.MILLISECONDS); r != null && fill == null;
                    r = reports.poll(50, TimeUnit.MILLISECONDS))
                {
                    if (r.getKind() == ExecutionReport.Kind.FILL && r.getOrderId() == keep1)
                    {
                        fill = r;
                    }
                }
            }
            assertNotNull(fill, "alice saw no fill of keep-1");
            assertEquals("keep-1", fill.getClientOrderId(), fill.toString());
            second.process().destroy();
            assertTrue(second.process().waitFor(20, TimeUnit.SECONDS));
            assertEquals(0, second.process().exitValue(), second.output());
        }
        finally
        {
            channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
            second.process().destroyForcibly();
        }
    }

    private static long accepted(final OrderResponse response)
    {
        assertTrue(response.getAccepted(), response.toString());
        return response.getOrderId();
    }

    static ManagedChannel channel(final int port)
    {
        return NettyChannelBuilder.forAddress("127.0.0.1", port).usePlaintext().build();
    }

    static OrderEntryGrpc.OrderEntryBlockingStub stub(final ManagedChannel channel, final String key)
    {
        return OrderEntryGrpc.newBlockingStub(channel)
            .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(GatewayHarness.key(key)))
            .withDeadlineAfter(20, TimeUnit.SECONDS);
    }
}
