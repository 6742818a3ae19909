package dev.hotpath.gateway;

import dev.hotpath.gateway.api.BookSnapshot;
import dev.hotpath.gateway.api.GetBookRequest;
import dev.hotpath.gateway.api.MarketDataGrpc;
import dev.hotpath.gateway.api.OrderEntryGrpc;
import dev.hotpath.gateway.api.OrderStreamResponse;
import dev.hotpath.gateway.api.Side;
import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientInterceptors;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.MetadataUtils;
import io.grpc.stub.StreamObserver;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static dev.hotpath.gateway.GatewayHarness.ALICE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Bytes that are no protobuf message, sent by a raw client (a byte-array marshaller) to a real gateway: each call
 * ends with INVALID_ARGUMENT, the server logs one short line for all of them, and nothing else changes.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class MalformedRequestIT
{
    /** Sends and receives raw bytes. */
    private static final MethodDescriptor.Marshaller<byte[]> BYTES = new MethodDescriptor.Marshaller<>()
    {
        @Override
        public InputStream stream(final byte[] value)
        {
            return new ByteArrayInputStream(value);
        }

        @Override
        public byte[] parse(final InputStream stream)
        {
            try
            {
                return stream.readAllBytes();
            }
            catch (final IOException ex)
            {
                throw new UncheckedIOException(ex);
            }
        }
    };

    /** client_order_id (field 1, length 2) holding 0xC3 0x28: not UTF-8. */
    private static final byte[] INVALID_UTF8 = {0x0A, 0x02, (byte)0xC3, 0x28};
    /** Text: its first byte is a tag with wire type 6, which does not exist. */
    private static final byte[] GARBAGE = "this is no protobuf".getBytes(StandardCharsets.US_ASCII);

    @TempDir
    Path dir;

    @Test
    void shouldAnswerInvalidArgumentToBytesThatAreNoMessageAndLogOneLine() throws Exception
    {
        try (GatewayHarness h = new GatewayHarness(GatewayHarness.config(dir)))
        {
            final Channel alice = ClientInterceptors.intercept(h.channel(),
                MetadataUtils.newAttachHeadersInterceptor(GatewayHarness.key(ALICE)));
            final byte[] valid = GatewayIT.limit("ok1", Side.BUY, "100", "1").toByteArray();
            final byte[] truncated = Arrays.copyOf(valid, valid.length - 1); // the last field's value is cut off
            final List<byte[]> bad = List.of(INVALID_UTF8, GARBAGE, truncated);
            final List<String> log;
            try (LogCapture capture = new LogCapture())
            {
                for (final byte[] request : bad)
                {
                    final StatusRuntimeException ex = assertThrows(StatusRuntimeException.class, () ->
                        ClientCalls.blockingUnaryCall(alice, raw(OrderEntryGrpc.getSubmitOrderMethod()),
                            CallOptions.DEFAULT.withDeadlineAfter(10, TimeUnit.SECONDS), request));
                    assertInvalidArgument(ex.getStatus(), "hotpath.v1.OrderEntry/SubmitOrder");
                }
                // a stream that placed an order, then sent bad bytes; then streams that start with them
                assertInvalidArgument(stream(alice, List.of(submit(valid), submit(INVALID_UTF8))),
                    "hotpath.v1.OrderEntry/OrderStream");
                assertInvalidArgument(stream(alice, List.of(GARBAGE)), "hotpath.v1.OrderEntry/OrderStream");
                assertInvalidArgument(stream(alice, List.of(submit(truncated))), "hotpath.v1.OrderEntry/OrderStream");
                awaitNoOrderStream(h);
                // the journal library's housekeeping (file growth, background syncs) may log at any time
                log = capture.lines().stream().filter(l -> !l.contains("net.openhft.chronicle")).toList();
            }
            assertTrue(log.size() <= 1, "more than one line logged:\n" + String.join("\n", log));
            assertEquals(1, log.size(), "nothing logged");
            assertTrue(log.get(0).contains("malformed request to hotpath.v1.OrderEntry/SubmitOrder"), log.get(0));

            // the gateway goes on as before: the one valid order is on the book, a new one is accepted
            final MarketDataGrpc.MarketDataBlockingStub market = h.market(ALICE);
            assertEquals(1, market.getBook(GetBookRequest.newBuilder().setSymbol("BTC-USD").build()).getBidsCount());
            assertTrue(h.orders(ALICE).submitOrder(GatewayIT.limit("ok2", Side.BUY, "99", "1")).getAccepted());
            final BookSnapshot book = market.getBook(GetBookRequest.newBuilder().setSymbol("BTC-USD").build());
            assertEquals(2, book.getBidsCount());
        }
    }

    private static void assertInvalidArgument(final Status status, final String method)
    {
        assertEquals(Status.Code.INVALID_ARGUMENT, status.getCode(), status.toString());
        assertNotNull(status.getDescription());
        assertTrue(status.getDescription().startsWith("malformed request to " + method + ": "), status.toString());
        assertTrue(status.getDescription().length() < 200, status.toString());
    }

    /** Sends the messages on one OrderStream without half-closing it; returns the status the server ended it with. */
    private static Status stream(final Channel channel, final List<byte[]> messages) throws Exception
    {
        final CompletableFuture<Status> end = new CompletableFuture<>();
        final LinkedBlockingQueue<byte[]> answers = new LinkedBlockingQueue<>();
        final StreamObserver<byte[]> out = ClientCalls.asyncBidiStreamingCall(
            channel.newCall(raw(OrderEntryGrpc.getOrderStreamMethod()), CallOptions.DEFAULT), new StreamObserver<>()
            {
                @Override
                public void onNext(final byte[] value)
                {
                    answers.add(value);
                }

                @Override
                public void onError(final Throwable t)
                {
                    end.complete(Status.fromThrowable(t));
                }

                @Override
                public void onCompleted()
                {
                    end.complete(Status.OK);
                }
            });
        for (int i = 0; i < messages.size(); i++)
        {
            out.onNext(messages.get(i));
            if (i < messages.size() - 1)
            {
                // a valid command first: wait for its answer, so that the stream is known to be working
                final byte[] answer = answers.poll(10, TimeUnit.SECONDS);
                assertNotNull(answer, "no answer to a valid command");
                assertTrue(OrderStreamResponse.parseFrom(answer).getResponse().getAccepted());
            }
        }
        final Status status = end.get(10, TimeUnit.SECONDS);
        out.onCompleted(); // the call is over: this only tidies up the client's side
        return status;
    }

    /** An OrderStreamRequest whose submit (field 1) holds these bytes. */
    private static byte[] submit(final byte[] submitRequest)
    {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(0x0A);
        out.write(submitRequest.length); // every message here is shorter than 128 bytes: a one-byte varint
        out.writeBytes(submitRequest);
        return out.toByteArray();
    }

    private static <Q, R> MethodDescriptor<byte[], byte[]> raw(final MethodDescriptor<Q, R> method)
    {
        return method.toBuilder(BYTES, BYTES).build();
    }

    private static void awaitNoOrderStream(final GatewayHarness h) throws InterruptedException
    {
        final long deadlineNs = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (h.server.metrics().streams("OrderStream").get() != 0)
        {
            assertTrue(deadlineNs - System.nanoTime() > 0, "an OrderStream is still counted as open");
            Thread.sleep(1);
        }
    }
}
