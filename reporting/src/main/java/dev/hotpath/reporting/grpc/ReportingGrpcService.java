package dev.hotpath.reporting.grpc;

import dev.hotpath.reporting.config.Account;
import dev.hotpath.reporting.grpc.v1.Bar;
import dev.hotpath.reporting.grpc.v1.GetBarsRequest;
import dev.hotpath.reporting.grpc.v1.GetBarsResponse;
import dev.hotpath.reporting.grpc.v1.GetOrderStatsRequest;
import dev.hotpath.reporting.grpc.v1.GetPositionsRequest;
import dev.hotpath.reporting.grpc.v1.GetPositionsResponse;
import dev.hotpath.reporting.grpc.v1.GetTradesRequest;
import dev.hotpath.reporting.grpc.v1.GetTradesResponse;
import dev.hotpath.reporting.grpc.v1.OrderStats;
import dev.hotpath.reporting.grpc.v1.Position;
import dev.hotpath.reporting.grpc.v1.ReportingServiceGrpc;
import dev.hotpath.reporting.grpc.v1.StreamBarsRequest;
import dev.hotpath.reporting.grpc.v1.StreamPositionsRequest;
import dev.hotpath.reporting.projection.BarInterval;
import dev.hotpath.reporting.projection.BarRow;
import dev.hotpath.reporting.projection.PositionRow;
import dev.hotpath.reporting.projection.TradeRow;
import dev.hotpath.reporting.read.ReportingReads;
import dev.hotpath.reporting.store.ReportingQueries;
import io.grpc.Context;
import io.grpc.Status;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;

import java.sql.SQLException;
import java.util.Map;

/**
 * The {@code hotpath.reporting.v1.ReportingService} RPCs, each named after its RPC. The caller is the account
 * the shared {@link dev.hotpath.engine.auth.ApiKeyInterceptor} put in the context ({@link #CALLER}); account-scoped answers are looked up by it (in the SQL, or
 * in memory per account through {@link ReportingReads}), never
 * after the fact.
 *
 * <p>Stateless; any gRPC thread.
 */
public final class ReportingGrpcService extends ReportingServiceGrpc.ReportingServiceImplBase
{
    /** The authenticated caller of the current call, put in the context by the server's API-key interceptor. */
    static final Context.Key<Account> CALLER = Context.key("hotpath-account");

    private static final int DEFAULT_LIMIT = 1000;
    private static final int MAX_LIMIT = 100_000;

    private final ReportingReads reads;
    private final StreamHub streams;

    /**
     * @param reads   reads the projections (trades, positions and bars from memory where it can).
     * @param streams pushes updates to streaming calls.
     */
    public ReportingGrpcService(final ReportingReads reads, final StreamHub streams)
    {
        this.reads = reads;
        this.streams = streams;
    }

    /**
     * SQL only (no ingest in this process).
     *
     * @param queries reads the projections.
     * @param streams pushes updates to streaming calls.
     */
    public ReportingGrpcService(final ReportingQueries queries, final StreamHub streams)
    {
        this(new ReportingReads(queries, null), streams);
    }

    @Override
    public void getTrades(final GetTradesRequest request, final StreamObserver<GetTradesResponse> response)
    {
        final Account account = CALLER.get();
        try
        {
            final GetTradesResponse.Builder out = GetTradesResponse.newBuilder();
            for (final TradeRow t : reads.accountTrades(account.id(),
                request.hasInstrumentId() ? request.getInstrumentId() : -1, request.getFromNs(), request.getToNs(),
                limit(request.getLimit())))
            {
                out.addTrades(ProtoMapper.trade(t, account.id()));
            }
            response.onNext(out.build());
            response.onCompleted();
        }
        catch (final SQLException ex)
        {
            response.onError(internal(ex));
        }
    }

    @Override
    public void getPositions(final GetPositionsRequest request, final StreamObserver<GetPositionsResponse> response)
    {
        final Account account = CALLER.get();
        try
        {
            final Map<Integer, Long> prices = reads.lastPrices();
            final GetPositionsResponse.Builder out = GetPositionsResponse.newBuilder();
            for (final PositionRow p : reads.positions(account.id()))
            {
                out.addPositions(ProtoMapper.position(p, prices.getOrDefault(p.instrumentId(), 0L)));
            }
            response.onNext(out.build());
            response.onCompleted();
        }
        catch (final SQLException ex)
        {
            response.onError(internal(ex));
        }
    }

    @Override
    public void getBars(final GetBarsRequest request, final StreamObserver<GetBarsResponse> response)
    {
        final BarInterval interval = ProtoMapper.interval(request.getInterval());
        if (interval == null)
        {
            response.onError(Status.INVALID_ARGUMENT.withDescription("interval is required").asRuntimeException());
            return;
        }
        try
        {
            final GetBarsResponse.Builder out = GetBarsResponse.newBuilder();
            for (final BarRow b : reads.bars(request.getInstrumentId(), interval, request.getFromNs(),
                request.getToNs(), limit(request.getLimit())))
            {
                out.addBars(ProtoMapper.bar(b));
            }
            response.onNext(out.build());
            response.onCompleted();
        }
        catch (final SQLException ex)
        {
            response.onError(internal(ex));
        }
    }

    @Override
    public void getOrderStats(final GetOrderStatsRequest request, final StreamObserver<OrderStats> response)
    {
        try
        {
            response.onNext(ProtoMapper.orderStats(reads.sql().orderStats(CALLER.get().id())));
            response.onCompleted();
        }
        catch (final SQLException ex)
        {
            response.onError(internal(ex));
        }
    }

    @Override
    public void streamPositions(final StreamPositionsRequest request, final StreamObserver<Position> response)
    {
        streams.subscribePositions(CALLER.get().id(),
            (ServerCallStreamObserver<Position>)response);
    }

    @Override
    public void streamBars(final StreamBarsRequest request, final StreamObserver<Bar> response)
    {
        final BarInterval interval = ProtoMapper.interval(request.getInterval());
        if (interval == null)
        {
            response.onError(Status.INVALID_ARGUMENT.withDescription("interval is required").asRuntimeException());
            return;
        }
        streams.subscribeBars(request.getInstrumentId(), interval, (ServerCallStreamObserver<Bar>)response);
    }

    private static int limit(final int requested)
    {
        return requested <= 0 ? DEFAULT_LIMIT : Math.min(requested, MAX_LIMIT);
    }

    private static RuntimeException internal(final SQLException ex)
    {
        return Status.INTERNAL.withDescription("reporting database: " + ex.getMessage()).withCause(ex)
            .asRuntimeException();
    }
}
