package dev.hotpath.loadgen;

import dev.hotpath.engine.api.CommandClock;
import dev.hotpath.engine.api.OrderType;
import dev.hotpath.engine.api.Side;
import dev.hotpath.gateway.api.AmendOrderRequest;
import dev.hotpath.gateway.api.CancelOrderRequest;
import dev.hotpath.gateway.api.ExecutionReport;
import dev.hotpath.gateway.api.InstrumentInfo;
import dev.hotpath.gateway.api.ListInstrumentsRequest;
import dev.hotpath.gateway.api.MarketDataGrpc;
import dev.hotpath.gateway.api.MassCancelRequest;
import dev.hotpath.gateway.api.OrderEntryGrpc;
import dev.hotpath.gateway.api.OrderResponse;
import dev.hotpath.gateway.api.OrderStreamRequest;
import dev.hotpath.gateway.api.OrderStreamResponse;
import dev.hotpath.gateway.api.SubmitOrderRequest;
import dev.hotpath.gateway.api.TimeInForce;
import dev.hotpath.gateway.auth.AuthInterceptor;
import dev.hotpath.gateway.mapping.ApiMapping;
import dev.hotpath.gateway.mapping.DecimalUnits;
import dev.hotpath.workloads.CommandBatch;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.MetadataUtils;
import io.grpc.stub.StreamObserver;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * gRPC mode: sends the flow to a running gateway, on {@code OrderStream}s or as unary calls, over N client
 * connections (channels), and measures each command from its intended send time to its {@link OrderResponse}
 * (the acknowledgement) and, for commands that traded, to the same response, which carries the taker's FILL
 * execution reports.
 *
 * <p>Mapping a workload onto a gateway: workload account {@code a} uses API key {@code keys[(a - 1) % K]} and
 * connection {@code (a - 1) % N}, so every command of an order leaves on the same connection (and, in stream
 * mode, the same stream), in order. Orders are named by client order id ({@code s<step>-<workload order id>}),
 * and cancels and amends name them that way, so the gateway's own order ids never need to be known. Workload
 * instrument {@code i} is the gateway's instrument with id {@code i} (or {@code i mod count}); prices and
 * quantities are sent in its units ({@code units / 10^scale}). With fewer keys than workload accounts, accounts
 * share a gateway account, so self-trade prevention can cancel orders the workload expected to trade.
 *
 * <p>Unary mode makes one call per command; calls on one connection may overtake one another in the gateway,
 * so a cancel can arrive before its order and be rejected (counted in {@code rejected}, not in errors).
 *
 * <p>Not thread-safe: one step at a time, from one thread; responses are recorded on gRPC's threads.
 */
public final class GrpcDriver implements Driver
{
    private static final long ANSWER_TIMEOUT_NS = TimeUnit.SECONDS.toNanos(30);
    private static final long PREFILL_RATE = 20_000;

    private final boolean stream;
    private final int batch;
    private final List<ManagedChannel> channels = new ArrayList<>();
    private final List<String> keys;
    private final Map<Integer, InstrumentInfo> instruments = new HashMap<>();
    private final List<InstrumentInfo> instrumentList;
    private final HiccupMeter hiccups = new HiccupMeter().start();
    private int steps;

    /**
     * @param host        the gateway's host.
     * @param port        its gRPC port.
     * @param stream      true: {@code OrderStream}; false: unary calls.
     * @param connections client connections (channels).
     * @param apiKeys     API keys, one per gateway account to use.
     */
    public GrpcDriver(final String host, final int port, final boolean stream, final int connections,
        final List<String> apiKeys)
    {
        this(host, port, stream, connections, apiKeys, 1);
    }

    /**
     * @param host        the gateway's host.
     * @param port        its gRPC port.
     * @param stream      true: {@code OrderStream}; false: unary calls.
     * @param connections client connections (channels).
     * @param apiKeys     API keys, one per gateway account to use.
     * @param batch       commands per OrderStream message (1: one command a message; above 1, a
     *                    {@code CommandBatch} that goes once it is full, each command's latency measured from its
     *                    own intended send time, so the wait for the batch to fill counts).
     */
    public GrpcDriver(final String host, final int port, final boolean stream, final int connections,
        final List<String> apiKeys, final int batch)
    {
        if (connections < 1 || apiKeys.isEmpty())
        {
            throw new IllegalArgumentException("need at least one connection and one API key");
        }
        if (batch < 1 || batch > 1000 || (batch > 1 && !stream))
        {
            throw new IllegalArgumentException("--batch is 1 to 1000 commands a message, on OrderStream only");
        }
        this.batch = batch;
        this.stream = stream;
        this.keys = List.copyOf(apiKeys);
        for (int i = 0; i < connections; i++)
        {
            // the callbacks only count, match and record (a Recorder, a short lock): they run on the channel's event
            // loop instead of being handed to an executor thread per response
            channels.add(NettyChannelBuilder.forAddress(host, port).usePlaintext().directExecutor().build());
        }
        instrumentList = MarketDataGrpc.newBlockingStub(channels.get(0))
            .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(header(keys.get(0))))
            .withDeadlineAfter(10, TimeUnit.SECONDS)
            .listInstruments(ListInstrumentsRequest.getDefaultInstance()).getInstrumentsList();
        if (instrumentList.isEmpty())
        {
            throw new IllegalStateException("the gateway lists no instrument");
        }
        for (final InstrumentInfo info : instrumentList)
        {
            instruments.put(info.getId(), info);
        }
    }

    private static Metadata header(final String key)
    {
        final Metadata m = new Metadata();
        m.put(AuthInterceptor.API_KEY, key);
        return m;
    }

    @Override
    public String mode()
    {
        return "grpc";
    }

    @Override
    public StepResult runStep(final CommandFlow flow, final long rate, final long warmupNs, final long durationNs,
        final OpenLoop.Progress progress)
    {
        steps++;
        final String prefix = "s" + steps + "-" + Long.toString(System.currentTimeMillis() % 1_000_000_000L, 36) + "-";
        String note = "";

        // the prefill, paced and not measured
        final Run prefill = new Run(flow.prefill(), prefix, flow.prefill().size(), Long.MAX_VALUE);
        OpenLoop.run(new Schedule(System.nanoTime(), PREFILL_RATE), flow.prefill().size(), prefill,
            OpenLoop.NanoClock.SYSTEM, OpenLoop.Pacer.SYSTEM, OpenLoop.Progress.NONE);
        prefill.sendPartialBatches();
        if (!prefill.awaitAnswers(flow.prefill().size(), TimeUnit.SECONDS.toNanos(60)))
        {
            note = "prefill: only " + prefill.answered.get() + " of " + flow.prefill().size() + " answered";
        }
        prefill.finish();

        final long wanted = new Schedule(0, rate).countIn(warmupNs + durationNs);
        final long count = Math.min(wanted, flow.commands().size());
        if (count < wanted)
        {
            note = join(note, "flow ran out: " + count + " of " + wanted + " commands");
        }
        final Schedule schedule = new Schedule(System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(10), rate);
        final Run run = new Run(flow.commands(), prefix, (int)count, schedule.startNs() + warmupNs);
        hiccups.measureFrom(schedule.startNs() + warmupNs);
        final OpenLoop.Result sent = OpenLoop.run(schedule, count, run, OpenLoop.NanoClock.SYSTEM,
            OpenLoop.Pacer.SYSTEM, progress);
        run.sendPartialBatches();
        final MachineHiccups machine = MachineHiccups.of(hiccups);
        final boolean all = run.awaitAnswers(count, ANSWER_TIMEOUT_NS);
        run.finish();
        final long unanswered = all ? 0 : count - run.answered.get();
        if (unanswered > 0)
        {
            note = join(note, unanswered + " commands unanswered after 30 s");
        }
        final Histogram latency = run.ack.getIntervalHistogram();
        final Histogram trades = run.trade.getIntervalHistogram();
        final long windowNs = run.lastMeasuredNs.get() - run.measureFromNs;
        final double achieved = windowNs > 0 ? latency.getTotalCount() * 1e9 / windowNs : 0;
        if (run.firstError != null)
        {
            note = join(note, "first error: " + run.firstError);
        }
        return new StepResult(mode(), flow.name(), rate, achieved, latency.getTotalCount(), latency, trades,
            run.errors.get() + unanswered, run.rejected.get(), sent.maxLagNs(), note, machine, EngineStalls.UNKNOWN);
    }

    private static String join(final String a, final String b)
    {
        return a.isEmpty() ? b : a + "; " + b;
    }

    @Override
    public void close()
    {
        hiccups.close();
        for (final ManagedChannel c : channels)
        {
            c.shutdownNow();
        }
        for (final ManagedChannel c : channels)
        {
            try
            {
                c.awaitTermination(5, TimeUnit.SECONDS);
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** One batch of commands sent to the gateway: the sending side (an open-loop target) and the answers. */
    private final class Run implements OpenLoop.Target
    {
        final CommandBatch batch;
        final String prefix;
        final long[] intendedNs;
        final long measureFromNs;
        final Recorder ack = new Recorder(3);
        final Recorder trade = new Recorder(3);
        final AtomicLong answered = new AtomicLong();
        final AtomicLong errors = new AtomicLong();
        final AtomicLong rejected = new AtomicLong();
        final AtomicLong lastMeasuredNs = new AtomicLong();
        volatile String firstError;
        /** Per lane (connection x key): its stream and its in-flight commands by client order id. */
        final Lane[] lanes;

        Run(final CommandBatch batch, final String prefix, final int count, final long measureFromNs)
        {
            this.batch = batch;
            this.prefix = prefix;
            this.intendedNs = new long[count];
            this.measureFromNs = measureFromNs;
            this.lanes = new Lane[channels.size() * keys.size()];
        }

        @Override
        public boolean send(final long index, final long intended)
        {
            final int i = (int)index;
            intendedNs[i] = intended;
            final long account = batch.accountId(i);
            final int key = (int)Math.floorMod(account - 1, (long)keys.size());
            final int connection = (int)Math.floorMod(account - 1, (long)channels.size());
            final Lane lane = lane(connection, key);
            final byte type = batch.type(i);
            // a mass cancel names no order: its answer carries no client order id, and is matched under ""
            final String cid = type == CommandBatch.MASS_CANCEL ? "" : prefix + batch.orderId(i);
            final OrderStreamRequest.Builder request = OrderStreamRequest.newBuilder();
            final InstrumentInfo instrument;
            if (type == CommandBatch.PLACE)
            {
                instrument = instrument(batch.instrumentId(i));
                final OrderType orderType = OrderType.fromCode(batch.orderType(i));
                final SubmitOrderRequest.Builder b = SubmitOrderRequest.newBuilder().setClientOrderId(cid)
                    .setSymbol(instrument.getSymbol())
                    .setSide(ApiMapping.toApi(Side.fromCode(batch.side(i))))
                    .setType(ApiMapping.toApi(orderType))
                    .setQuantity(DecimalUnits.toDecimal(batch.quantity(i), instrument.getQuantityScale()));
                if (orderType.hasPrice())
                {
                    b.setPrice(DecimalUnits.toDecimal(batch.price(i), instrument.getPriceScale()));
                }
                if (batch.stopPrice(i) != 0)
                {
                    b.setStopPrice(DecimalUnits.toDecimal(batch.stopPrice(i), instrument.getPriceScale()));
                }
                if (batch.timeToLiveNs(i) != 0)
                {
                    b.setTimeInForce(TimeInForce.GOOD_TILL_DATE)
                        .setExpireTimeNs(CommandClock.nowNs() + batch.timeToLiveNs(i));
                }
                if (batch.displayQuantity(i) != 0)
                {
                    b.setDisplayQuantity(DecimalUnits.toDecimal(batch.displayQuantity(i),
                        instrument.getQuantityScale()));
                }
                request.setSubmit(b);
                lane.orderScales.put(cid, instrument);
            }
            else if (type == CommandBatch.CANCEL)
            {
                request.setCancel(CancelOrderRequest.newBuilder().setClientOrderId(cid));
            }
            else if (type == CommandBatch.MASS_CANCEL)
            {
                final MassCancelRequest.Builder m = MassCancelRequest.newBuilder();
                if (batch.instrumentId(i) >= 0)
                {
                    m.setSymbol(instrument(batch.instrumentId(i)).getSymbol());
                }
                if (batch.side(i) != 0)
                {
                    m.setSide(ApiMapping.toApi(Side.fromCode(batch.side(i))));
                }
                request.setMassCancel(m);
            }
            else
            {
                instrument = lane.orderScales.getOrDefault(cid, instrumentList.get(0));
                request.setAmend(AmendOrderRequest.newBuilder().setClientOrderId(cid)
                    .setPrice(DecimalUnits.toDecimal(batch.price(i), instrument.getPriceScale()))
                    .setQuantity(DecimalUnits.toDecimal(batch.quantity(i), instrument.getQuantityScale())));
            }
            return lane.send(i, cid, request.build());
        }

        private InstrumentInfo instrument(final int id)
        {
            final InstrumentInfo info = instruments.get(id);
            return info != null ? info : instrumentList.get(Math.floorMod(id, instrumentList.size()));
        }

        private Lane lane(final int connection, final int key)
        {
            final int l = connection * keys.size() + key;
            if (lanes[l] == null)
            {
                lanes[l] = new Lane(this, channels.get(connection), keys.get(key));
            }
            return lanes[l];
        }

        void onAnswer(final int index, final OrderResponse response, final long nowNs)
        {
            if (response.hasError())
            {
                error(response.getError().getStatus() + ": " + response.getError().getMessage());
            }
            else
            {
                if (!response.getAccepted())
                {
                    rejected.incrementAndGet();
                }
                final long intended = intendedNs[index];
                if (intended - measureFromNs >= 0)
                {
                    final long latencyNs = Math.max(1, nowNs - intended);
                    ack.recordValue(latencyNs);
                    for (final ExecutionReport r : response.getReportsList())
                    {
                        if (r.getKind() == ExecutionReport.Kind.FILL)
                        {
                            trade.recordValue(latencyNs);
                            break;
                        }
                    }
                    lastMeasuredNs.accumulateAndGet(nowNs, Math::max);
                }
            }
            answered.incrementAndGet();
        }

        void error(final String what)
        {
            if (firstError == null)
            {
                firstError = what;
            }
            errors.incrementAndGet();
        }

        boolean awaitAnswers(final long count, final long timeoutNs)
        {
            final long deadlineNs = System.nanoTime() + timeoutNs;
            while (answered.get() < count)
            {
                if (deadlineNs - System.nanoTime() < 0)
                {
                    return false;
                }
                LockSupport.parkNanos(200_000);
            }
            return true;
        }

        void finish()
        {
            for (final Lane lane : lanes)
            {
                if (lane != null)
                {
                    lane.finish();
                }
            }
        }

        /** The last commands of a step, in a batch not yet full. */
        void sendPartialBatches()
        {
            for (final Lane lane : lanes)
            {
                if (lane != null)
                {
                    lane.sendBatch();
                }
            }
        }
    }

    /**
     * One connection and API key: in stream mode one {@code OrderStream}, whose answers are matched to commands
     * by client order id (the commands of one order are answered in order); in unary mode a stub.
     */
    private final class Lane implements StreamObserver<OrderStreamResponse>
    {
        private final Run run;
        private final OrderEntryGrpc.OrderEntryStub stub;
        private final StreamObserver<OrderStreamRequest> requests;
        private final Map<String, ArrayDeque<Integer>> inFlight = new HashMap<>();
        /** The commands waiting for their batch to fill (the sending thread's). */
        private dev.hotpath.gateway.api.CommandBatch.Builder pending = dev.hotpath.gateway.api.CommandBatch.newBuilder();
        final Map<String, InstrumentInfo> orderScales = new HashMap<>();
        private volatile boolean ended;

        Lane(final Run run, final ManagedChannel channel, final String key)
        {
            this.run = run;
            this.stub = OrderEntryGrpc.newStub(channel).withInterceptors(
                MetadataUtils.newAttachHeadersInterceptor(header(key)));
            this.requests = stream ? stub.orderStream(this) : null;
        }

        boolean send(final int index, final String cid, final OrderStreamRequest request)
        {
            if (!stream)
            {
                unary(index, request);
                return true;
            }
            if (ended)
            {
                run.error("stream ended");
                run.answered.incrementAndGet();
                return false;
            }
            synchronized (inFlight)
            {
                inFlight.computeIfAbsent(cid, c -> new ArrayDeque<>(2)).addLast(index);
            }
            if (batch == 1)
            {
                requests.onNext(request);
                return true;
            }
            pending.addCommands(request);
            if (pending.getCommandsCount() >= batch)
            {
                sendBatch();
            }
            return true;
        }

        /** Sends the commands waiting for their batch, if any. */
        void sendBatch()
        {
            if (requests != null && !ended && pending.getCommandsCount() > 0)
            {
                requests.onNext(OrderStreamRequest.newBuilder().setBatch(pending).build());
                pending = dev.hotpath.gateway.api.CommandBatch.newBuilder();
            }
        }

        private void unary(final int index, final OrderStreamRequest request)
        {
            final StreamObserver<OrderResponse> answer = new StreamObserver<>()
            {
                @Override
                public void onNext(final OrderResponse value)
                {
                    run.onAnswer(index, value, System.nanoTime());
                }

                @Override
                public void onError(final Throwable t)
                {
                    run.error(t.toString());
                    run.answered.incrementAndGet();
                }

                @Override
                public void onCompleted()
                {
                }
            };
            switch (request.getCommandCase())
            {
                case SUBMIT -> stub.submitOrder(request.getSubmit(), answer);
                case CANCEL -> stub.cancelOrder(request.getCancel(), answer);
                case AMEND -> stub.amendOrder(request.getAmend(), answer);
                default -> throw new IllegalStateException("no command");
            }
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
                return; // execution reports of resting orders (maker fills, done): not a command's answer
            }
            final long nowNs = System.nanoTime();
            final OrderResponse response = value.getResponse();
            final Integer index;
            synchronized (inFlight)
            {
                final ArrayDeque<Integer> q = inFlight.get(response.getClientOrderId());
                index = q == null ? null : q.pollFirst();
                if (q != null && q.isEmpty())
                {
                    inFlight.remove(response.getClientOrderId());
                }
            }
            if (index == null)
            {
                run.error("an answer for no command in flight: " + response.getClientOrderId());
                return;
            }
            run.onAnswer(index, response, nowNs);
        }

        @Override
        public void onError(final Throwable t)
        {
            ended = true;
            int lost = 0;
            synchronized (inFlight)
            {
                for (final ArrayDeque<Integer> q : inFlight.values())
                {
                    lost += q.size();
                }
                inFlight.clear();
            }
            run.error("stream failed: " + t);
            run.errors.addAndGet(Math.max(0, lost - 1));
            run.answered.addAndGet(lost);
        }

        @Override
        public void onCompleted()
        {
            ended = true;
        }

        void finish()
        {
            if (requests != null && !ended)
            {
                requests.onCompleted();
            }
        }
    }
}
