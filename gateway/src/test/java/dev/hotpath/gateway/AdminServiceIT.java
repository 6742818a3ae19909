package dev.hotpath.gateway;

import dev.hotpath.engine.api.RejectReason;
import dev.hotpath.gateway.api.AccountPositions;
import dev.hotpath.gateway.api.AdminResponse;
import dev.hotpath.gateway.api.AdminServiceGrpc;
import dev.hotpath.gateway.api.DoneReason;
import dev.hotpath.gateway.api.ExecutionReport;
import dev.hotpath.gateway.api.GetBookRequest;
import dev.hotpath.gateway.api.InstrumentPosition;
import dev.hotpath.gateway.api.KillSwitchRequest;
import dev.hotpath.gateway.api.ListInstrumentsRequest;
import dev.hotpath.gateway.api.ListPositionsRequest;
import dev.hotpath.gateway.api.OrderEntryGrpc;
import dev.hotpath.gateway.api.OrderResponse;
import dev.hotpath.gateway.api.RiskLimits;
import dev.hotpath.gateway.api.SetLimitsRequest;
import dev.hotpath.gateway.api.Side;
import dev.hotpath.gateway.api.SubscribeExecutionsRequest;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static dev.hotpath.gateway.GatewayHarness.ADMIN;
import static dev.hotpath.gateway.GatewayHarness.ALICE;
import static dev.hotpath.gateway.GatewayHarness.BOB;
import static dev.hotpath.gateway.GatewayIT.limit;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Risk limits and kill switches end to end: the config's limits, AdminService with a real Netty server on
 * 127.0.0.1 and real stubs, the keys kept apart, and run-time limits surviving a restart on the same journal.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class AdminServiceIT
{
    private static final long ALICE_ID = 1;
    private static final long BOB_ID = 2;

    @TempDir
    Path dir;

    @Test
    void shouldRejectAHundredMillionBitcoinWithTheShippedConfigsLimits() throws Exception
    {
        final GatewayConfig shipped = GatewayConfig.load(Path.of("..", "config", "hotpath.yaml"))
            .withListen("127.0.0.1", 0, -1)
            .withEngine(dir.toString(), "BLOCKING", new GatewayConfig.RateLimit(1_000_000, 1_000_000));
        try (GatewayHarness h = new GatewayHarness(shipped))
        {
            final OrderEntryGrpc.OrderEntryBlockingStub alice = h.orders("demo-key-alice-0001-NOT-SECRET");
            final OrderResponse huge = alice.submitOrder(limit("huge", Side.BUY, "50000", "100000000"));
            assertFalse(huge.getAccepted(), huge.toString());
            assertEquals(RejectReason.RISK_MAX_ORDER_QUANTITY.code(), huge.getReject().getCode());
            assertEquals("RISK_MAX_ORDER_QUANTITY", huge.getReject().getReason());
            assertEquals(RejectReason.RISK_MAX_ORDER_QUANTITY.message(), huge.getReject().getMessage());

            assertTrue(alice.submitOrder(limit("ok", Side.BUY, "50000", "20")).getAccepted(),
                "20 BTC x 50,000 USD is within alice's default limits (100 BTC, 1,000,000 USD)");
            final OrderResponse carol = h.orders("demo-key-carol-0003-NOT-SECRET")
                .submitOrder(limit("c1", Side.BUY, "50000", "20"));
            assertEquals("RISK_MAX_ORDER_QUANTITY", carol.getReject().getReason(),
                "carol's own limit is 10 BTC");
            final OrderResponse notional = alice.submitOrder(limit("n1", Side.BUY, "100000", "20"));
            assertEquals("RISK_MAX_ORDER_NOTIONAL", notional.getReject().getReason(), "2,000,000 USD > 1,000,000 USD");
        }
    }

    /**
     * The config's limits are journaled, not applied to the past: after a crash (no snapshot, a full replay) a
     * restart under tighter config limits keeps every order acknowledged under the old ones, and applies the new
     * limits to new orders; an admin's later change holds across a restart until the config changes again.
     */
    @Test
    void shouldNeverApplyANewConfigsLimitsToOrdersAcknowledgedUnderTheOld() throws Exception
    {
        final GatewayConfig roomy = withDefaultLimits(GatewayHarness.config(dir), 1_000);
        try (GatewayHarness h = new GatewayHarness(roomy))
        {
            final OrderEntryGrpc.OrderEntryBlockingStub alice = h.orders(ALICE);
            for (int i = 0; i < 5; i++)
            {
                assertTrue(alice.submitOrder(limit("r" + i, Side.BUY, (90 + i) + ".00", "1")).getAccepted());
            }
        }
        deleteSnapshots(); // as after kill -9 before any snapshot: the restart replays the whole journal

        final GatewayConfig tight = withDefaultLimits(GatewayHarness.config(dir), 2);
        try (GatewayHarness h = new GatewayHarness(tight))
        {
            assertEquals(5, h.market(ALICE).getBook(GetBookRequest.newBuilder().setSymbol("BTC-USD").setDepth(10)
                .build()).getBidsCount(), "every acknowledged order is still on the book");
            final OrderResponse over = h.orders(ALICE).submitOrder(limit("r5", Side.BUY, "80.00", "1"));
            assertEquals("RISK_MAX_OPEN_ORDERS", over.getReject().getReason(), over.toString());
            final AdminResponse set = h.admin(ADMIN).setLimits(SetLimitsRequest.newBuilder().setAccountId(ALICE_ID)
                .setLimits(RiskLimits.newBuilder().setMaxOrderQuantity(1_000_000).setMaxOrderNotional(1L << 50)
                    .setMaxOpenOrders(100).setMaxPosition(1_000_000_000L)).build());
            assertTrue(set.getAccepted(), set.toString());
        }
        deleteSnapshots();

        try (GatewayHarness h = new GatewayHarness(tight))
        {
            assertEquals(100, positions(h.admin(ADMIN), ALICE_ID).getLimits().getMaxOpenOrders(),
                "the admin's limits hold: the config did not change");
            assertTrue(h.orders(ALICE).submitOrder(limit("r6", Side.BUY, "80.00", "1")).getAccepted());
        }
        deleteSnapshots();

        try (GatewayHarness h = new GatewayHarness(withDefaultLimits(GatewayHarness.config(dir), 7)))
        {
            assertEquals(7, positions(h.admin(ADMIN), ALICE_ID).getLimits().getMaxOpenOrders(),
                "a changed config wins over the admin's limits");
            assertEquals(6, h.market(ALICE).getBook(GetBookRequest.newBuilder().setSymbol("BTC-USD").setDepth(10)
                .build()).getBidsCount());
        }
    }

    private static GatewayConfig withDefaultLimits(final GatewayConfig c, final int maxOpenOrders)
    {
        return new GatewayConfig(c.host(), c.port(), c.metricsPort(), c.journalDir(), c.ringSize(), c.waitStrategy(),
            c.threading(), c.snapshotInterval(), c.minFreeDiskMb(), c.maxInFlight(), c.streamQueue(), c.rateLimit(),
            c.shutdownMs(), c.instruments(), c.accounts(),
            new GatewayConfig.Limits(1_000_000, 1L << 50, maxOpenOrders, 1_000_000_000L), c.admins(),
            c.transportThreads(), c.engine(), c.cluster());
    }

    private void deleteSnapshots() throws java.io.IOException
    {
        final Path snapshots = dir.resolve("snapshots");
        if (java.nio.file.Files.isDirectory(snapshots))
        {
            try (java.util.stream.Stream<Path> files = java.nio.file.Files.list(snapshots))
            {
                for (final Path f : files.toList())
                {
                    java.nio.file.Files.delete(f);
                }
            }
        }
    }

    @Test
    void shouldApplyLimitsAnAdminSetsToTheNextOrderAndKeepThemAfterARestart() throws Exception
    {
        final RiskLimits lowered = RiskLimits.newBuilder().setMaxOrderQuantity(5_000) // 0.5 BTC
            .setMaxOrderNotional(1_000_000_000_000L).setMaxOpenOrders(10).setMaxPosition(100_000).build();
        try (GatewayHarness h = new GatewayHarness(GatewayHarness.config(dir)))
        {
            final OrderEntryGrpc.OrderEntryBlockingStub alice = h.orders(ALICE);
            final AdminServiceGrpc.AdminServiceBlockingStub admin = h.admin(ADMIN);
            assertTrue(alice.submitOrder(limit("a1", Side.BUY, "100", "0.6")).getAccepted());

            final AdminResponse set = admin.setLimits(SetLimitsRequest.newBuilder().setAccountId(ALICE_ID)
                .setLimits(lowered).build());
            assertTrue(set.getAccepted(), set.toString());
            assertTrue(set.getEngineSequence() > 0);
            final OrderResponse over = alice.submitOrder(limit("a2", Side.BUY, "100", "0.6"));
            assertEquals("RISK_MAX_ORDER_QUANTITY", over.getReject().getReason());
            assertTrue(alice.submitOrder(limit("a3", Side.BUY, "100", "0.5")).getAccepted());
            assertEquals(lowered, positions(admin, ALICE_ID).getLimits());

            final AdminResponse invalid = admin.setLimits(SetLimitsRequest.newBuilder().setAccountId(ALICE_ID)
                .setLimits(lowered.toBuilder().setMaxOpenOrders(0)).build());
            assertFalse(invalid.getAccepted(), "the engine refuses a zero limit");
            assertEquals(RejectReason.INVALID_LIMITS.code(), invalid.getReject().getCode());
            assertEquals("INVALID_LIMITS", invalid.getReject().getReason());
            assertEquals(lowered, positions(admin, ALICE_ID).getLimits(), "nothing changed");

            final StatusRuntimeException unknown = assertThrows(StatusRuntimeException.class, () -> admin.setLimits(
                SetLimitsRequest.newBuilder().setAccountId(42).setLimits(lowered).build()));
            assertEquals(Status.Code.NOT_FOUND, unknown.getStatus().getCode());
            final StatusRuntimeException noLimits = assertThrows(StatusRuntimeException.class,
                () -> admin.setLimits(SetLimitsRequest.newBuilder().setAccountId(ALICE_ID).build()));
            assertEquals(Status.Code.INVALID_ARGUMENT, noLimits.getStatus().getCode());
        }
        try (GatewayHarness restarted = new GatewayHarness(GatewayHarness.config(dir)))
        {
            final OrderResponse over = restarted.orders(ALICE).submitOrder(limit("a4", Side.BUY, "100", "0.6"));
            assertEquals("RISK_MAX_ORDER_QUANTITY", over.getReject().getReason(),
                "the engine recovered the limits set at run time");
            final AccountPositions alice = positions(restarted.admin(ADMIN), ALICE_ID);
            assertEquals(lowered, alice.getLimits(), "and so did the gateway's view");
            assertEquals(2, alice.getOpenOrders(), "a1 and a3 are still open");
            assertEquals(GatewayConfig.BUILT_IN_LIMITS.maxOrderQuantity(),
                positions(restarted.admin(ADMIN), BOB_ID).getLimits().getMaxOrderQuantity(), "bob is unchanged");
        }
    }

    @Test
    void shouldCancelOpenOrdersAndRejectNewOnesWhileTheKillSwitchIsOnAndTradeAgainWhenOff() throws Exception
    {
        try (GatewayHarness h = new GatewayHarness(GatewayHarness.config(dir)))
        {
            final OrderEntryGrpc.OrderEntryBlockingStub bob = h.orders(BOB);
            final AdminServiceGrpc.AdminServiceBlockingStub admin = h.admin(ADMIN);
            final LinkedBlockingQueue<ExecutionReport> reports = new LinkedBlockingQueue<>();
            subscribe(h, BOB, reports);
            final long b1 = bob.submitOrder(limit("b1", Side.BUY, "99", "1")).getOrderId();
            final long b2 = bob.submitOrder(limit("b2", Side.SELL, "101", "2")).getOrderId();
            assertTrue(h.orders(ALICE).submitOrder(limit("a1", Side.BUY, "98", "1")).getAccepted());
            assertEquals(ExecutionReport.Kind.ACCEPTED, reports.poll(10, TimeUnit.SECONDS).getKind());
            assertEquals(ExecutionReport.Kind.ACCEPTED, reports.poll(10, TimeUnit.SECONDS).getKind());

            final AdminResponse on = admin.killSwitch(KillSwitchRequest.newBuilder().setAccountId(BOB_ID).setOn(true)
                .build());
            assertTrue(on.getAccepted(), on.toString());
            assertEquals(2, on.getCancelledOrders());
            for (final long id : List.of(b1, b2))
            {
                final ExecutionReport done = reports.poll(10, TimeUnit.SECONDS);
                assertNotNull(done);
                assertEquals(ExecutionReport.Kind.DONE, done.getKind());
                assertEquals(DoneReason.CANCELLED, done.getDoneReason());
                assertEquals(id, done.getOrderId(), "bob's own stream hears of each cancel, in order");
            }
            final AccountPositions killed = positions(admin, BOB_ID);
            assertTrue(killed.getKillSwitch());
            assertEquals(0, killed.getOpenOrders());
            assertEquals(1, positions(admin, ALICE_ID).getOpenOrders(), "alice's order stays");
            assertEquals(1, h.market(BOB).getBook(GetBookRequest.newBuilder().setSymbol("BTC-USD").build())
                .getBidsCount(), "only alice's bid is left on the book");
            final OrderResponse refused = bob.submitOrder(limit("b3", Side.BUY, "99", "1"));
            assertEquals(RejectReason.RISK_KILL_SWITCH.code(), refused.getReject().getCode());

            final AdminResponse off = admin.killSwitch(KillSwitchRequest.newBuilder().setAccountId(BOB_ID)
                .setOn(false).build());
            assertTrue(off.getAccepted());
            assertEquals(0, off.getCancelledOrders());
            assertFalse(positions(admin, BOB_ID).getKillSwitch());
            assertTrue(bob.submitOrder(limit("b4", Side.BUY, "99", "1")).getAccepted(), "trading resumes");
        }
    }

    @Test
    void shouldListThePositionsThatTradingMade() throws Exception
    {
        try (GatewayHarness h = new GatewayHarness(GatewayHarness.config(dir)))
        {
            assertTrue(h.orders(ALICE).submitOrder(limit("s1", Side.SELL, "100", "1.5")).getAccepted());
            final OrderResponse take = h.orders(BOB).submitOrder(limit("t1", Side.BUY, "100", "1"));
            assertEquals(ExecutionReport.Kind.FILL, take.getReports(1).getKind(), take.toString());

            final List<AccountPositions> all = h.admin(ADMIN).listPositions(ListPositionsRequest.getDefaultInstance())
                .getAccountsList();
            assertEquals(List.of(1L, 2L, 3L), all.stream().map(AccountPositions::getAccountId).toList());
            assertEquals(List.of(position("BTC-USD", "-1.0000"), position("ETH-USD", "0.000")),
                all.get(0).getPositionsList(), "alice sold 1");
            assertEquals(1, all.get(0).getOpenOrders(), "0.5 of alice's sell rests");
            assertEquals("alice", all.get(0).getName());
            assertEquals(List.of(position("BTC-USD", "1.0000"), position("ETH-USD", "0.000")),
                all.get(1).getPositionsList(), "bob bought 1");
            assertEquals(0, all.get(1).getOpenOrders());
            assertEquals(List.of(position("BTC-USD", "0.0000"), position("ETH-USD", "0.000")),
                all.get(2).getPositionsList(), "carol is flat");
            assertFalse(all.get(0).getKillSwitch());
        }
    }

    @Test
    void shouldKeepTradingKeysOutOfAdminServiceAndAdminKeysOutOfTrading() throws Exception
    {
        try (GatewayHarness h = new GatewayHarness(GatewayHarness.config(dir)))
        {
            final StatusRuntimeException trader = assertThrows(StatusRuntimeException.class,
                () -> h.admin(ALICE).listPositions(ListPositionsRequest.getDefaultInstance()));
            assertEquals(Status.Code.PERMISSION_DENIED, trader.getStatus().getCode());
            final StatusRuntimeException traderKill = assertThrows(StatusRuntimeException.class,
                () -> h.admin(BOB).killSwitch(KillSwitchRequest.newBuilder().setAccountId(BOB_ID).setOn(false)
                    .build()));
            assertEquals(Status.Code.PERMISSION_DENIED, traderKill.getStatus().getCode());

            final StatusRuntimeException adminOrder = assertThrows(StatusRuntimeException.class,
                () -> h.orders(ADMIN).submitOrder(limit("x1", Side.BUY, "100", "1")));
            assertEquals(Status.Code.PERMISSION_DENIED, adminOrder.getStatus().getCode());
            assertEquals("admin keys cannot trade: use a trading account's key",
                adminOrder.getStatus().getDescription());
            final StatusRuntimeException adminMarket = assertThrows(StatusRuntimeException.class,
                () -> h.market(ADMIN).listInstruments(ListInstrumentsRequest.getDefaultInstance()));
            assertEquals(Status.Code.PERMISSION_DENIED, adminMarket.getStatus().getCode());

            final StatusRuntimeException stranger = assertThrows(StatusRuntimeException.class,
                () -> h.admin("not-a-key-of-anyone-000000").listPositions(ListPositionsRequest.getDefaultInstance()));
            assertEquals(Status.Code.UNAUTHENTICATED, stranger.getStatus().getCode());
            assertEquals(3, h.admin(ADMIN).listPositions(ListPositionsRequest.getDefaultInstance()).getAccountsCount(),
                "the admin key itself works");
        }
    }

    private static AccountPositions positions(final AdminServiceGrpc.AdminServiceBlockingStub admin,
        final long accountId)
    {
        final List<AccountPositions> accounts = admin.listPositions(ListPositionsRequest.newBuilder()
            .setAccountId(accountId).build()).getAccountsList();
        assertEquals(1, accounts.size());
        return accounts.get(0);
    }

    private static InstrumentPosition position(final String symbol, final String position)
    {
        return InstrumentPosition.newBuilder().setSymbol(symbol).setPosition(position).build();
    }

    /** Subscribes to an account's execution reports and waits until the server has the stream. */
    private static void subscribe(final GatewayHarness h, final String key,
        final LinkedBlockingQueue<ExecutionReport> into) throws InterruptedException
    {
        h.ordersAsync(key).subscribeExecutions(SubscribeExecutionsRequest.getDefaultInstance(),
            GatewayIT.collector(into));
        GatewayIT.awaitStreams(h, "SubscribeExecutions", 1);
    }
}
