package dev.hotpath.reporting.grpc;

import dev.hotpath.engine.auth.ApiKeyInterceptor;
import dev.hotpath.reporting.config.Account;
import dev.hotpath.reporting.config.AccountDirectory;
import dev.hotpath.reporting.grpc.v1.Bar;
import dev.hotpath.reporting.grpc.v1.BarInterval;
import dev.hotpath.reporting.grpc.v1.GetBarsRequest;
import dev.hotpath.reporting.grpc.v1.GetOrderStatsRequest;
import dev.hotpath.reporting.grpc.v1.GetPositionsRequest;
import dev.hotpath.reporting.grpc.v1.GetTradesRequest;
import dev.hotpath.reporting.grpc.v1.OrderStats;
import dev.hotpath.reporting.grpc.v1.Position;
import dev.hotpath.reporting.grpc.v1.ReportingServiceGrpc;
import dev.hotpath.reporting.grpc.v1.StreamBarsRequest;
import dev.hotpath.reporting.grpc.v1.StreamPositionsRequest;
import dev.hotpath.reporting.grpc.v1.Trade;
import dev.hotpath.reporting.ingest.ReportingIngest;
import dev.hotpath.reporting.store.Database;
import dev.hotpath.reporting.store.ReportingQueries;
import dev.hotpath.reporting.testing.Scenario;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import io.grpc.stub.MetadataUtils;
import io.grpc.stub.StreamObserver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static dev.hotpath.reporting.testing.Scenario.T0;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The gRPC service over an in-process transport, on the hand-checked {@link Scenario}. */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class ReportingGrpcServiceTest
{
    private static final String ALICE_KEY = "test-key-0001-NOT-SECRET";
    private static final String BOB_KEY = "test-key-0002-NOT-SECRET";
    private static final String CAROL_KEY = "test-key-0003-NOT-SECRET";
    private static final String UNKNOWN_KEY = "test-key-0009-NOT-SECRET";
    private static final AccountDirectory ACCOUNTS = new AccountDirectory(List.of(
        new Account(1, "alice", ALICE_KEY), new Account(2, "bob", BOB_KEY), new Account(3, "carol", CAROL_KEY)));

    @TempDir
    static Path engineDir;

    @TempDir
    Path dir;

    private ReportingGrpcServer server;
    private ManagedChannel channel;
    private ReportingIngest ingest;

    @BeforeAll
    static void runEngine() throws InterruptedException
    {
        Scenario.runEngine(engineDir);
    }

    @AfterEach
    void tearDown()
    {
        if (channel != null)
        {
            channel.shutdownNow();
        }
        if (server != null)
        {
            server.close();
        }
        if (ingest != null)
        {
            ingest.close();
        }
    }

    private void startServer(final boolean ingestFirst) throws Exception
    {
        final Database db = Database.file(dir.resolve("db/reporting"));
        db.createSchema();
        final ReportingQueries queries = new ReportingQueries(db);
        final StreamHub streams = new StreamHub(queries, 20);
        if (ingestFirst)
        {
            Scenario.ingest(engineDir, db, 4096);
        }
        final String name = InProcessServerBuilder.generateName();
        server = new ReportingGrpcServer(InProcessServerBuilder.forName(name).directExecutor(), queries, streams,
            ACCOUNTS).start();
        channel = InProcessChannelBuilder.forName(name).directExecutor().build();
        if (!ingestFirst)
        {
            ingest = new ReportingIngest(engineDir.resolve("events"), db, streams, 1, 2);
        }
    }

    private ReportingServiceGrpc.ReportingServiceBlockingStub blocking(final String key)
    {
        final Metadata headers = new Metadata();
        headers.put(ApiKeyInterceptor.API_KEY, key);
        return ReportingServiceGrpc.newBlockingStub(channel)
            .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers));
    }

    private ReportingServiceGrpc.ReportingServiceStub async(final String key)
    {
        final Metadata headers = new Metadata();
        headers.put(ApiKeyInterceptor.API_KEY, key);
        return ReportingServiceGrpc.newStub(channel).withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers));
    }

    @Test
    void shouldRefuseCallsWithoutAKnownKey() throws Exception
    {
        startServer(true);
        final StatusRuntimeException noKey = assertThrows(StatusRuntimeException.class,
            () -> ReportingServiceGrpc.newBlockingStub(channel).getPositions(GetPositionsRequest.getDefaultInstance()));
        assertEquals(Status.Code.UNAUTHENTICATED, noKey.getStatus().getCode());
        final StatusRuntimeException wrongKey = assertThrows(StatusRuntimeException.class,
            () -> blocking(UNKNOWN_KEY).getTrades(GetTradesRequest.getDefaultInstance()));
        assertEquals(Status.Code.UNAUTHENTICATED, wrongKey.getStatus().getCode());
    }

    @Test
    void shouldShowAnAccountOnlyItsOwnTrades() throws Exception
    {
        startServer(true);
        final List<Trade> alice = blocking(ALICE_KEY).getTrades(GetTradesRequest.getDefaultInstance()).getTradesList();
        assertEquals(List.of(4L, 2L, 1L), alice.stream().map(Trade::getTradeId).toList());
        assertEquals(Trade.newBuilder().setTradeId(1).setSequence(3).setTimestampNs(T0 + 500_000_000L)
            .setInstrumentId(0).setOrderId(1).setSide("SELL").setMaker(true).setPrice(100).setQuantity(10).build(),
            alice.get(2));
        final List<Trade> carol = blocking(CAROL_KEY).getTrades(GetTradesRequest.newBuilder().setInstrumentId(0)
            .build()).getTradesList();
        assertEquals(1, carol.size());
        assertEquals("SELL", carol.get(0).getSide());
        final List<Trade> bobEarly = blocking(BOB_KEY).getTrades(GetTradesRequest.newBuilder()
            .setToNs(T0 + 1_000_000_000L).build()).getTradesList();
        assertEquals(List.of(2L, 1L), bobEarly.stream().map(Trade::getTradeId).toList());
        assertEquals("BUY", bobEarly.get(0).getSide());
    }

    @Test
    void shouldServePositionsStatsAndBars() throws Exception
    {
        startServer(true);
        final List<Position> bob = blocking(BOB_KEY).getPositions(GetPositionsRequest.getDefaultInstance())
            .getPositionsList();
        assertEquals(1, bob.size());
        assertEquals(Position.newBuilder().setAccountId(2).setInstrumentId(0).setQuantity(14)
            .setAveragePrice("100.2142857143").setOpenCost("1403").setRealizedPnl("0").setUnrealizedPnl("25")
            .setLastPrice(102).setBoughtQuantity(14).setSoldQuantity(0).build(), bob.get(0));

        final OrderStats stats = blocking(BOB_KEY).getOrderStats(GetOrderStatsRequest.getDefaultInstance());
        assertEquals(3, stats.getPlaced());
        assertEquals(Map.of("INVALID_PRICE", 1L, "UNKNOWN_ORDER", 1L), stats.getRejectedByReasonMap());

        final List<Bar> bars = blocking(CAROL_KEY).getBars(GetBarsRequest.newBuilder().setInstrumentId(0)
            .setInterval(BarInterval.BAR_INTERVAL_1S).build()).getBarsList();
        assertEquals(2, bars.size());
        assertEquals("100.166667", bars.get(0).getVwap());
        final StatusRuntimeException noInterval = assertThrows(StatusRuntimeException.class,
            () -> blocking(CAROL_KEY).getBars(GetBarsRequest.getDefaultInstance()));
        assertEquals(Status.Code.INVALID_ARGUMENT, noInterval.getStatus().getCode());
    }

    @Test
    void shouldStreamPositionAndBarUpdatesAsTheyAreCommitted() throws Exception
    {
        startServer(false);
        final Collector<Position> positions = new Collector<>();
        final Collector<Bar> bars = new Collector<>();
        async(BOB_KEY).streamPositions(StreamPositionsRequest.getDefaultInstance(), positions);
        async(BOB_KEY).streamBars(StreamBarsRequest.newBuilder().setInstrumentId(0)
            .setInterval(BarInterval.BAR_INTERVAL_1M).build(), bars);
        ingest.start();

        await().atMost(Duration.ofSeconds(30)).until(() -> !positions.items.isEmpty() &&
            positions.items.get(positions.items.size() - 1).getQuantity() == 14 &&
            positions.items.get(positions.items.size() - 1).getUnrealizedPnl().equals("25"));
        assertEquals(2, positions.items.stream().map(Position::getAccountId).distinct().mapToLong(a -> a).sum(),
            "only bob's positions");
        await().atMost(Duration.ofSeconds(30)).until(() -> !bars.items.isEmpty() &&
            bars.items.get(bars.items.size() - 1).getVolume() == 14);
        assertEquals(102, bars.items.get(bars.items.size() - 1).getClose());
    }

    private static final class Collector<T> implements StreamObserver<T>
    {
        final List<T> items = new CopyOnWriteArrayList<>();

        @Override
        public void onNext(final T value)
        {
            items.add(value);
        }

        @Override
        public void onError(final Throwable t)
        {
        }

        @Override
        public void onCompleted()
        {
        }
    }
}
