package dev.hotpath.gateway;

import dev.hotpath.gateway.api.OrderResponse;
import dev.hotpath.gateway.api.OrderStreamRequest;
import dev.hotpath.gateway.api.OrderStreamResponse;
import dev.hotpath.gateway.api.Side;
import io.grpc.stub.StreamObserver;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static dev.hotpath.gateway.GatewayHarness.ALICE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The gateway stamps each command with epoch nanoseconds at nanosecond resolution, as the execution reports that
 * carry the command's timestamp show: close to {@link Instant#now()}, different for two commands sent in the
 * same millisecond, and counting up.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class CommandTimestampIT
{
    private static final int COMMANDS = 200;

    @TempDir
    Path dir;

    @Test
    void shouldStampCommandsWithEpochNanoseconds() throws Exception
    {
        try (GatewayHarness h = new GatewayHarness(GatewayHarness.config(dir)))
        {
            final Map<String, Long> stamps = new ConcurrentHashMap<>();
            final CountDownLatch ended = new CountDownLatch(1);
            final StreamObserver<OrderStreamRequest> out = h.ordersAsync(ALICE).orderStream(new StreamObserver<>()
            {
                @Override
                public void onNext(final OrderStreamResponse value)
                {
                    final OrderResponse r = value.getResponse();
                    if (r.getAccepted())
                    {
                        stamps.put(r.getClientOrderId(), r.getReports(0).getTimestampNs());
                    }
                }

                @Override
                public void onError(final Throwable t)
                {
                    ended.countDown();
                }

                @Override
                public void onCompleted()
                {
                    ended.countDown();
                }
            });
            final long startNs = epochNanos(Instant.now());
            // sent back to back on one stream: the gateway stamps many of them within the same millisecond
            for (int i = 0; i < COMMANDS; i++)
            {
                out.onNext(OrderStreamRequest.newBuilder()
                    .setSubmit(GatewayIT.limit("t" + i, Side.BUY, Integer.toString(100 + i), "1")).build());
            }
            out.onCompleted();
            assertTrue(ended.await(30, TimeUnit.SECONDS), "the stream did not end");
            final long endNs = epochNanos(Instant.now());
            assertEquals(COMMANDS, stamps.size(), "accepted");

            long previous = Long.MIN_VALUE;
            boolean sameMillisecond = false;
            for (int i = 0; i < COMMANDS; i++)
            {
                final long ts = stamps.get("t" + i);
                assertTrue(ts > startNs - TimeUnit.SECONDS.toNanos(1) && ts < endNs + TimeUnit.SECONDS.toNanos(1),
                    "t" + i + " stamped " + ts + ", not within a second of Instant.now() (" + startNs + ".." +
                    endNs + ")");
                assertTrue(ts > previous, "t" + i + " stamped " + ts + ", not after its predecessor " + previous);
                sameMillisecond |= ts / 1_000_000 == previous / 1_000_000;
                previous = ts;
            }
            assertTrue(sameMillisecond, "no two commands were stamped in the same millisecond: resolution unknown");
        }
    }

    private static long epochNanos(final Instant t)
    {
        return TimeUnit.SECONDS.toNanos(t.getEpochSecond()) + t.getNano();
    }
}
