package dev.hotpath.gateway.in;

import dev.hotpath.gateway.GatewayMetrics;
import dev.hotpath.gateway.api.AmendOrderRequest;
import dev.hotpath.gateway.api.CancelOrderRequest;
import dev.hotpath.gateway.api.ExecutionReport;
import dev.hotpath.gateway.api.GatewayError;
import dev.hotpath.gateway.api.MassCancelRequest;
import dev.hotpath.gateway.api.OrderEntryGrpc;
import dev.hotpath.gateway.api.OrderResponse;
import dev.hotpath.gateway.api.OrderStreamRequest;
import dev.hotpath.gateway.api.OrderStreamResponse;
import dev.hotpath.gateway.api.SubmitOrderRequest;
import dev.hotpath.gateway.api.SubscribeExecutionsRequest;
import dev.hotpath.gateway.auth.AccountState;
import dev.hotpath.gateway.auth.AuthInterceptor;
import dev.hotpath.gateway.mapping.Errors;
import dev.hotpath.gateway.mapping.GatewayRefusal;
import dev.hotpath.gateway.mapping.InvalidArgumentException;
import dev.hotpath.gateway.out.Outbound;
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
 * <p>Thread-safe. Its calls run on the transport threads (they never block: a command is published without
 * waiting, and the answer comes later from the responder thread); the caller's account comes from
 * {@link AuthInterceptor#ACCOUNT}.
 */
public final class OrderEntryService extends OrderEntryGrpc.OrderEntryImplBase
{
    private static final Logger LOG = LoggerFactory.getLogger(OrderEntryService.class);
    /** The most commands one OrderStream message may carry. */
    public static final int MAX_BATCH = 1000;

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
    public void massCancel(final MassCancelRequest request, final StreamObserver<OrderResponse> observer)
    {
        final long receivedNs = System.nanoTime();
        try
        {
            gateway.massCancel(AuthInterceptor.ACCOUNT.get(), request, unary(observer), null, receivedNs);
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
        final boolean cancelOnDisconnect = Boolean.TRUE.equals(AuthInterceptor.CANCEL_ON_DISCONNECT.get());
        final OrderSession session = new OrderSession((ServerCallStreamObserver<OrderStreamResponse>)observer,
            streamQueue, s ->
            {
                if (streams.remove(s))
                {
                    orderStreams.decrementAndGet();
                }
            });
        streams.add(session.out());
        orderStreams.incrementAndGet();
        return new StreamObserver<>()
        {
            @Override
            public void onNext(final OrderStreamRequest request)
            {
                final InboundCredit credit = session.credit();
                if (request.getCommandCase() == OrderStreamRequest.CommandCase.BATCH)
                {
                    final int count = request.getBatch().getCommandsCount();
                    final boolean refused = count == 0 || count > MAX_BATCH;
                    session.markBatching();
                    credit.received(refused ? 1 : count); // a refused batch gets one answer
                    if (refused)
                    {
                        metrics.gatewayReject("invalid_argument");
                        session.respond(OrderResponse.newBuilder().setAccepted(false).setError(Errors.toError(
                            new InvalidArgumentException("batch", count == 0 ? "holds no command" :
                                "holds " + count + " commands, more than " + MAX_BATCH))).build());
                    }
                    else
                    {
                        final long receivedNs = System.nanoTime();
                        for (int i = 0; i < count; i++)
                        {
                            handle(request.getBatch().getCommands(i), receivedNs, true);
                        }
                    }
                }
                else
                {
                    credit.received(1);
                    handle(request, System.nanoTime(), false);
                }
                credit.maybeRequest();
            }

            /** One command: to the gateway, or answered here when refused. */
            private void handle(final OrderStreamRequest request, final long receivedNs, final boolean inBatch)
            {
                try
                {
                    switch (request.getCommandCase())
                    {
                        case SUBMIT:
                            gateway.submit(account, request.getSubmit(), session, session, receivedNs);
                            break;
                        case CANCEL:
                            gateway.cancel(account, request.getCancel(), session, session, receivedNs);
                            break;
                        case AMEND:
                            gateway.amend(account, request.getAmend(), session, session, receivedNs);
                            break;
                        case MASS_CANCEL:
                            gateway.massCancel(account, request.getMassCancel(), session, session, receivedNs);
                            break;
                        case BATCH:
                            throw new InvalidArgumentException("batch", "a batch cannot hold a batch");
                        default:
                            throw new InvalidArgumentException("command", inBatch ?
                                "each command of a batch must be one of submit, cancel, amend, mass_cancel" :
                                "one of submit, cancel, amend, mass_cancel, batch is required");
                    }
                }
                catch (final RuntimeException ex)
                {
                    session.respond(refusal(request, ex));
                }
            }

            @Override
            public void onError(final Throwable t)
            {
                // the stream ended without the client's half-close: dropped, cancelled or past its deadline
                session.close(Status.CANCELLED);
                if (cancelOnDisconnect)
                {
                    gateway.cancelOrdersOf(account, session);
                }
            }

            @Override
            public void onCompleted()
            {
                session.credit().halfClosed();
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
