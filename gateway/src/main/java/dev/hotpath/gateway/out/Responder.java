package dev.hotpath.gateway.out;

import com.lmax.disruptor.EventHandler;
import dev.hotpath.engine.api.CommandType;
import dev.hotpath.engine.api.DoneReason;
import dev.hotpath.engine.api.EventSink;
import dev.hotpath.engine.api.Instrument;
import dev.hotpath.engine.api.OrderType;
import dev.hotpath.engine.api.RejectReason;
import dev.hotpath.engine.api.Side;
import dev.hotpath.engine.codec.EventDecoder;
import dev.hotpath.gateway.link.EngineLink;
import dev.hotpath.engine.risk.RiskLimits;
import dev.hotpath.gateway.GatewayMetrics;
import dev.hotpath.gateway.api.ExecutionReport;
import dev.hotpath.gateway.api.OrderResponse;
import dev.hotpath.gateway.api.TradeUpdate;
import dev.hotpath.gateway.auth.AccountState;
import dev.hotpath.gateway.auth.Accounts;
import dev.hotpath.gateway.in.ClientOrder;
import dev.hotpath.gateway.in.OrderGateway;
import dev.hotpath.gateway.in.OrderSession;
import dev.hotpath.gateway.in.PendingCommand;
import dev.hotpath.gateway.mapping.ApiMapping;
import dev.hotpath.gateway.mapping.DecimalUnits;
import dev.hotpath.gateway.mapping.GatewayRefusal;
import dev.hotpath.gateway.mapping.Instruments;
import dev.hotpath.gateway.marketdata.BookView;
import dev.hotpath.gateway.state.EventJournalReplay;
import dev.hotpath.gateway.state.GatewayState;
import dev.hotpath.gateway.state.OrderRecord;
import dev.hotpath.gateway.state.RiskProjection;
import io.grpc.Status;
import org.agrona.DirectBuffer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The responder: takes each command's results from the {@link ResultHandOff}, decodes them into execution
 * reports, answers the waiting call, keeps the open orders and the accounts' risk state, updates the market-data
 * projection and feeds the streams. At the end of each batch of results it sends what it collected for the
 * streams that batch their messages.
 *
 * <p>The waiting call travels with its command through the engine's ring and the result ring (the engine slot's
 * attachment), so there is no map of waiting commands shared between threads: the transport thread creates it,
 * the responder answers it.
 *
 * <p>Runs on the responder thread: the event loop's drain task, or {@code hotpath-responder} behind an in-process
 * transport (see {@link ResultHandOff}). That thread owns the decoding state and is the one writer of the
 * {@link GatewayState}. {@link #replay} runs on the starting thread before it starts (or, for a
 * {@link #replayOnly} responder, on the gateway snapshotter's thread). Public for the gateway's assembly
 * ({@code GatewayServer}, which builds and wires it) and for {@link EventJournalReplay}, which replays through it;
 * nothing else calls it.
 */
public final class Responder implements EventHandler<ResultSlot>, EventSink
{
    private static final Logger LOG = LoggerFactory.getLogger(Responder.class);

    private final ConcurrentHashMap<Long, OrderRecord> orders;
    private final AtomicLong inFlight;
    private final Accounts accounts;
    private final Instruments instruments;
    private final BookView[] books;
    private final List<CopyOnWriteArrayList<Outbound<TradeUpdate>>> tradeSubscribers;
    private final GatewayMetrics metrics;
    private final RiskProjection risk;
    private final List<OrderSession> flushes = new ArrayList<>();
    private EngineLink link;
    private volatile String stoppedReason;

    // responder thread: the command being decoded
    private boolean replaying;
    private String replayClientOrderId;
    private long currentSequence;
    private long currentTimestampNs;
    private byte currentType;
    private long currentOrderId;
    private PendingCommand currentPending;
    private OrderResponse.Builder response;

    /**
     * Built once by the gateway's assembly, on the starting thread.
     *
     * @param state            the open orders, books and risk state to keep (orders are read by the transport
     *                         threads).
     * @param inFlight         commands in flight, decremented here.
     * @param instruments      the instruments.
     * @param tradeSubscribers trade streams, by instrument id.
     * @param metrics          the meters.
     */
    public Responder(final GatewayState state, final AtomicLong inFlight, final Instruments instruments,
        final List<CopyOnWriteArrayList<Outbound<TradeUpdate>>> tradeSubscribers, final GatewayMetrics metrics)
    {
        this.risk = state.risk();
        this.orders = state.orders();
        this.inFlight = inFlight;
        this.accounts = state.accounts();
        this.instruments = instruments;
        this.books = state.books();
        this.tradeSubscribers = tradeSubscribers;
        this.metrics = metrics;
    }

    /**
     * @param state       the state to rebuild.
     * @param instruments the instruments.
     * @param metrics     the meters.
     * @return a responder that only {@link #replay}s into the state (the gateway snapshotter's, built by the
     *         gateway's assembly): it has no callers to answer and no streams to feed.
     */
    public static Responder replayOnly(final GatewayState state, final Instruments instruments, final GatewayMetrics metrics)
    {
        return new Responder(state, new AtomicLong(), instruments, List.of(), metrics);
    }

    /**
     * @param link the link whose abandoned commands to answer if the engine stops on a failure. Set once by the
     *             gateway's assembly, before the engine starts.
     */
    public void link(final EngineLink link)
    {
        this.link = link;
    }

    @Override
    public void onEvent(final ResultSlot slot, final long sequence, final boolean endOfBatch)
    {
        try
        {
            if (slot.kind == ResultSlot.Kind.ENGINE_STOPPED)
            {
                engineStopped(slot.cause);
            }
            else
            {
                dispatch(slot);
            }
        }
        catch (final RuntimeException ex)
        {
            LOG.error("dispatching the results of command {} failed", slot.sequence, ex);
        }
        finally
        {
            slot.pending(null);
            slot.cause = null;
        }
        if (endOfBatch)
        {
            flush();
        }
    }

    private void flush()
    {
        for (int i = 0; i < flushes.size(); i++)
        {
            try
            {
                flushes.get(i).flush();
            }
            catch (final RuntimeException ex)
            {
                // the stream went away: nothing to send
            }
        }
        flushes.clear();
    }

    /**
     * The engine stopped: the commands it took but never finished are answered UNAVAILABLE (they were not
     * acknowledged) rather than left hanging. Responder thread; the transport threads call
     * {@link #answerAbandoned} too for a command that slipped in as the engine stopped.
     */
    private void engineStopped(final Throwable cause)
    {
        stoppedReason = "the engine stopped before acknowledging this command (" + cause.getMessage() + "); after " +
            "a restart, look the order up: a command takes effect only if it reached the journal";
        flush();
        answerAbandoned();
    }

    /**
     * After the engine stopped: answers every command it took but never finished, each once. Any thread: the
     * responder's, and a transport thread's through the {@code Runnable} the {@link OrderGateway} is given, for a
     * command that slipped in as the engine stopped.
     */
    public void answerAbandoned()
    {
        final String reason = stoppedReason != null ? stoppedReason : "the engine stopped before acknowledging " +
            "this command; after a restart, look the order up";
        final GatewayRefusal refusal = new GatewayRefusal(Status.UNAVAILABLE.withDescription(reason), 0);
        link.drainAbandoned(attachment -> refuse((PendingCommand)attachment, refusal));
    }

    /**
     * Answers a command that will get no results (it was never acknowledged) and counts it out of those in flight.
     * Any thread: the responder's, a transport thread's, or the cluster link's for a command it cannot deliver.
     *
     * @param pending the waiting call.
     * @param refusal what it is told.
     */
    public void refuse(final PendingCommand pending, final GatewayRefusal refusal)
    {
        inFlight.decrementAndGet();
        try
        {
            pending.target().fail(refusal, pending.orderId(), pending.clientOrderId());
        }
        catch (final RuntimeException ex)
        {
            // the caller went away: nothing to answer
        }
    }

    /**
     * Applies results read back from the event journal at start (before the gRPC server is up): rebuilds the
     * book projection, the open orders and the accounts' risk state. Called by {@link EventJournalReplay} only: on
     * the starting thread, before the responder starts, or on the gateway snapshotter's thread for its copy.
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
        begin(sequence, timestampNs, type, orderId, null);
        EventDecoder.decode(buffer, offset, length, this);
        followKillSwitch(type, accountId);
        replayClientOrderId = null;
        replaying = false;
    }

    private void begin(final long sequence, final long timestampNs, final byte type, final long orderId,
        final PendingCommand pending)
    {
        currentSequence = sequence;
        currentTimestampNs = timestampNs;
        currentType = type;
        currentOrderId = orderId;
        currentPending = pending;
        response = null;
    }

    private void dispatch(final ResultSlot r)
    {
        begin(r.sequence, r.timestampNs, r.type, r.orderId, r.pending());
        if (currentPending != null)
        {
            inFlight.decrementAndGet();
            response = OrderResponse.newBuilder().setOrderId(r.orderId).setAccepted(true)
                .setEngineSequence(r.sequence);
            if (currentPending.clientOrderId() != null)
            {
                response.setClientOrderId(currentPending.clientOrderId());
            }
        }
        EventDecoder.decode(r.events, 0, r.eventsLength, this);
        followKillSwitch(r.type, r.accountId);
        if (currentPending != null)
        {
            final OrderResponse answer = response.build();
            try
            {
                if (currentPending.session() != null)
                {
                    currentPending.session().answer(answer, flushes);
                }
                else
                {
                    currentPending.target().respond(answer);
                }
            }
            catch (final RuntimeException ex)
            {
                // the caller went away: nothing to answer
            }
            metrics.latency(System.nanoTime() - currentPending.receivedNs());
        }
        currentPending = null;
        response = null;
    }

    /** A kill switch command has no event of its own (only the cancels): its type says what happened. */
    private void followKillSwitch(final byte type, final long accountId)
    {
        if (type == CommandType.KILL_SWITCH_ON.code() || type == CommandType.KILL_SWITCH_OFF.code())
        {
            risk.killSwitch(accountId, type == CommandType.KILL_SWITCH_ON.code());
        }
    }

    @Override
    public void onAccepted(final long orderId, final long accountId, final int instrumentId, final Side side,
        final OrderType type, final long price, final long quantity)
    {
        risk.accepted(accountId);
        final boolean placed = currentType == CommandType.PLACE.code() && currentOrderId == orderId;
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
        if (replaying)
        {
            return; // start-up: the state only, no report for anybody
        }
        final Instrument instrument = instruments.byId(instrumentId);
        final ExecutionReport.Builder b = report(ExecutionReport.Kind.ACCEPTED, orderId, record.clientOrderId(),
            instrument, side).setType(ApiMapping.toApi(type))
            .setPrice(DecimalUnits.toDecimal(price, instrument.priceScale()))
            .setQuantity(DecimalUnits.toDecimal(quantity, instrument.quantityScale()));
        deliver(accountId, orderId, record, b.build());
    }

    @Override
    public void onRejected(final long orderId, final long accountId, final int instrumentId,
        final RejectReason reason)
    {
        if (replaying)
        {
            return; // a reject changes no state
        }
        final RejectReason shown = reason == RejectReason.NOT_ORDER_OWNER ? RejectReason.UNKNOWN_ORDER : reason;
        metrics.engineReject(shown);
        final String clientOrderId = currentPending != null ? currentPending.clientOrderId() : null;
        if (currentPending != null && currentType == CommandType.PLACE.code() && clientOrderId != null)
        {
            final AccountState account = accounts.byId(accountId);
            if (account != null)
            {
                account.clientOrderIds().remove(clientOrderId, new ClientOrder(orderId, currentPending.instrumentId()));
            }
        }
        final Instrument instrument = shown == RejectReason.UNKNOWN_ORDER ? null : instruments.byId(instrumentId);
        final dev.hotpath.gateway.api.Reject reject = ApiMapping.reject(shown);
        final ExecutionReport.Builder b = report(ExecutionReport.Kind.REJECTED, orderId, clientOrderId, instrument,
            null).setReject(reject);
        if (response != null && accountId == currentPending.accountId())
        {
            response.setAccepted(false).setReject(reject);
        }
        if (currentType == CommandType.SET_LIMITS.code())
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
        if (replaying)
        {
            return; // an amend changes no state kept here
        }
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
        if (replaying)
        {
            return;
        }
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
                .setPrice(priceText).setQuantity(quantityText).setAggressor(ApiMapping.toApi(aggressor))
                .setTimestampNs(currentTimestampNs).build();
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
        if (replaying)
        {
            return;
        }
        final Instrument instrument = instruments.byId(instrumentId);
        deliver(accountId, orderId, record, report(ExecutionReport.Kind.DONE, orderId,
            record != null ? record.clientOrderId() : null, instrument, side).setDoneReason(ApiMapping.toApi(reason))
            .setRemainingQuantity(DecimalUnits.toDecimal(remainingQuantity, instrument.quantityScale())).build());
    }

    @Override
    public void onTriggered(final long orderId, final long accountId, final int instrumentId, final Side side)
    {
        if (replaying)
        {
            return; // the order stays open under its id: nothing changes here
        }
        final OrderRecord record = orders.get(orderId);
        deliver(accountId, orderId, record, report(ExecutionReport.Kind.TRIGGERED, orderId,
            record != null ? record.clientOrderId() : null, instruments.byId(instrumentId), side).build());
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
            record.session().report(report, flushes);
        }
        if (response != null && currentPending.accountId() == accountId &&
            (currentType == CommandType.KILL_SWITCH_ON.code() || currentType == CommandType.MASS_CANCEL.code()))
        {
            response.addReports(report); // the answer lists the orders the kill switch or mass cancel cancelled
        }
    }

    private ExecutionReport.Builder report(final ExecutionReport.Kind kind, final long orderId,
        final String clientOrderId, final Instrument instrument, final Side side)
    {
        final ExecutionReport.Builder b = ExecutionReport.newBuilder().setKind(kind).setOrderId(orderId)
            .setEngineSequence(currentSequence).setTimestampNs(currentTimestampNs);
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
            b.setSide(ApiMapping.toApi(side));
        }
        return b;
    }
}
