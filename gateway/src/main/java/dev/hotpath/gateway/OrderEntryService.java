package dev.hotpath.gateway;

import dev.hotpath.gateway.api.AmendOrderRequest;
import dev.hotpath.gateway.api.CancelOrderRequest;
import dev.hotpath.gateway.api.ExecutionReport;
import dev.hotpath.gateway.api.GatewayError;
import dev.hotpath.gateway.api.OrderEntryGrpc;
import dev.hotpath.gateway.api.OrderResponse;
import dev.hotpath.gateway.api.OrderStreamRequest;
import dev.hotpath.gateway.api.OrderStreamResponse;
import dev.hotpath.gateway.api.SubmitOrderRequest;
import dev.hotpath.gateway.api.SubscribeExecutionsRequest;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The OrderEntry RPCs: each checks nothing itself but hands the request to the {@link OrderGateway} with a place
 * to answer; refusals become statuses (unary) or errors on the stream (OrderStream).
 *
 * <p>Thread-safe; gRPC's threads. The caller's account comes from {@link AuthInterceptor#ACCOUNT}.
 */
public final class OrderEntryService extends OrderEntryGrpc.OrderEntryImplBase
{
    private static final Logger LOG = LoggerFactory.getLogger(OrderEntryService.class);

    private final OrderGateway gateway;
    private final GatewayMetrics metrics;
    private final int streamQueue;
    private final Set<Outbound<?>> streams;
    private final AtomicInteger orderStreams;
    private final AtomicInteger executionStreams;

    /**
     * @param gateway     the way in.
     * @param metrics     the meters.
     * @param streamQueue messages queued per stream at most.
     * @param streams     every open stream (closed at shutdown).
     */
    public OrderEntryService(final OrderGateway gateway, final GatewayMetrics metrics, final int streamQueue,
        final Set<Outbound<?>> streams)
    {
        this.gateway = gateway;
        this.metrics = metrics;
        this.streamQueue = streamQueue;
        this.streams = streams;
        this.orderStreams = metrics.streams("OrderStream");
        this.executionStreams = metrics.streams("SubscribeExecutions");
    }

    @Override
    public void submitOrder(final SubmitOrderRequest request, final StreamObserver<OrderResponse> observer)
    {
        final long receivedNs = System.nanoTime();
        try
        {
            gateway.submit(AuthInterceptor.ACCOUNT.get(), request, unary(observer), null, receivedNs);
        }
        catch (final InvalidArgumentException | GatewayRefusal ex)
        {
            refuse(observer, ex);
        }
    }

    @Override
    public void cancelOrder(final CancelOrderRequest request, final StreamObserver<OrderResponse> observer)
    {
        final long receivedNs = System.nanoTime();
        try
        {
            gateway.cancel(AuthInterceptor.ACCOUNT.get(), request, unary(observer), null, receivedNs);
        }
        catch (final InvalidArgumentException | GatewayRefusal ex)
        {
            refuse(observer, ex);
        }
    }

    @Override
    public void amendOrder(final AmendOrderRequest request, final StreamObserver<OrderResponse> observer)
    {
        final long receivedNs = System.nanoTime();
        try
        {
            gateway.amend(AuthInterceptor.ACCOUNT.get(), request, unary(observer), null, receivedNs);
        }
        catch (final InvalidArgumentException | GatewayRefusal ex)
        {
            refuse(observer, ex);
        }
    }

    @Override
    public StreamObserver<OrderStreamRequest> orderStream(final StreamObserver<OrderStreamResponse> observer)
    {
        final AccountState account = AuthInterceptor.ACCOUNT.get();
        final Outbound<OrderStreamResponse> session = new Outbound<>(
            (ServerCallStreamObserver<OrderStreamResponse>)observer, streamQueue, s ->
            {
                if (streams.remove(s))
                {
                    orderStreams.decrementAndGet();
                }
            });
        streams.add(session);
        orderStreams.incrementAndGet();
        final InboundCredit credit = new InboundCredit((ServerCallStreamObserver<OrderStreamResponse>)observer,
            session);
        final ResponseTarget target = r ->
        {
            session.offer(OrderStreamResponse.newBuilder().setResponse(r).build());
            credit.answered();
        };
        return new StreamObserver<>()
        {
            @Override
            public void onNext(final OrderStreamRequest request)
            {
                credit.received();
                final long receivedNs = System.nanoTime();
                try
                {
                    switch (request.getCommandCase())
                    {
                        case SUBMIT:
                            gateway.submit(account, request.getSubmit(), target, session, receivedNs);
                            break;
                        case CANCEL:
                            gateway.cancel(account, request.getCancel(), target, session, receivedNs);
                            break;
                        case AMEND:
                            gateway.amend(account, request.getAmend(), target, session, receivedNs);
                            break;
                        default:
                            throw new InvalidArgumentException("command", "one of submit, cancel, amend is required");
                    }
                }
                catch (final RuntimeException ex)
                {
                    target.respond(refusal(request, ex));
                }
                finally
                {
                    credit.maybeRequest();
                }
            }

            @Override
            public void onError(final Throwable t)
            {
                session.close(Status.CANCELLED);
            }

            @Override
            public void onCompleted()
            {
                credit.halfClosed();
            }
        };
    }

    /** The answer to a command the gateway refused itself (or failed on: INTERNAL, logged, nothing revealed). */
    private OrderResponse refusal(final OrderStreamRequest request, final RuntimeException ex)
    {
        final GatewayError error;
        if (ex instanceof InvalidArgumentException || ex instanceof GatewayRefusal)
        {
            if (ex instanceof InvalidArgumentException)
            {
                metrics.gatewayReject("invalid_argument");
            }
            error = Errors.toError(ex);
        }
        else
        {
            LOG.error("OrderStream command failed: {}", request, ex);
            metrics.gatewayReject("internal");
            error = GatewayError.newBuilder().setStatus("INTERNAL").setMessage("internal error").build();
        }
        final OrderResponse.Builder b = OrderResponse.newBuilder().setAccepted(false).setError(error);
        if (request.hasSubmit())
        {
            b.setClientOrderId(request.getSubmit().getClientOrderId());
        }
        else if (request.hasCancel())
        {
            b.setClientOrderId(request.getCancel().getClientOrderId()).setOrderId(request.getCancel().getOrderId());
        }
        else if (request.hasAmend())
        {
            b.setClientOrderId(request.getAmend().getClientOrderId()).setOrderId(request.getAmend().getOrderId());
        }
        return b.build();
    }

    @Override
    public void subscribeExecutions(final SubscribeExecutionsRequest request,
        final StreamObserver<ExecutionReport> observer)
    {
        final AccountState account = AuthInterceptor.ACCOUNT.get();
        final Outbound<ExecutionReport> out = new Outbound<>((ServerCallStreamObserver<ExecutionReport>)observer,
            streamQueue, s ->
            {
                account.subscribers().remove(s);
                if (streams.remove(s))
                {
                    executionStreams.decrementAndGet();
                }
            });
        streams.add(out);
        executionStreams.incrementAndGet();
        account.subscribers().add(out);
    }

    /**
     * Inbound flow control of one OrderStream. The stream reads the client's commands only as fast as it can
     * answer them: commands are requested from the transport in batches, and only while the commands requested
     * but not yet arrived, plus those arrived but not yet answered, plus the messages waiting in the stream's
     * queue for the transport, stay under half the queue's capacity. A client that sends faster than the engine
     * answers, or reads its answers slowly, is thus held back by HTTP/2 flow control (its stream stops being
     * ready) instead of being dropped as a slow consumer or making the gateway buffer without bound.
     *
     * <p>It also ends the stream after a half-close once every command sent before it has been answered.
     *
     * <p>Any thread (gRPC's, the dispatcher); one lock per stream, always taken before the {@link Outbound}'s.
     */
    static final class InboundCredit
    {
        private final Outbound<OrderStreamResponse> session;
        private final int limit;
        private int requested;
        private int unanswered;
        private boolean halfClosed;

        /**
         * Call while the RPC's handler runs: it turns off gRPC's automatic request of one message at a time.
         *
         * @param call    the stream.
         * @param session its outbound side.
         */
        InboundCredit(final ServerCallStreamObserver<OrderStreamResponse> call,
            final Outbound<OrderStreamResponse> session)
        {
            this.session = session;
            this.limit = Math.max(1, session.capacity() / 2);
            call.disableAutoRequest();
            session.onSpace(this::maybeRequest);
            maybeRequest();
        }

        /** A command arrived. */
        synchronized void received()
        {
            requested--;
            unanswered++;
        }

        /** A command was answered. */
        void answered()
        {
            final boolean finished;
            synchronized (this)
            {
                unanswered--;
                finished = halfClosed && unanswered == 0;
            }
            if (finished)
            {
                session.finishWhenDrained(Status.OK);
            }
            else
            {
                maybeRequest();
            }
        }

        /** The client sent its last command: end the stream once everything is answered and sent. */
        void halfClosed()
        {
            final boolean finished;
            synchronized (this)
            {
                halfClosed = true;
                finished = unanswered == 0;
            }
            if (finished)
            {
                session.finishWhenDrained(Status.OK);
            }
        }

        /** Requests more commands when at least a quarter of the credit is free (or none is outstanding). */
        void maybeRequest()
        {
            final int more;
            synchronized (this)
            {
                if (halfClosed || session.isClosed())
                {
                    return;
                }
                final int free = limit - requested - unanswered - session.queued();
                if (free <= 0 || (requested > 0 && free < limit / 4))
                {
                    return;
                }
                more = free;
                requested += more;
            }
            session.request(more);
        }
    }

    private ResponseTarget unary(final StreamObserver<OrderResponse> observer)
    {
        return new ResponseTarget()
        {
            @Override
            public void respond(final OrderResponse r)
            {
                observer.onNext(r);
                observer.onCompleted();
            }

            @Override
            public void fail(final GatewayRefusal refusal, final long orderId, final String clientOrderId)
            {
                observer.onError(Errors.toStatus(refusal));
            }
        };
    }

    private void refuse(final StreamObserver<OrderResponse> observer, final RuntimeException ex)
    {
        if (ex instanceof InvalidArgumentException)
        {
            metrics.gatewayReject("invalid_argument");
        }
        final StatusRuntimeException status = Errors.toStatus(ex);
        observer.onError(status);
    }

    /**
     * @return a concurrent set for {@code streams}.
     */
    public static Set<Outbound<?>> newStreamSet()
    {
        return ConcurrentHashMap.newKeySet();
    }
}
