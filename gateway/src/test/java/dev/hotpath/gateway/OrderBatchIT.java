package dev.hotpath.gateway;

import dev.hotpath.gateway.api.CancelOrderRequest;
import dev.hotpath.gateway.api.CommandBatch;
import dev.hotpath.gateway.api.ExecutionReport;
import dev.hotpath.gateway.api.OrderResponse;
import dev.hotpath.gateway.api.OrderStreamRequest;
import dev.hotpath.gateway.api.OrderStreamResponse;
import dev.hotpath.gateway.api.Side;
import dev.hotpath.gateway.in.OrderEntryService;
import io.grpc.stub.StreamObserver;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static dev.hotpath.gateway.GatewayHarness.ALICE;
import static dev.hotpath.gateway.GatewayHarness.BOB;
import static dev.hotpath.gateway.GatewayIT.collector;
import static dev.hotpath.gateway.GatewayIT.limit;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * OrderStream batches against the real server on 127.0.0.1: many commands in one message, answered in batched
 * messages; a refused command in a batch gets its own answer and the others go on; bad batches are refused
 * whole; single-command messages keep working on the same stream.
 */
@Timeout(60)
class OrderBatchIT
{
    @TempDir
    Path dir;

    private static OrderStreamRequest batchOf(final OrderStreamRequest... commands)
    {
        return OrderStreamRequest.newBuilder().setBatch(CommandBatch.newBuilder().addAllCommands(List.of(commands)))
            .build();
    }

    private static OrderStreamRequest submit(final String id, final Side side, final String price)
    {
        return OrderStreamRequest.newBuilder().setSubmit(limit(id, side, price, "1")).build();
    }

    /** Takes messages until {@code count} answers have come; every message must be a batch. */
    private static Map<String, OrderResponse> answers(final LinkedBlockingQueue<OrderStreamResponse> in,
        final int count, final List<ExecutionReport> reports) throws InterruptedException
    {
        final Map<String, OrderResponse> byId = new HashMap<>();
        int answered = 0;
        while (answered < count)
        {
            final OrderStreamResponse message = in.poll(10, TimeUnit.SECONDS);
            assertTrue(message != null, "answers missing: " + byId.keySet());
            assertTrue(message.hasBatch(), "a batching stream gets batches: " + message);
            for (final OrderStreamResponse each : message.getBatch().getEventsList())
            {
                if (each.hasResponse())
                {
                    byId.put(each.getResponse().getClientOrderId(), each.getResponse());
                    answered++;
                }
                else
                {
                    reports.add(each.getReport());
                }
            }
        }
        return byId;
    }

    @Test
    void shouldAnswerABatchInBatchesAndRefuseOnlyTheBadCommand() throws Exception
    {
        try (GatewayHarness h = new GatewayHarness(GatewayHarness.config(dir)))
        {
            final LinkedBlockingQueue<OrderStreamResponse> in = new LinkedBlockingQueue<>();
            final StreamObserver<OrderStreamRequest> out = h.ordersAsync(ALICE).orderStream(collector(in));
            final List<OrderStreamRequest> commands = new ArrayList<>();
            for (int i = 0; i < 200; i++)
            {
                commands.add(submit("a" + i, Side.SELL, Integer.toString(100 + i)));
            }
            commands.set(50, submit("bad", Side.SELL, "100.001")); // off the tick
            out.onNext(batchOf(commands.toArray(new OrderStreamRequest[0])));
            final List<ExecutionReport> reports = new ArrayList<>();
            final Map<String, OrderResponse> byId = answers(in, 200, reports);
            assertEquals(200, byId.size());
            assertEquals("INVALID_ARGUMENT", byId.get("bad").getError().getStatus());
            for (int i = 0; i < 200; i++)
            {
                if (i != 50)
                {
                    assertTrue(byId.get("a" + i).getAccepted(), "a" + i + ": " + byId.get("a" + i));
                }
            }

            // a passive fill reaches the batching stream as a report inside a batch
            assertTrue(h.orders(BOB).submitOrder(limit("b", Side.BUY, "100", "1")).getAccepted());
            final OrderStreamResponse fill = in.poll(10, TimeUnit.SECONDS);
            assertTrue(fill.hasBatch(), fill.toString());
            assertEquals(ExecutionReport.Kind.FILL, fill.getBatch().getEvents(0).getReport().getKind());
            assertEquals("a0", fill.getBatch().getEvents(0).getReport().getClientOrderId());

            // a single command on the same stream still works (its answer comes batched, as the stream is)
            out.onNext(OrderStreamRequest.newBuilder().setCancel(CancelOrderRequest.newBuilder()
                .setClientOrderId("a1")).build());
            final Map<String, OrderResponse> cancel = answers(in, 1, reports);
            assertTrue(cancel.get("a1").getAccepted(), cancel.toString());
            out.onCompleted();
        }
    }

    @Test
    void shouldRefuseEmptyOversizedAndNestedBatchesAndGoOn() throws Exception
    {
        try (GatewayHarness h = new GatewayHarness(GatewayHarness.config(dir)))
        {
            final LinkedBlockingQueue<OrderStreamResponse> in = new LinkedBlockingQueue<>();
            final StreamObserver<OrderStreamRequest> out = h.ordersAsync(ALICE).orderStream(collector(in));
            out.onNext(batchOf());
            final OrderResponse empty = in.poll(10, TimeUnit.SECONDS).getBatch().getEvents(0).getResponse();
            assertEquals("INVALID_ARGUMENT", empty.getError().getStatus());
            assertTrue(empty.getError().getMessage().contains("no command"), empty.toString());

            final OrderStreamRequest[] tooMany = new OrderStreamRequest[OrderEntryService.MAX_BATCH + 1];
            for (int i = 0; i < tooMany.length; i++)
            {
                tooMany[i] = submit("t" + i, Side.SELL, "100");
            }
            out.onNext(batchOf(tooMany));
            final OrderResponse oversized = in.poll(10, TimeUnit.SECONDS).getBatch().getEvents(0).getResponse();
            assertEquals("INVALID_ARGUMENT", oversized.getError().getStatus());
            assertTrue(oversized.getError().getMessage().contains("more than 1000"), oversized.toString());

            out.onNext(batchOf(batchOf(submit("n1", Side.SELL, "100")), submit("n2", Side.SELL, "100")));
            final Map<String, OrderResponse> nested = answers(in, 2, new ArrayList<>());
            assertTrue(nested.get("").getError().getMessage().contains("cannot hold a batch"), nested.toString());
            assertTrue(nested.get("n2").getAccepted(), nested.toString());
            assertFalse(h.server.engine().failure() != null);

            // nothing of the refused batches reached the engine: only n2 rests
            assertEquals(1, h.server.metrics().commands(dev.hotpath.engine.api.CommandType.PLACE));
            out.onCompleted();
        }
    }
}
