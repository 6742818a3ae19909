package dev.hotpath.gateway.in;

import dev.hotpath.engine.api.Command;
import dev.hotpath.engine.api.CommandClock;
import dev.hotpath.engine.api.CommandType;
import dev.hotpath.engine.api.Instrument;
import dev.hotpath.engine.api.OrderType;
import dev.hotpath.engine.api.RejectReason;
import dev.hotpath.engine.api.Side;
import dev.hotpath.gateway.GatewayMetrics;
import dev.hotpath.gateway.api.AmendOrderRequest;
import dev.hotpath.gateway.api.CancelOrderRequest;
import dev.hotpath.gateway.api.MassCancelRequest;
import dev.hotpath.gateway.api.OrderResponse;
import dev.hotpath.gateway.api.SubmitOrderRequest;
import dev.hotpath.gateway.api.TimeInForce;
import dev.hotpath.gateway.auth.AccountState;
import dev.hotpath.gateway.link.EngineLink;
import dev.hotpath.gateway.mapping.ApiMapping;
import dev.hotpath.gateway.mapping.DecimalUnits;
import dev.hotpath.gateway.mapping.GatewayRefusal;
import dev.hotpath.gateway.mapping.Instruments;
import dev.hotpath.gateway.mapping.InvalidArgumentException;
import dev.hotpath.gateway.out.Responder;
import dev.hotpath.gateway.state.OrderRecord;
import io.grpc.Status;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * The way into the engine: checks a request (rate limit, fields, grid), turns it into an engine command with an
 * engine order id, and publishes it without blocking, with the waiting call as the ring slot's attachment; the
 * outcome comes back through the {@link Responder} to the request's {@link ResponseTarget}.
 *
 * <p>Engine order ids: one counter for the gateway, seeded from the wall clock shifted left by 20 bits
 * ({@code currentTimeMillis << 20}: room for a million ids a millisecond), and never below the highest id found
 * in the event journal at start. Ids therefore grow across restarts as long as a run issued fewer ids than
 * 2^20 per millisecond it lasted.
 *
 * <p>Thread-safe: any transport thread (order entry runs on them: publishing never blocks). A thread-local
 * {@link Command} is filled per publish.
 */
public final class OrderGateway
{
    private static final int MAX_CLIENT_ORDER_ID = 64;
    private static final ThreadLocal<Command> COMMAND = ThreadLocal.withInitial(Command::new);
    private static final long DAY_NS = 86_400_000_000_000L;

    private final EngineLink engine;
    private final Instruments instruments;
    private final ConcurrentHashMap<Long, OrderRecord> orders;
    private final AtomicLong inFlight;
    private final int maxInFlight;
    private final GatewayMetrics metrics;
    private final AtomicLong nextOrderId = new AtomicLong();
    private final Runnable answerAbandoned;
    private volatile boolean accepting = true;

    /**
     * @param engine          the way to the engine.
     * @param instruments     the instruments.
     * @param answerAbandoned answers the commands a stopped engine never finished (see {@link Responder}).
     * @param orders          open orders (kept by the responder).
     * @param inFlight        commands in flight (decremented by the responder).
     * @param maxInFlight  the most commands in flight before answering busy.
     * @param metrics      the meters.
     */
    public OrderGateway(final EngineLink engine, final Instruments instruments, final Runnable answerAbandoned,
        final ConcurrentHashMap<Long, OrderRecord> orders,
        final AtomicLong inFlight, final int maxInFlight, final GatewayMetrics metrics)
    {
        this.engine = engine;
        this.instruments = instruments;
        this.answerAbandoned = answerAbandoned;
        this.orders = orders;
        this.inFlight = inFlight;
        this.maxInFlight = maxInFlight;
        this.metrics = metrics;
    }

    /**
     * Sets where engine order ids start, once the journal has been read (before serving). Starting thread.
     *
     * @param firstOrderId the first engine order id to hand out.
     */
    public void startOrderIdsAt(final long firstOrderId)
    {
        nextOrderId.set(firstOrderId - 1);
    }

    /** Refuses every command from now on (shutdown). */
    public void stopAccepting()
    {
        accepting = false;
    }

    /**
     * @param account    the sender.
     * @param request    the order.
     * @param target     where its outcome goes.
     * @param session    the stream it came on, or {@code null}.
     * @param receivedNs when it arrived.
     * @throws InvalidArgumentException for a bad field.
     * @throws GatewayRefusal           when rate limited, busy, or the client order id is in use.
     */
    public void submit(final AccountState account, final SubmitOrderRequest request, final ResponseTarget target,
        final OrderSession session, final long receivedNs)
    {
        admit(account);
        final String clientOrderId = clientOrderId(request.getClientOrderId(), true);
        final Instrument instrument = instruments.bySymbol(request.getSymbol());
        final Side side = ApiMapping.fromApi(request.getSide());
        final OrderType type = ApiMapping.fromApi(request.getType());
        final long price;
        if (!type.hasPrice())
        {
            if (!request.getPrice().isEmpty())
            {
                throw new InvalidArgumentException("price", "must be empty for a " + type + " order");
            }
            price = 0;
        }
        else
        {
            price = DecimalUnits.toUnits(request.getPrice(), instrument.priceScale(), instrument.tickSize(), "price");
        }
        final long quantity = DecimalUnits.toUnits(request.getQuantity(), instrument.quantityScale(),
            instrument.lotSize(), "quantity");
        final long stopPrice;
        if (type.isStop())
        {
            stopPrice = DecimalUnits.toUnits(request.getStopPrice(), instrument.priceScale(), instrument.tickSize(),
                "stop_price");
        }
        else if (!request.getStopPrice().isEmpty())
        {
            throw new InvalidArgumentException("stop_price", "must be empty unless the type is STOP or STOP_LIMIT");
        }
        else
        {
            stopPrice = 0;
        }
        final long displayQuantity = request.getDisplayQuantity().isEmpty() ? 0 :
            DecimalUnits.toUnits(request.getDisplayQuantity(), instrument.quantityScale(), instrument.lotSize(),
                "display_quantity"); // the engine checks the rest (type, below the quantity): INVALID_DISPLAY_QUANTITY
        final long nowNs = CommandClock.nowNs();
        final long expiresAtNs = expiry(request, nowNs);
        final long orderId = nextOrderId.incrementAndGet();
        final ClientOrder named = new ClientOrder(orderId, instrument.id());
        if (account.clientOrderIds().putIfAbsent(clientOrderId, named) != null)
        {
            metrics.gatewayReject("duplicate_client_order_id");
            throw new GatewayRefusal(Status.ALREADY_EXISTS.withDescription(
                "client_order_id: '" + clientOrderId + "' names an open order already"), 0);
        }
        final PendingCommand p = new PendingCommand(account.id(), orderId, clientOrderId, instrument.id(), receivedNs,
            target, session);
        final Command command = COMMAND.get().place(nowNs, orderId, account.id(),
            instrument.id(), side.code(), type.code(), price, quantity).stopPrice(stopPrice).expiresAt(expiresAtNs)
            .displayQuantity(displayQuantity);
        command.clientOrderId(clientOrderId); // journaled with the order, so it survives a restart
        try
        {
            publish(command, p);
        }
        catch (final GatewayRefusal ex)
        {
            account.clientOrderIds().remove(clientOrderId, named);
            throw ex;
        }
    }

    /**
     * @param account    the sender.
     * @param request    which order.
     * @param target     where the outcome goes.
     * @param session    the stream it came on, or {@code null}.
     * @param receivedNs when it arrived.
     */
    public void cancel(final AccountState account, final CancelOrderRequest request, final ResponseTarget target,
        final OrderSession session, final long receivedNs)
    {
        admit(account);
        final ClientOrder order = resolve(account, request.getClientOrderId(), request.getOrderId(), false);
        if (order == null)
        {
            unknownOrder(request.getClientOrderId(), request.getOrderId(), target, receivedNs);
            return;
        }
        final Command command = COMMAND.get().cancel(CommandClock.nowNs(), order.orderId(),
            account.id());
        publish(command, new PendingCommand(account.id(), order.orderId(), clientOrderIdOrNull(request
            .getClientOrderId()), order.instrumentId(), receivedNs, target, session));
    }

    /**
     * Cancels the account's open orders on one instrument or all, one side or both (waiting stops included); the
     * answer lists the orders cancelled.
     *
     * @param account    the sender.
     * @param request    which orders.
     * @param target     where the outcome goes.
     * @param session    the stream it came on, or {@code null}.
     * @param receivedNs when it arrived.
     * @throws InvalidArgumentException for an unknown symbol.
     * @throws GatewayRefusal           when rate limited or busy.
     */
    public void massCancel(final AccountState account, final MassCancelRequest request, final ResponseTarget target,
        final OrderSession session, final long receivedNs)
    {
        admit(account);
        final int instrumentId = request.getSymbol().isEmpty() ? Command.ALL_INSTRUMENTS :
            instruments.bySymbol(request.getSymbol()).id();
        final byte side = request.getSide() == dev.hotpath.gateway.api.Side.SIDE_UNSPECIFIED ? Command.BOTH_SIDES :
            ApiMapping.fromApi(request.getSide()).code();
        publish(COMMAND.get().massCancel(CommandClock.nowNs(), account.id(), instrumentId, side),
            new PendingCommand(account.id(), 0, null, instrumentId, receivedNs, target, session));
    }

    /**
     * Cancel on disconnect: cancels every open order a stream placed, after the stream ended without the client's
     * half-close. The cancels are not rate limited; one refused because the engine is busy is sent again a
     * millisecond later, until it goes in or the gateway shuts down. Their outcomes go to the account's
     * SubscribeExecutions streams. Any thread: the work runs on a virtual thread of its own.
     *
     * @param account the stream's account.
     * @param session the stream that ended.
     */
    public void cancelOrdersOf(final AccountState account, final OrderSession session)
    {
        final long[] ids = orders.entrySet().stream().filter(e -> e.getValue().session() == session)
            .mapToLong(Map.Entry::getKey).sorted().toArray();
        if (ids.length == 0)
        {
            return;
        }
        Thread.ofVirtual().name("hotpath-cancel-on-disconnect").start(() ->
        {
            final Command command = new Command();
            for (final long orderId : ids)
            {
                while (accepting && orders.containsKey(orderId))
                {
                    try
                    {
                        publish(command.cancel(CommandClock.nowNs(), orderId, account.id()),
                            new PendingCommand(account.id(), orderId, null, -1, System.nanoTime(), DISCARD, null));
                        break;
                    }
                    catch (final GatewayRefusal busy)
                    {
                        LockSupport.parkNanos(1_000_000);
                    }
                }
            }
        });
    }

    /** Where the answers to the gateway's own commands go: nowhere (the reports reach the account's streams). */
    private static final ResponseTarget DISCARD = new ResponseTarget()
    {
        @Override
        public void respond(final OrderResponse response)
        {
        }

        @Override
        public void fail(final GatewayRefusal refusal, final long orderId, final String clientOrderId)
        {
        }
    };

    /** The expiry a new order asks for, in the commands' time (0: good till cancelled). */
    private static long expiry(final SubmitOrderRequest request, final long nowNs)
    {
        final TimeInForce timeInForce = request.getTimeInForce();
        if ((timeInForce == TimeInForce.TIME_IN_FORCE_UNSPECIFIED || timeInForce == TimeInForce.DAY) &&
            request.getExpireTimeNs() != 0)
        {
            throw new InvalidArgumentException("expire_time_ns", "only with time_in_force GOOD_TILL_DATE");
        }
        switch (timeInForce)
        {
            case TIME_IN_FORCE_UNSPECIFIED:
                return 0;
            case DAY:
                return (Math.floorDiv(nowNs, DAY_NS) + 1) * DAY_NS; // the next midnight UTC
            case GOOD_TILL_DATE:
                if (request.getExpireTimeNs() <= nowNs)
                {
                    throw new InvalidArgumentException("expire_time_ns", "must be in the future (epoch nanoseconds)");
                }
                return request.getExpireTimeNs();
            default:
                throw new InvalidArgumentException("time_in_force", "must be unset, DAY or GOOD_TILL_DATE");
        }
    }

    /**
     * @param account    the sender.
     * @param request    which order and its new price and quantity.
     * @param target     where the outcome goes.
     * @param session    the stream it came on, or {@code null}.
     * @param receivedNs when it arrived.
     */
    public void amend(final AccountState account, final AmendOrderRequest request, final ResponseTarget target,
        final OrderSession session, final long receivedNs)
    {
        admit(account);
        final ClientOrder order = resolve(account, request.getClientOrderId(), request.getOrderId(), true);
        final Instrument instrument = order == null ? null : instruments.byId(order.instrumentId());
        if (instrument == null)
        {
            unknownOrder(request.getClientOrderId(), request.getOrderId(), target, receivedNs);
            return;
        }
        final long price = DecimalUnits.toUnits(request.getPrice(), instrument.priceScale(), instrument.tickSize(),
            "price");
        final long quantity = DecimalUnits.toUnits(request.getQuantity(), instrument.quantityScale(),
            instrument.lotSize(), "quantity");
        final Command command = COMMAND.get().amend(CommandClock.nowNs(), order.orderId(),
            account.id(), price, quantity);
        publish(command, new PendingCommand(account.id(), order.orderId(), clientOrderIdOrNull(request
            .getClientOrderId()), order.instrumentId(), receivedNs, target, session));
    }

    /**
     * Sends an admin's set-limits command for an account. The engine validates the limits (a refusal comes back
     * as a reject); only the gateway's shutdown and capacity refuse it here. Admins have no rate limit.
     *
     * @param accountId        the account.
     * @param maxOrderQuantity largest order quantity, in quantity units.
     * @param maxOrderNotional largest order notional, in price units x quantity units.
     * @param maxOpenOrders    most open orders.
     * @param maxPosition      largest absolute position per instrument, in quantity units.
     * @param target           where the outcome goes.
     * @param receivedNs       when it arrived.
     * @throws GatewayRefusal when shutting down or busy.
     */
    public void setLimits(final long accountId, final long maxOrderQuantity, final long maxOrderNotional,
        final int maxOpenOrders, final long maxPosition, final ResponseTarget target, final long receivedNs)
    {
        refuseWhenShuttingDown();
        publish(COMMAND.get().setLimits(CommandClock.nowNs(), accountId, maxOrderQuantity,
            maxOrderNotional, maxOpenOrders, maxPosition), adminPending(accountId, target, receivedNs));
    }

    /**
     * Sends an admin's kill switch command for an account.
     *
     * @param accountId  the account.
     * @param on         true to cancel its open orders and refuse new ones, false to let it trade again.
     * @param target     where the outcome goes (with the reports of the orders it cancelled).
     * @param receivedNs when it arrived.
     * @throws GatewayRefusal when shutting down or busy.
     */
    public void killSwitch(final long accountId, final boolean on, final ResponseTarget target,
        final long receivedNs)
    {
        refuseWhenShuttingDown();
        publish(COMMAND.get().killSwitch(CommandClock.nowNs(), accountId, on),
            adminPending(accountId, target, receivedNs));
    }

    private void refuseWhenShuttingDown()
    {
        if (!accepting)
        {
            metrics.gatewayReject("shutting_down");
            throw new GatewayRefusal(Status.UNAVAILABLE.withDescription("the gateway is shutting down"), 0);
        }
    }

    private static PendingCommand adminPending(final long accountId, final ResponseTarget target,
        final long receivedNs)
    {
        return new PendingCommand(accountId, 0, null, -1, receivedNs, target, null);
    }

    /**
     * The order a cancel or amend names. By client id: the account's own map. By engine id: for an amend the
     * gateway must know the order's instrument and owner (another account's order is reported as unknown); a
     * cancel goes to the engine, which checks the owner itself.
     */
    private ClientOrder resolve(final AccountState account, final String clientOrderId, final long orderId,
        final boolean needOwnRecord)
    {
        if (!clientOrderId.isEmpty())
        {
            return account.clientOrderIds().get(clientOrderId(clientOrderId, false));
        }
        if (orderId == 0)
        {
            throw new InvalidArgumentException("client_order_id", "either client_order_id or order_id is required");
        }
        final OrderRecord record = orders.get(orderId);
        if (record != null && record.accountId() == account.id())
        {
            return new ClientOrder(orderId, record.instrumentId());
        }
        return needOwnRecord ? null : new ClientOrder(orderId, -1);
    }

    /** Answers like the engine does for an order that is not open (or not the caller's). */
    private void unknownOrder(final String clientOrderId, final long orderId, final ResponseTarget target,
        final long receivedNs)
    {
        metrics.engineReject(RejectReason.UNKNOWN_ORDER);
        final OrderResponse.Builder b = OrderResponse.newBuilder().setAccepted(false)
            .setReject(ApiMapping.reject(RejectReason.UNKNOWN_ORDER)).setOrderId(orderId)
            .setClientOrderId(clientOrderId);
        target.respond(b.build());
        metrics.latency(System.nanoTime() - receivedNs);
    }

    private void admit(final AccountState account)
    {
        refuseWhenShuttingDown();
        final long waitNs = account.bucket().tryAcquire();
        if (waitNs > 0)
        {
            metrics.gatewayReject("rate_limited");
            throw new GatewayRefusal(Status.RESOURCE_EXHAUSTED.withDescription("rate limit exceeded for account " +
                account.name()), Math.max(1, (waitNs + 999_999) / 1_000_000));
        }
    }

    private void publish(final Command command, final PendingCommand p)
    {
        if (inFlight.incrementAndGet() > maxInFlight)
        {
            inFlight.decrementAndGet();
            metrics.gatewayReject("busy");
            throw new GatewayRefusal(Status.RESOURCE_EXHAUSTED.withDescription(
                "engine busy: too many commands in flight"), 1);
        }
        if (!engine.tryPublish(command, p))
        {
            inFlight.decrementAndGet();
            if (engine.failure() == null && engine.diskSpaceLow())
            {
                metrics.gatewayReject("disk_full");
                throw new GatewayRefusal(Status.RESOURCE_EXHAUSTED.withDescription(engine.intakeRefusal()), 1000);
            }
            if (!accepting || engine.failure() != null || engine.intakeRefusal() != null)
            {
                metrics.gatewayReject("unavailable");
                final String why = engine.intakeRefusal();
                throw new GatewayRefusal(Status.UNAVAILABLE.withDescription(
                    why != null ? why : "the engine is not accepting commands"), 0);
            }
            metrics.gatewayReject("ring_full");
            throw new GatewayRefusal(Status.RESOURCE_EXHAUSTED.withDescription("engine busy: input ring full"), 1);
        }
        metrics.command(CommandType.fromCode(command.type));
        if (engine.failure() != null)
        {
            answerAbandoned.run(); // the engine stopped as this command went in: answer it, rather than never
        }
    }

    private static String clientOrderIdOrNull(final String clientOrderId)
    {
        return clientOrderId.isEmpty() ? null : clientOrderId;
    }

    private static String clientOrderId(final String id, final boolean required)
    {
        if (id.isEmpty() && required)
        {
            throw new InvalidArgumentException("client_order_id", "is required");
        }
        if (id.length() > MAX_CLIENT_ORDER_ID)
        {
            throw new InvalidArgumentException("client_order_id", "longer than " + MAX_CLIENT_ORDER_ID +
                " characters");
        }
        for (int i = 0; i < id.length(); i++)
        {
            final char c = id.charAt(i);
            if (c < 0x21 || c > 0x7e)
            {
                throw new InvalidArgumentException("client_order_id", "only printable ASCII without spaces");
            }
        }
        return id;
    }
}
