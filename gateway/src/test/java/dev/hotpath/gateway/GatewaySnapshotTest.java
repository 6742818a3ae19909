package dev.hotpath.gateway;

import dev.hotpath.engine.snapshot.SnapshotStore;
import dev.hotpath.gateway.api.AdminServiceGrpc;
import dev.hotpath.gateway.api.AmendOrderRequest;
import dev.hotpath.gateway.api.CancelOrderRequest;
import dev.hotpath.gateway.api.KillSwitchRequest;
import dev.hotpath.gateway.api.OrderEntryGrpc;
import dev.hotpath.gateway.api.OrderResponse;
import dev.hotpath.gateway.api.Side;
import dev.hotpath.gateway.auth.AuthInterceptor;
import dev.hotpath.gateway.in.ClientOrder;
import dev.hotpath.gateway.mapping.Instruments;
import dev.hotpath.gateway.state.GatewayRecovery;
import dev.hotpath.gateway.state.GatewaySnapshot;
import dev.hotpath.gateway.state.GatewayState;
import dev.hotpath.gateway.state.OrderRecord;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import io.grpc.stub.MetadataUtils;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static dev.hotpath.gateway.GatewayHarness.ADMIN;
import static dev.hotpath.gateway.GatewayHarness.ALICE;
import static dev.hotpath.gateway.GatewayHarness.BOB;
import static dev.hotpath.gateway.GatewayIT.limit;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The gateway's own snapshots: a start reads the newest one and only the event journal after it, and ends with the
 * same state, byte for byte, as a start that replays the whole journal, whether it starts from the last snapshot
 * (a clean stop), a periodic one (a crash after it), or an older one when the newest is damaged or was written
 * under another config. The live state also equals the snapshotter's replayed copy.
 */
@Timeout(120)
class GatewaySnapshotTest
{
    private static final long INTERVAL = 50;

    @TempDir
    Path dir;

    @TempDir
    Path elsewhere;

    /** A gateway on gRPC's in-process transport, with a live channel; stopped by {@link #close}. */
    private static final class Running implements AutoCloseable
    {
        final GatewayServer server;
        final ManagedChannel channel;

        Running(final GatewayConfig config) throws IOException
        {
            final String name = InProcessServerBuilder.generateName();
            server = new GatewayServer(InProcessServerBuilder.forName(name), config,
                GatewayServer.engineFromConfig(config)).start();
            channel = InProcessChannelBuilder.forName(name).build();
        }

        OrderEntryGrpc.OrderEntryBlockingStub orders(final String apiKey)
        {
            return OrderEntryGrpc.newBlockingStub(channel).withInterceptors(MetadataUtils
                .newAttachHeadersInterceptor(key(apiKey))).withDeadlineAfter(10, TimeUnit.SECONDS);
        }

        AdminServiceGrpc.AdminServiceBlockingStub admin()
        {
            return AdminServiceGrpc.newBlockingStub(channel).withInterceptors(MetadataUtils
                .newAttachHeadersInterceptor(key(ADMIN))).withDeadlineAfter(10, TimeUnit.SECONDS);
        }

        @Override
        public void close()
        {
            try
            {
                channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
                server.stop();
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while stopping", ex);
            }
        }
    }

    private static Metadata key(final String apiKey)
    {
        final Metadata m = new Metadata();
        m.put(AuthInterceptor.API_KEY, apiKey);
        return m;
    }

    private static GatewayConfig config(final Path directory)
    {
        return GatewayHarness.config(directory).withSnapshotInterval(INTERVAL);
    }

    /** Orders that rest, trade, are amended and cancelled, and a kill switch: every kind of state change. */
    private static void trade(final Running g, final int rounds, final long seed)
    {
        final Random random = new Random(seed);
        for (int i = 0; i < rounds; i++)
        {
            final String price = Integer.toString(95 + random.nextInt(10));
            final OrderResponse sell = g.orders(ALICE).submitOrder(limit("s" + seed + "-" + i, Side.SELL, price,
                "1.5"));
            assertTrue(sell.getAccepted(), sell.toString());
            final OrderResponse buy = g.orders(BOB).submitOrder(limit("b" + seed + "-" + i, Side.BUY,
                Integer.toString(95 + random.nextInt(10)), "1"));
            assertTrue(buy.getAccepted(), buy.toString());
            if (i % 3 == 0)
            {
                g.orders(ALICE).amendOrder(AmendOrderRequest.newBuilder().setClientOrderId("s" + seed + "-" + i)
                    .setPrice(price).setQuantity("0.5").build());
            }
            if (i % 4 == 1)
            {
                g.orders(BOB).cancelOrder(CancelOrderRequest.newBuilder().setClientOrderId("b" + seed + "-" + i)
                    .build());
            }
        }
        g.admin().killSwitch(KillSwitchRequest.newBuilder().setAccountId(2).setOn(true).build());
        g.admin().killSwitch(KillSwitchRequest.newBuilder().setAccountId(2).setOn(false).build());
    }

    private static Path snapshots(final Path directory)
    {
        return directory.resolve(GatewayServer.SNAPSHOT_DIRECTORY);
    }

    private static List<Path> snapshotFiles(final Path directory) throws IOException
    {
        try (Stream<Path> files = Files.list(snapshots(directory)))
        {
            return files.filter(p -> p.getFileName().toString().endsWith(".bin")).sorted().toList();
        }
    }

    private static void copy(final Path from, final Path to, final boolean withGatewaySnapshots) throws IOException
    {
        try (Stream<Path> all = Files.walk(from))
        {
            for (final Path p : all.toList())
            {
                final Path rel = from.relativize(p);
                if (!withGatewaySnapshots && rel.startsWith(GatewayServer.SNAPSHOT_DIRECTORY) ||
                    rel.toString().endsWith(".lock"))
                {
                    continue;
                }
                final Path target = to.resolve(rel.toString());
                if (Files.isDirectory(p))
                {
                    Files.createDirectories(target);
                }
                else
                {
                    Files.copy(p, target);
                }
            }
        }
    }

    /**
     * Starts on the directory and on a copy of it without gateway snapshots (a full replay), checks that both
     * rebuilt the same state, and returns the first start's outcome.
     */
    private GatewayRecovery.Outcome startBothWays(final GatewayConfig config) throws Exception
    {
        final Path full = elsewhere.resolve("full-" + System.nanoTime());
        copy(dir, full, false);
        final GatewayRecovery.Outcome fromSnapshot;
        final GatewayState a;
        try (Running g = new Running(config))
        {
            fromSnapshot = g.server.recovered();
            a = g.server.state();
        }
        final GatewayState b;
        try (Running g = new Running(config.withEngine(full.toString(), config.waitStrategy(), config.rateLimit())))
        {
            final GatewayRecovery.Outcome replayedAll = g.server.recovered();
            assertEquals(0, replayedAll.snapshot().sequence(), "the copy has no gateway snapshot");
            assertEquals(fromSnapshot.end().sequence(), replayedAll.replayed());
            assertEquals(fromSnapshot.end(), replayedAll.end());
            b = g.server.state();
        }
        assertTrue(GatewaySnapshot.sameState(a, b), "a start from a snapshot rebuilds what a full replay does");
        return fromSnapshot;
    }

    private static GatewayState emptyState(final GatewayConfig config)
    {
        return GatewayState.empty(config, new Instruments(config.engineInstruments()));
    }

    @Test
    void shouldStartFromTheSnapshotOfACleanStopWithNothingToReplay() throws Exception
    {
        final GatewayConfig config = config(dir);
        final GatewayState live;
        try (Running g = new Running(config))
        {
            trade(g, 60, 1);
            live = g.server.state();
        }
        final List<Path> files = snapshotFiles(dir);
        assertTrue(!files.isEmpty() && files.size() <= 3, "the three newest are kept: " + files);

        // the live state, kept by the responder from each command's results, is what the snapshotter replayed
        final byte[] last = SnapshotStore.readChecked(files.get(files.size() - 1));
        final int fingerprint = GatewaySnapshot.fingerprint(config);
        final GatewaySnapshot.Position end = GatewaySnapshot.load(last, "last", fingerprint, emptyState(config));
        assertArrayEquals(last, GatewaySnapshot.encode(live, end, fingerprint));
        assertFalse(live.orders().isEmpty(), "some orders rest");

        final GatewayRecovery.Outcome outcome = startBothWays(config);
        assertEquals(0, outcome.replayed(), "a clean stop leaves a snapshot of the end: " + outcome.describe());
        assertEquals(end.sequence(), outcome.snapshot().sequence());
        assertTrue(outcome.snapshot().highestOrderId() > 0);
    }

    @Test
    void shouldReplayOnlyTheJournalAfterTheLastPeriodicSnapshotAfterACrash() throws Exception
    {
        final GatewayConfig config = config(dir);
        try (Running g = new Running(config))
        {
            trade(g, 60, 2);
        }
        // a crash after the last periodic snapshot: the one a clean stop writes is not there
        final List<Path> files = snapshotFiles(dir);
        Files.delete(files.get(files.size() - 1));
        final GatewayRecovery.Outcome outcome = startBothWays(config);
        assertEquals(0, outcome.snapshot().sequence() % INTERVAL, outcome.describe());
        assertTrue(outcome.replayed() > 0 && outcome.replayed() < INTERVAL + 10, outcome.describe());
        final List<Path> after = snapshotFiles(dir);
        final long newest = new SnapshotStore(snapshots(dir), "gateway-", 3).sequenceOf(after.get(after.size() - 1));
        assertTrue(newest >= outcome.end().sequence(), "the stop after that start wrote a snapshot of its end: " +
            after);
    }

    @Test
    void shouldSetADamagedSnapshotAsideAndStartFromAnOlderOne() throws Exception
    {
        final GatewayConfig config = config(dir);
        try (Running g = new Running(config))
        {
            trade(g, 60, 3);
        }
        final List<Path> files = snapshotFiles(dir);
        final Path newest = files.get(files.size() - 1);
        final byte[] bytes = Files.readAllBytes(newest);
        bytes[bytes.length / 2] ^= 0x40;
        Files.write(newest, bytes);

        final GatewayRecovery.Outcome outcome = startBothWays(config);
        assertTrue(Files.exists(newest.resolveSibling(newest.getFileName() + ".damaged")), "kept for inspection");
        assertTrue(outcome.snapshot().sequence() > 0 && outcome.replayed() > 0, outcome.describe());
    }

    @Test
    void shouldReplayTheWholeJournalWhenTheConfigNamesOtherAccounts() throws Exception
    {
        try (Running g = new Running(config(dir)))
        {
            trade(g, 20, 4);
        }
        final GatewayConfig base = config(dir);
        final List<GatewayConfig.Account> more = new java.util.ArrayList<>(base.accounts());
        more.add(new GatewayConfig.Account(4, "dave", "test-key-dave-0000000000004", null));
        final GatewayConfig changed = new GatewayConfig("127.0.0.1", 0, -1, dir.toString(), 1024, "BLOCKING",
            "AUTO", INTERVAL, null, 0, 1024, base.rateLimit(), 10_000,
            List.of(new GatewayConfig.InstrumentEntry(0, "BTC-USD", 1, 1, 2, 4),
                new GatewayConfig.InstrumentEntry(1, "ETH-USD", 5, 10, 2, 3)), more, null,
            List.of(new GatewayConfig.Admin("root", ADMIN)), null, null, null);
        assertNotEquals(GatewaySnapshot.fingerprint(base), GatewaySnapshot.fingerprint(changed));
        try (Running g = new Running(changed))
        {
            final GatewayRecovery.Outcome outcome = g.server.recovered();
            assertEquals(0, outcome.snapshot().sequence(), outcome.describe());
            assertEquals(outcome.end().sequence(), outcome.replayed());
        }
    }

    @Test
    void shouldRefuseBytesThatAreNoSnapshotWithoutChangingTheState()
    {
        final GatewayConfig config = config(dir);
        final int fingerprint = GatewaySnapshot.fingerprint(config);
        final GatewayState state = emptyState(config);
        state.books()[0].restore(7, new long[] {100, 5, 1}, new long[] {101, 2, 2});
        state.orders().put(42L, new OrderRecord(1, "c1", 0, null));
        final byte[] good = GatewaySnapshot.encode(state, new GatewaySnapshot.Position(9, 3, 42), fingerprint);

        final GatewayState into = emptyState(config);
        assertEquals(new GatewaySnapshot.Position(9, 3, 42), GatewaySnapshot.load(good, "good", fingerprint, into));
        assertTrue(GatewaySnapshot.sameState(state, into));
        assertEquals(new ClientOrder(42, 0), into.accounts().byId(1).clientOrderIds().get("c1"));

        final GatewayState untouched = emptyState(config);
        final byte[] cut = Arrays.copyOf(good, good.length - 5);
        assertThrows(dev.hotpath.engine.snapshot.SnapshotCorruptedException.class,
            () -> GatewaySnapshot.load(cut, "cut", fingerprint, untouched));
        final byte[] otherVersion = good.clone();
        otherVersion[7] = 99;
        final Exception version = assertThrows(dev.hotpath.engine.snapshot.SnapshotCorruptedException.class,
            () -> GatewaySnapshot.load(otherVersion, "v99", fingerprint, untouched));
        assertTrue(version.getMessage().contains("format version 99"), version.getMessage());
        assertThrows(dev.hotpath.engine.snapshot.SnapshotCorruptedException.class,
            () -> GatewaySnapshot.load(good, "other config", fingerprint + 1, untouched));
        assertTrue(GatewaySnapshot.sameState(emptyState(config), untouched), "nothing loaded from bad bytes");
    }
}
