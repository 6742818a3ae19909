package dev.hotpath.gateway.marketdata;

import dev.hotpath.engine.api.Instrument;
import dev.hotpath.gateway.GatewayMetrics;
import dev.hotpath.gateway.api.BookSnapshot;
import dev.hotpath.gateway.api.BookUpdate;
import dev.hotpath.gateway.api.GetBookRequest;
import dev.hotpath.gateway.api.InstrumentInfo;
import dev.hotpath.gateway.api.ListInstrumentsRequest;
import dev.hotpath.gateway.api.ListInstrumentsResponse;
import dev.hotpath.gateway.api.MarketDataGrpc;
import dev.hotpath.gateway.api.SubscribeBookRequest;
import dev.hotpath.gateway.api.SubscribeTradesRequest;
import dev.hotpath.gateway.api.TradeUpdate;
import dev.hotpath.gateway.mapping.DecimalUnits;
import dev.hotpath.gateway.mapping.Errors;
import dev.hotpath.gateway.mapping.Instruments;
import dev.hotpath.gateway.mapping.InvalidArgumentException;
import dev.hotpath.gateway.out.Outbound;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;

import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The MarketData RPCs, served from the gateway's own {@link BookView projection}.
 *
 * <p>Thread-safe; gRPC's threads.
 */
public final class MarketDataService extends MarketDataGrpc.MarketDataImplBase
{
    private static final int MAX_DEPTH = 1000;

    private final Instruments instruments;
    private final BookView[] books;
    private final List<CopyOnWriteArrayList<Outbound<TradeUpdate>>> tradeSubscribers;
    private final int streamQueue;
    private final Set<Outbound<?>> streams;
    private final AtomicInteger bookStreams;
    private final AtomicInteger tradeStreams;
    private final GatewayMetrics metrics;

    /**
     * @param instruments      the instruments.
     * @param books            the projection by instrument id.
     * @param tradeSubscribers trade streams by instrument id.
     * @param streamQueue      messages queued per stream at most.
     * @param streams          every open stream (closed at shutdown).
     * @param metrics          the meters.
     */
    public MarketDataService(final Instruments instruments, final BookView[] books,
        final List<CopyOnWriteArrayList<Outbound<TradeUpdate>>> tradeSubscribers, final int streamQueue,
        final Set<Outbound<?>> streams, final GatewayMetrics metrics)
    {
        this.instruments = instruments;
        this.books = books;
        this.tradeSubscribers = tradeSubscribers;
        this.streamQueue = streamQueue;
        this.streams = streams;
        this.metrics = metrics;
        this.bookStreams = metrics.streams("SubscribeBook");
        this.tradeStreams = metrics.streams("SubscribeTrades");
    }

    @Override
    public void listInstruments(final ListInstrumentsRequest request,
        final StreamObserver<ListInstrumentsResponse> observer)
    {
        final ListInstrumentsResponse.Builder b = ListInstrumentsResponse.newBuilder();
        for (final Instrument i : instruments.all())
        {
            b.addInstruments(InstrumentInfo.newBuilder().setId(i.id()).setSymbol(i.symbol())
                .setTickSize(DecimalUnits.toDecimal(i.tickSize(), i.priceScale()))
                .setLotSize(DecimalUnits.toDecimal(i.lotSize(), i.quantityScale()))
                .setPriceScale(i.priceScale()).setQuantityScale(i.quantityScale()));
        }
        observer.onNext(b.build());
        observer.onCompleted();
    }

    @Override
    public void getBook(final GetBookRequest request, final StreamObserver<BookSnapshot> observer)
    {
        try
        {
            final Instrument instrument = instruments.bySymbol(request.getSymbol());
            final int depth = depth(request.getDepth(), 10);
            observer.onNext(books[instrument.id()].snapshot(depth));
            observer.onCompleted();
        }
        catch (final InvalidArgumentException ex)
        {
            metrics.gatewayReject("invalid_argument");
            observer.onError(Errors.toStatus(ex));
        }
    }

    @Override
    public void subscribeBook(final SubscribeBookRequest request, final StreamObserver<BookUpdate> observer)
    {
        final Instrument instrument;
        final int depth;
        try
        {
            instrument = instruments.bySymbol(request.getSymbol());
            depth = depth(request.getDepth(), 0);
        }
        catch (final InvalidArgumentException ex)
        {
            metrics.gatewayReject("invalid_argument");
            observer.onError(Errors.toStatus(ex));
            return;
        }
        final BookView book = books[instrument.id()];
        final Outbound<BookUpdate> out = new Outbound<>((ServerCallStreamObserver<BookUpdate>)observer, streamQueue,
            s ->
            {
                book.unsubscribe(s);
                if (streams.remove(s))
                {
                    bookStreams.decrementAndGet();
                }
            });
        streams.add(out);
        bookStreams.incrementAndGet();
        book.subscribe(out, depth);
    }

    @Override
    public void subscribeTrades(final SubscribeTradesRequest request, final StreamObserver<TradeUpdate> observer)
    {
        final Instrument instrument;
        try
        {
            instrument = instruments.bySymbol(request.getSymbol());
        }
        catch (final InvalidArgumentException ex)
        {
            metrics.gatewayReject("invalid_argument");
            observer.onError(Errors.toStatus(ex));
            return;
        }
        final CopyOnWriteArrayList<Outbound<TradeUpdate>> subscribers = tradeSubscribers.get(instrument.id());
        final Outbound<TradeUpdate> out = new Outbound<>((ServerCallStreamObserver<TradeUpdate>)observer,
            streamQueue, s ->
            {
                subscribers.remove(s);
                if (streams.remove(s))
                {
                    tradeStreams.decrementAndGet();
                }
            });
        streams.add(out);
        tradeStreams.incrementAndGet();
        subscribers.add(out);
    }

    private static int depth(final int requested, final int whenZero)
    {
        if (requested < 0 || requested > MAX_DEPTH)
        {
            throw new InvalidArgumentException("depth", "must be within 0.." + MAX_DEPTH);
        }
        return requested == 0 ? whenZero : requested;
    }
}
