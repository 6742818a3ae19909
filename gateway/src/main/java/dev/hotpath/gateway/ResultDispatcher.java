package dev.hotpath.gateway;

import dev.hotpath.engine.api.CommandType;
import dev.hotpath.engine.api.DoneReason;
import dev.hotpath.engine.api.EventSink;
import dev.hotpath.engine.api.Instrument;
import dev.hotpath.engine.api.OrderType;
import dev.hotpath.engine.api.RejectReason;
import dev.hotpath.engine.api.Side;
import dev.hotpath.engine.codec.EventDecoder;
import dev.hotpath.engine.pipeline.CommandEvent;
import dev.hotpath.engine.pipeline.EngineListener;
import dev.hotpath.engine.risk.RiskLimits;
import dev.hotpath.gateway.api.ExecutionReport;
import dev.hotpath.gateway.api.OrderResponse;
import dev.hotpath.gateway.api.OrderStreamResponse;
import dev.hotpath.gateway.api.TradeUpdate;
import io.grpc.Status;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The way out of the engine: takes each command's results on the engine's publisher thread (copying the event
 * bytes and nothing more), and on its own thread decodes them into execution reports, answers the waiting
 * calls, updates the market-data projection and feeds the streams.
 *
 * <p>{@link #onCommandResult} runs on the engine's publisher thread and never blocks: the queue holds as many
 * results as the gateway lets commands be in flight, so it cannot be full. Everything else runs on the
 * dispatcher thread ({@code hotpath-dispatcher}), which owns the decoding state.
 */
public final class ResultDispatcher implements EngineListener, EventSink
{
    private static final Logger LOG = LoggerFactory.getLogger(ResultDispatcher.class);

    /** One command's results, copied off the ring slot. */
    private record Result(long sequence, long timestampNs, byte type, long orderId, long accountId,
        long correlationId, byte[] events)
    {
    }

    /** Queued after the last result when the engine stops. */
    private static final Result ENGINE_STOPPED = new Result(-1, 0, (byte)0, 0, 0, 0, new byte[0]);

    private static final byte[] NO_EVENTS = new byte[0];

    private final BlockingQueue<Result> queue;
    private final ConcurrentHashMap<Long, PendingCommand> pending;
    private final ConcurrentHashMap<Long, OrderRecord> orders;
    private final AtomicLong inFlight;
    private final Accounts accounts;
    private final Instruments instruments;
    private final BookView[] books;
    private final List<CopyOnWriteArrayList<Outbound<TradeUpdate>>> tradeSubscribers;
    private final GatewayMetrics metrics;
    private final RiskProjection risk;
    private final AtomicLong dropped = new AtomicLong();
    private final UnsafeBuffer eventBuffer = new UnsafeBuffer(new byte[0]);
    private final Thread thread;
    private volatile boolean running = true;

    // dispatcher thread: the command being decoded
    private boolean replaying;
    private String replayClientOrderId;
    private volatile String stoppedReason;
    private Result current;
    private PendingCommand currentPending;
    private OrderResponse.Builder response;

    /**
     * @param capacity         results queued at most (the gateway's in-flight limit plus the ring size).
     * @param pending          commands waiting, by correlation id.
     * @param orders           open orders, by engine id.
     * @param inFlight         commands in flight, decremented here.
     * @param accounts         the accounts.
     * @param instruments      the instruments.
     * @param books            the projection, by instrument id.
     * @param tradeSubscribers trade streams, by instrument id.
     * @param metrics          the meters.
     * @param risk             the accounts' risk state, kept here from the events.
     */
    public ResultDispatcher(final int capacity, final ConcurrentHashMap<Long, PendingCommand> pending,
        final ConcurrentHashMap<Long, OrderRecord> orders, final AtomicLong inFlight, final Accounts accounts,
        final Instruments instruments, final BookView[] books,
        final List<CopyOnWriteArrayList<Outbound<TradeUpdate>>> tradeSubscribers, final GatewayMetrics metrics,
        final RiskProjection risk)
    {
        this.risk = risk;
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.pending = pending;
        this.orders = orders;
        this.inFlight = inFlight;
        this.accounts = accounts;
        this.instruments = instruments;
        this.books = books;
        this.tradeSubscribers = tradeSubscribers;
        this.metrics = metrics;
        this.thread = new Thread(this::run, "hotpath-dispatcher");
        this.thread.setDaemon(true);
    }

    /** Starts the dispatcher thread. */
    public void start()
    {
        thread.start();
    }

    /**
     * Lets the thread finish what is queued, then stop. Call after the engine has closed (nothing more comes).
     *
     * @param timeoutMs the most time to wait.
     * @throws InterruptedException when interrupted while waiting.
     */
    public void stop(final long timeoutMs) throws InterruptedException
    {
        running = false;
        thread.join(timeoutMs);
    }

    /** @return results dropped because the queue was full (should stay 0). */
    public long dropped()
    {
        return dropped.get();
    }

    /**
     * The engine stopped: once the results queued before the failure are answered, every command still waiting is
     * answered UNAVAILABLE (it was not acknowledged), rather than left hanging. Engine thread.
     */
    @Override
    public void onEngineStopped(final Throwable cause)
    {
        stoppedReason = "the engine stopped before acknowledging this command (" + cause.getMessage() + "); after " +
            "a restart, look the order up: a command takes effect only if it reached the journal";
        try
        {
            queue.put(ENGINE_STOPPED);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
    }

    /** Dispatcher thread: answers every command still waiting, after the engine stopped. */
    private void failPending()
    {
        final GatewayRefusal refusal = new GatewayRefusal(Status.UNAVAILABLE.withDescription(stoppedReason), 0);
        for (final Long correlationId : pending.keySet())
        {
            final PendingCommand p = pending.remove(correlationId);
            if (p == null)
            {
                continue;
            }
            inFlight.decrementAndGet();
            try
            {
                p.target().fail(refusal, p.orderId(), p.clientOrderId());
            }
            catch (final RuntimeException ex)
            {
                // the caller went away: nothing to answer
            }
        }
    }

    /** Publisher thread: copy and hand over; never blocks. */
    @Override
    public void onCommandResult(final CommandEvent e)
    {
        final byte[] events = new byte[e.eventsLength];
        e.events.getBytes(0, events, 0, e.eventsLength);
        if (!queue.offer(new Result(e.sequence, e.timestampNs, e.type, e.orderId, e.accountId, e.correlationId,
            events)))
        {
            dropped.incrementAndGet();
        }
    }

    /**
     * Applies results read back from the event journal at start (before the gRPC server is up): rebuilds the
     * book projection, the open orders and the accounts' risk state. Calling thread, before {@link #start()}.
     *
     * @param sequence      the command's sequence.
     * @param timestampNs   its timestamp.
     * @param type          its {@link CommandType} code.
     * @param orderId       the order it named.
     * @param accountId     the account it named.
     * @param clientOrderId the client order id it carried (new orders), or {@code null}.
     * @param buffer        holds the events.
     * @param offset        where they start.
     * @param length        bytes of events.
     */
    public void replay(final long sequence, final long timestampNs, final byte type, final long orderId,
        final long accountId, final String clientOrderId, final DirectBuffer buffer, final int offset, final int length)
    {
        replaying = true;
        replayClientOrderId = clientOrderId;
        current = new Result(sequence, timestampNs, type, orderId, accountId, 0, NO_EVENTS);
        currentPending = null;
        response = null;
        EventDecoder.decode(buffer, offset, length, this);
        followKillSwitch(current);
        current = null;
        replayClientOrderId = null;
        replaying = false;
    }

    private void run()
    {
        while (true)
        {
            final Result r;
            try
            {
                r = queue.poll(50, TimeUnit.MILLISECONDS);
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
                return;
            }
            if (r == null || r == ENGINE_STOPPED)
            {
                if (stoppedReason != null)
                {
                    failPending(); // again on every idle poll: a command may have slipped in as the engine stopped
                }
                if (r == null && !running)
                {
                    return;
                }
                continue;
            }
            try
            {
                dispatch(r);
            }
            catch (final RuntimeException ex)
            {
                LOG.error("dispatching the results of command {} failed", r.sequence(), ex);
            }
        }
    }

    private void dispatch(final Result r)
    {
        current = r;
        currentPending = r.correlationId() != 0 ? pending.remove(r.correlationId()) : null;
        response = null;
        if (currentPending != null)
        {
            inFlight.decrementAndGet();
            response = OrderResponse.newBuilder().setOrderId(r.orderId()).setAccepted(true)
                .setEngineSequence(r.sequence());
            if (currentPending.clientOrderId() != null)
            {
                response.setClientOrderId(currentPending.clientOrderId());
            }
        }
        eventBuffer.wrap(r.events());
        EventDecoder.decode(eventBuffer, 0, r.events().length, this);
        followKillSwitch(r);
        if (currentPending != null)
        {
            final OrderResponse answer = response.build();
            try
            {
                currentPending.target().respond(answer);
            }
            catch (final RuntimeException ex)
            {
                // the caller went away: nothing to answer
            }
            metrics.latency(System.nanoTime() - currentPending.receivedNs());
        }
        current = null;
        currentPending = null;
        response = null;
    }

    /** A kill switch command has no event of its own (only the cancels): its type says what happened. */
    private void followKillSwitch(final Result r)
    {
        if (r.type() == CommandType.KILL_SWITCH_ON.code() || r.type() == CommandType.KILL_SWITCH_OFF.code())
        {
            risk.killSwitch(r.accountId(), r.type() == CommandType.KILL_SWITCH_ON.code());
        }
    }

    @Override
    public void onAccepted(final long orderId, final long accountId, final int instrumentId, final Side side,
        final OrderType type, final long price, final long quantity)
    {
        risk.accepted(accountId);
        final boolean placed = current.type() == CommandType.PLACE.code() && current.orderId() == orderId;
        final boolean mine = placed && currentPending != null && currentPending.orderId() == orderId;
        final String clientOrderId = mine ? currentPending.clientOrderId() : placed && replaying ? replayClientOrderId : null;
        final OrderRecord record = new OrderRecord(accountId, clientOrderId, instrumentId,
            mine ? currentPending.session() : null);
        orders.put(orderId, record);
        if (replaying && clientOrderId != null)
        {
            // recovered from the journal: the client id names the open order again, and is taken until it is done
            final AccountState account = accounts.byId(accountId);
            if (account != null)
            {
                account.clientOrderIds().put(clientOrderId, new ClientOrder(orderId, instrumentId));
            }
        }
        final Instrument instrument = instruments.byId(instrumentId);
        final ExecutionReport.Builder b = report(ExecutionReport.Kind.ACCEPTED, orderId, record.clientOrderId(),
            instrument, side).setType(toApi(type))
            .setPrice(DecimalUnits.toDecimal(price, instrument.priceScale()))
            .setQuantity(DecimalUnits.toDecimal(quantity, instrument.quantityScale()));
        deliver(accountId, orderId, record, b.build());
    }

    @Override
    public void onRejected(final long orderId, final long accountId, final int instrumentId,
        final RejectReason reason)
    {
        final RejectReason shown = reason == RejectReason.NOT_ORDER_OWNER ? RejectReason.UNKNOWN_ORDER : reason;
        metrics.engineReject(shown);
        final String clientOrderId = currentPending != null ? currentPending.clientOrderId() : null;
        if (currentPending != null && current.type() == CommandType.PLACE.code() && clientOrderId != null)
        {
            final AccountState account = accounts.byId(accountId);
            if (account != null)
            {
                account.clientOrderIds().remove(clientOrderId, new ClientOrder(orderId, currentPending.instrumentId()));
            }
        }
        final Instrument instrument = shown == RejectReason.UNKNOWN_ORDER ? null : instruments.byId(instrumentId);
        final dev.hotpath.gateway.api.Reject reject = reject(shown);
        final ExecutionReport.Builder b = report(ExecutionReport.Kind.REJECTED, orderId, clientOrderId, instrument,
            null).setReject(reject);
        if (response != null && accountId == currentPending.accountId())
        {
            response.setAccepted(false).setReject(reject);
        }
        if (current.type() == CommandType.SET_LIMITS.code())
        {
            return; // an admin's refused command: no order of the account's, nothing to report to it
        }
        deliver(accountId, orderId, null, b.build());
    }

    @Override
    public void onLimitsSet(final long accountId, final long maxOrderQuantity, final long maxOrderNotional,
        final int maxOpenOrders, final long maxPosition)
    {
        risk.limits(accountId, new RiskLimits(maxOrderQuantity, maxOrderNotional, maxOpenOrders, maxPosition));
    }

    @Override
    public void onAmended(final long orderId, final long accountId, final int instrumentId, final Side side,
        final long price, final long quantity)
    {
        final OrderRecord record = orders.get(orderId);
        final Instrument instrument = instruments.byId(instrumentId);
        final ExecutionReport.Builder b = report(ExecutionReport.Kind.AMENDED, orderId,
            record != null ? record.clientOrderId() : null, instrument, side)
            .setPrice(DecimalUnits.toDecimal(price, instrument.priceScale()))
            .setQuantity(DecimalUnits.toDecimal(quantity, instrument.quantityScale()));
        deliver(accountId, orderId, record, b.build());
    }

    @Override
    public void onTrade(final long tradeId, final int instrumentId, final long makerOrderId,
        final long makerAccountId, final long takerOrderId, final long takerAccountId, final Side aggressor,
        final long price, final long quantity)
    {
        risk.trade(instrumentId, makerAccountId, takerAccountId, aggressor, quantity);
        final Instrument instrument = instruments.byId(instrumentId);
        final String priceText = DecimalUnits.toDecimal(price, instrument.priceScale());
        final String quantityText = DecimalUnits.toDecimal(quantity, instrument.quantityScale());
        final OrderRecord maker = orders.get(makerOrderId);
        deliver(makerAccountId, makerOrderId, maker, report(ExecutionReport.Kind.FILL, makerOrderId,
            maker != null ? maker.clientOrderId() : null, instrument, aggressor.opposite())
            .setPrice(priceText).setQuantity(quantityText).setTradeId(tradeId).setMaker(true).build());
        final OrderRecord taker = orders.get(takerOrderId);
        deliver(takerAccountId, takerOrderId, taker, report(ExecutionReport.Kind.FILL, takerOrderId,
            taker != null ? taker.clientOrderId() : null, instrument, aggressor)
            .setPrice(priceText).setQuantity(quantityText).setTradeId(tradeId).setMaker(false).build());
        final List<Outbound<TradeUpdate>> subscribers = tradeSubscribers.get(instrumentId);
        if (!subscribers.isEmpty())
        {
            final TradeUpdate update = TradeUpdate.newBuilder().setSymbol(instrument.symbol()).setTradeId(tradeId)
                .setPrice(priceText).setQuantity(quantityText).setAggressor(toApi(aggressor))
                .setTimestampNs(current.timestampNs()).build();
            for (final Outbound<TradeUpdate> s : subscribers)
            {
                s.offer(update);
            }
        }
    }

    @Override
    public void onOrderDone(final long orderId, final long accountId, final int instrumentId, final Side side,
        final DoneReason reason, final long remainingQuantity)
    {
        risk.done(accountId);
        final OrderRecord record = orders.remove(orderId);
        if (record != null && record.clientOrderId() != null)
        {
            final AccountState account = accounts.byId(accountId);
            if (account != null)
            {
                account.clientOrderIds().remove(record.clientOrderId(), new ClientOrder(orderId, instrumentId));
            }
        }
        final Instrument instrument = instruments.byId(instrumentId);
        deliver(accountId, orderId, record, report(ExecutionReport.Kind.DONE, orderId,
            record != null ? record.clientOrderId() : null, instrument, side).setDoneReason(toApi(reason))
            .setRemainingQuantity(DecimalUnits.toDecimal(remainingQuantity, instrument.quantityScale())).build());
    }

    @Override
    public void onLevelChanged(final int instrumentId, final Side side, final long price, final long totalQuantity,
        final int orderCount)
    {
        books[instrumentId].apply(side, price, totalQuantity, orderCount);
    }

    /** Sends a report to the account's subscribers and to the call or stream the order belongs to. */
    private void deliver(final long accountId, final long orderId, final OrderRecord record,
        final ExecutionReport report)
    {
        if (replaying)
        {
            return; // replaying the journal at start: nobody to tell
        }
        final AccountState account = accounts.byId(accountId);
        if (account != null)
        {
            for (final Outbound<ExecutionReport> s : account.subscribers())
            {
                s.offer(report);
            }
        }
        if (response != null && currentPending.accountId() == accountId && currentPending.orderId() == orderId)
        {
            response.addReports(report);
            return;
        }
        if (record != null && record.session() != null)
        {
            record.session().offer(OrderStreamResponse.newBuilder().setReport(report).build());
        }
        if (response != null && currentPending.accountId() == accountId &&
            current.type() == CommandType.KILL_SWITCH_ON.code())
        {
            response.addReports(report); // the admin's answer lists the orders the kill switch cancelled
        }
    }

    private ExecutionReport.Builder report(final ExecutionReport.Kind kind, final long orderId,
        final String clientOrderId, final Instrument instrument, final Side side)
    {
        final ExecutionReport.Builder b = ExecutionReport.newBuilder().setKind(kind).setOrderId(orderId)
            .setEngineSequence(current.sequence()).setTimestampNs(current.timestampNs());
        if (clientOrderId != null)
        {
            b.setClientOrderId(clientOrderId);
        }
        if (instrument != null)
        {
            b.setSymbol(instrument.symbol());
        }
        if (side != null)
        {
            b.setSide(toApi(side));
        }
        return b;
    }

    /**
     * @param reason an engine reason.
     * @return it as the API's reject.
     */
    public static dev.hotpath.gateway.api.Reject reject(final RejectReason reason)
    {
        return dev.hotpath.gateway.api.Reject.newBuilder().setCode(reason.code()).setReason(reason.name())
            .setMessage(reason.message()).build();
    }

    private static dev.hotpath.gateway.api.Side toApi(final Side side)
    {
        return side == Side.BUY ? dev.hotpath.gateway.api.Side.BUY : dev.hotpath.gateway.api.Side.SELL;
    }

    private static dev.hotpath.gateway.api.OrderType toApi(final OrderType type)
    {
        switch (type)
        {
            case LIMIT:
                return dev.hotpath.gateway.api.OrderType.LIMIT;
            case MARKET:
                return dev.hotpath.gateway.api.OrderType.MARKET;
            case IOC:
                return dev.hotpath.gateway.api.OrderType.IOC;
            case FOK:
                return dev.hotpath.gateway.api.OrderType.FOK;
            default:
                return dev.hotpath.gateway.api.OrderType.POST_ONLY;
        }
    }

    private static dev.hotpath.gateway.api.DoneReason toApi(final DoneReason reason)
    {
        switch (reason)
        {
            case FILLED:
                return dev.hotpath.gateway.api.DoneReason.FILLED;
            case CANCELLED:
                return dev.hotpath.gateway.api.DoneReason.CANCELLED;
            case EXPIRED:
                return dev.hotpath.gateway.api.DoneReason.EXPIRED;
            default:
                return dev.hotpath.gateway.api.DoneReason.SELF_TRADE_PREVENTED;
        }
    }
}
