package dev.hotpath.gateway;

import dev.hotpath.gateway.api.CommandBatch;
import dev.hotpath.gateway.api.OrderEntryGrpc;
import dev.hotpath.gateway.api.OrderResponse;
import dev.hotpath.gateway.api.OrderStreamRequest;
import dev.hotpath.gateway.api.OrderStreamResponse;
import dev.hotpath.gateway.api.OrderType;
import dev.hotpath.gateway.api.Side;
import dev.hotpath.gateway.api.SubmitOrderRequest;
import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientResponseObserver;
import io.grpc.stub.MetadataUtils;
import io.grpc.stub.StreamObserver;
import org.HdrHistogram.Histogram;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

/**
 * A quick measuring client for a running {@code hotpath server} (the real load generator is the loadgen
 * module's): sends crossing BUY/SELL limit orders at 100.00 on one OrderStream (or as unary calls with a window
 * of outstanding calls) at a target rate, and measures ack latency from each order's <em>planned</em> send time
 * (so queueing delay counts) into an HdrHistogram; the first fifth of the orders warm up and are not recorded.
 *
 * <pre>
 * java -cp gateway/target/test-classes:gateway/target/classes:gateway/target/lib/* \
 *     dev.hotpath.gateway.QuickLoadClient HOST PORT API_KEY stream|unary COUNT RATE_PER_S [WINDOW|BATCH]
 * </pre>
 * For a stream the last argument is the orders per message (a {@code CommandBatch} when above 1; default 1); for
 * unary calls, the calls outstanding at most (default 256). {@code -Dwarmup=N}: the first N orders are not
 * recorded (default a fifth).
 * RATE_PER_S 0 sends as fast as the stream takes (stream) or as the window allows (unary). Bounded: stops
 * after COUNT orders, 120 s, or when the stream ends. {@code gateway/bench/quick-server.sh} and
 * {@code quick-load.sh} run it against a fresh server and add the CPU each side used (see gateway/README.md).
 */
public final class QuickLoadClient
{
    private QuickLoadClient()
    {
    }

    /**
     * @param args host, port, key, mode, count, rate, [window].
     * @throws Exception on failure.
     */
    public static void main(final String[] args) throws Exception
    {
        final String host = args[0];
        final int port = Integer.parseInt(args[1]);
        final String key = args[2];
        final boolean stream = args[3].equals("stream");
        final int count = Integer.parseInt(args[4]);
        final long rate = Long.parseLong(args[5]);
        final int window = args.length > 6 ? Integer.parseInt(args[6]) : 256; // unary: calls outstanding
        final int batch = stream && args.length > 6 ? Integer.parseInt(args[6]) : 1; // stream: orders a message
        // the callbacks only record into the histogram and count: they run on the transport thread
        final ManagedChannel channel = NettyChannelBuilder.forAddress(host, port).usePlaintext().directExecutor()
            .build();
        final OrderEntryGrpc.OrderEntryStub stub = OrderEntryGrpc.newStub(channel)
            .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(GatewayHarness.key(key)));
        final long[] plannedNs = new long[count];
        final Histogram latency = new Histogram(TimeUnit.SECONDS.toNanos(60), 3);
        final AtomicLong accepted = new AtomicLong();
        final AtomicLong refused = new AtomicLong();
        final CountDownLatch done = new CountDownLatch(count);
        final String prefix = Long.toString(System.nanoTime(), 36) + "-";
        final int warmup = Integer.getInteger("warmup", count / 5); // orders sent before measuring
        final long intervalNs = rate > 0 ? 1_000_000_000L / rate : 0;
        final long deadlineNs = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        final long startNs = System.nanoTime();

        if (stream)
        {
            final Thread sender = Thread.currentThread();
            final AtomicReference<ClientCallStreamObserver<OrderStreamRequest>> call = new AtomicReference<>();
            stub.orderStream(new ClientResponseObserver<OrderStreamRequest, OrderStreamResponse>()
            {
                @Override
                public void beforeStart(final ClientCallStreamObserver<OrderStreamRequest> requestStream)
                {
                    call.set(requestStream);
                    requestStream.setOnReadyHandler(() -> LockSupport.unpark(sender));
                }

                @Override
                public void onNext(final OrderStreamResponse value)
                {
                    if (value.hasBatch())
                    {
                        for (final OrderStreamResponse each : value.getBatch().getEventsList())
                        {
                            onNext(each);
                        }
                        return;
                    }
                    if (!value.hasResponse())
                    {
                        return;
                    }
                    final OrderResponse r = value.getResponse();
                    final String id = r.getClientOrderId();
                    final int i = Integer.parseInt(id.substring(id.indexOf('-') + 1));
                    if (i >= warmup)
                    {
                        latency.recordValue(Math.max(0, System.nanoTime() - plannedNs[i]));
                    }
                    (r.getAccepted() ? accepted : refused).incrementAndGet();
                    done.countDown();
                }

                @Override
                public void onError(final Throwable t)
                {
                    System.err.println("stream ended: " + t);
                    while (done.getCount() > 0)
                    {
                        done.countDown(); // nothing more will come
                    }
                }

                @Override
                public void onCompleted()
                {
                    // done
                }
            });
            for (int i = 0; i < count && System.nanoTime() - deadlineNs < 0 && done.getCount() > 0; i += batch)
            {
                final long planned = startNs + i * intervalNs;
                while (intervalNs > 0 && System.nanoTime() - planned < 0)
                {
                    LockSupport.parkNanos(Math.min(50_000, planned - System.nanoTime()));
                }
                while (!call.get().isReady() && done.getCount() > 0)
                {
                    LockSupport.parkNanos(1_000_000); // woken by the ready handler
                }
                final int n = Math.min(batch, count - i);
                final long sentNs = intervalNs == 0 ? System.nanoTime() : planned;
                for (int k = 0; k < n; k++)
                {
                    plannedNs[i + k] = sentNs; // a batch goes when its first order is due
                }
                final OrderStreamRequest message;
                if (batch == 1)
                {
                    message = OrderStreamRequest.newBuilder().setSubmit(order(prefix + i, i)).build();
                }
                else
                {
                    final CommandBatch.Builder b = CommandBatch.newBuilder();
                    for (int k = 0; k < n; k++)
                    {
                        b.addCommands(OrderStreamRequest.newBuilder().setSubmit(order(prefix + (i + k), i + k)));
                    }
                    message = OrderStreamRequest.newBuilder().setBatch(b).build();
                }
                synchronized (call)
                {
                    call.get().onNext(message);
                }
            }
            done.await(Math.max(1, deadlineNs - System.nanoTime()), TimeUnit.NANOSECONDS);
            call.get().onCompleted();
        }
        else
        {
            final Semaphore outstanding = new Semaphore(window);
            for (int i = 0; i < count && System.nanoTime() - deadlineNs < 0; i++)
            {
                final long planned = startNs + i * intervalNs;
                while (intervalNs > 0 && System.nanoTime() - planned < 0)
                {
                    LockSupport.parkNanos(Math.min(50_000, planned - System.nanoTime()));
                }
                outstanding.acquire();
                final long sentNs = intervalNs > 0 ? planned : System.nanoTime();
                final boolean record = i >= warmup;
                stub.submitOrder(order(prefix + i, i), new StreamObserver<>()
                {
                    @Override
                    public void onNext(final OrderResponse r)
                    {
                        if (record)
                        {
                            latency.recordValue(Math.max(0, System.nanoTime() - sentNs));
                        }
                        (r.getAccepted() ? accepted : refused).incrementAndGet();
                    }

                    @Override
                    public void onError(final Throwable t)
                    {
                        refused.incrementAndGet();
                        outstanding.release();
                        done.countDown();
                    }

                    @Override
                    public void onCompleted()
                    {
                        outstanding.release();
                        done.countDown();
                    }
                });
            }
            done.await(Math.max(1, deadlineNs - System.nanoTime()), TimeUnit.NANOSECONDS);
        }
        final double seconds = (System.nanoTime() - startNs) / 1e9;
        System.out.printf("mode=%s count=%d target=%s/s accepted=%d refused=%d elapsed=%.2fs throughput=%.0f/s%n",
            args[3], count, rate == 0 ? "max" : Long.toString(rate), accepted.get(), refused.get(), seconds,
            (accepted.get() + refused.get()) / seconds);
        System.out.printf("ack latency from planned send, first %d orders (warm-up) excluded (us): p50=%.1f p90=%.1f p99=%.1f p99.9=%.1f max=%.1f%n",
            warmup, latency.getValueAtPercentile(50) / 1e3, latency.getValueAtPercentile(90) / 1e3,
            latency.getValueAtPercentile(99) / 1e3, latency.getValueAtPercentile(99.9) / 1e3,
            latency.getMaxValue() / 1e3);
        channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }

    private static SubmitOrderRequest order(final String id, final int i)
    {
        return SubmitOrderRequest.newBuilder().setClientOrderId(id).setSymbol("BTC-USD")
            .setSide(i % 2 == 0 ? Side.BUY : Side.SELL).setType(OrderType.LIMIT).setPrice("100.00").setQuantity("1")
            .build();
    }
}
