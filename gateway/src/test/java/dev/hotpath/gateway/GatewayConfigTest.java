package dev.hotpath.gateway;

import dev.hotpath.engine.pipeline.EngineConfig;
import dev.hotpath.engine.pipeline.ThreadingMode;
import dev.hotpath.engine.risk.RiskLimits;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The engine's threading mode, snapshot interval, risk limits and the admin keys come from the config file, with
 * defaults and clear errors.
 */
class GatewayConfigTest
{
    private static final String BASE = """
        instruments:
          - {id: 0, symbol: BTC-USD, tickSize: 1, lotSize: 1, priceScale: 2, quantityScale: 4}
        accounts:
          - {id: 1, name: alice, key: demo-key-alice-0001-NOT-SECRET}
        """;

    @TempDir
    Path dir;

    private GatewayConfig load(final String extra) throws Exception
    {
        final Path file = dir.resolve("c.yaml");
        Files.writeString(file, extra + BASE);
        return GatewayConfig.load(file);
    }

    @Test
    void shouldPickTheThreadingModeForThisMachineAndSnapshotByDefault() throws Exception
    {
        final GatewayConfig config = load("");
        assertEquals("AUTO", config.threading());
        assertEquals(ThreadingMode.forThisMachine() == ThreadingMode.DEDICATED ? ThreadingMode.DEDICATED :
            ThreadingMode.INVOKER, config.engineThreading(), "below 4 cores the engine runs on the event loop");
        assertEquals(EngineConfig.DEFAULT_SNAPSHOT_INTERVAL, config.snapshotInterval());
    }

    @Test
    void shouldTakeTheModeAndIntervalFromTheFileAndTheFlag() throws Exception
    {
        final GatewayConfig config = load("threading: dedicated\nsnapshotInterval: 5000\n");
        assertEquals(ThreadingMode.DEDICATED, config.engineThreading());
        assertEquals(5000, config.snapshotInterval());
        assertEquals(ThreadingMode.SHARED, config.withThreading("SHARED").engineThreading());
        assertEquals(5000, config.withThreading("SHARED").snapshotInterval());
        assertEquals(ThreadingMode.INVOKER, config.withThreading("invoker").engineThreading());
    }

    @Test
    void shouldRefuseAnUnknownModeOrANegativeInterval()
    {
        final Exception mode = assertThrows(Exception.class, () -> load("threading: TURBO\n"));
        assertTrue(String.valueOf(mode.getMessage()).contains("threading must be AUTO, SHARED, DEDICATED or INVOKER"),
            mode.getMessage());
        final Exception interval = assertThrows(Exception.class, () -> load("snapshotInterval: -1\n"));
        assertTrue(String.valueOf(interval.getMessage()).contains("snapshotInterval"), interval.getMessage());
    }

    @Test
    void shouldRunTheEngineInProcessUnlessTheConfigNamesACluster() throws Exception
    {
        final GatewayConfig local = load("");
        assertFalse(local.isCluster());
        assertEquals(new GatewayConfig.Cluster(3, 20_000), local.cluster(), "./hotpath cluster's defaults");
        final GatewayConfig cluster = load("engine: cluster\ncluster: {nodes: 5, basePort: 30000}\n");
        assertTrue(cluster.isCluster());
        assertEquals(new GatewayConfig.Cluster(5, 30_000), cluster.cluster());
        assertTrue(local.withEngineKind("cluster", null).isCluster(), "the --engine flag");
        final Exception unknown = assertThrows(Exception.class, () -> load("engine: remote\n"));
        assertTrue(String.valueOf(unknown.getMessage()).contains("engine must be local or cluster"),
            unknown.getMessage());
        final Exception port = assertThrows(Exception.class, () -> load("cluster: {nodes: 3, basePort: 80}\n"));
        assertTrue(String.valueOf(port.getMessage()).contains("basePort"), port.getMessage());
    }

    @Test
    void shouldReadTheShippedConfigWithFiniteLimitsThatRefuseAHundredMillionBitcoin() throws Exception
    {
        final GatewayConfig config = GatewayConfig.load(Path.of("..", "config", "hotpath.yaml"));
        final RiskLimits defaults = config.defaultLimits().toRiskLimits("defaultLimits");
        assertEquals(new RiskLimits(1_000_000, 1_000_000_000_000L, 10_000, 10_000_000), defaults);
        final long hundredMillionBtc = 100_000_000L * 10_000; // BTC-USD quantityScale 4
        assertTrue(hundredMillionBtc > defaults.maxOrderQuantity());
        final GatewayConfig.Account carol = config.accounts().get(2);
        assertEquals(new RiskLimits(100_000, 100_000_000_000L, 100, 500_000), config.limitsOf(carol));
        assertEquals(defaults, config.limitsOf(config.accounts().get(0)), "alice has the default limits");
        assertEquals(List.of("ops"), config.admins().stream().map(GatewayConfig.Admin::name).toList());
    }

    @Test
    void shouldUseFiniteBuiltInLimitsWhenTheFileHasNone() throws Exception
    {
        final GatewayConfig config = load("");
        assertEquals(GatewayConfig.BUILT_IN_LIMITS, config.defaultLimits());
        assertTrue(config.defaultLimits().maxOrderQuantity() < 100_000_000L * 10_000);
        assertEquals(List.of(), config.admins());
    }

    @Test
    void shouldRefuseLimitsThatAreMissingOrNotPositive()
    {
        final Exception zero = assertThrows(Exception.class, () -> load(
            "defaultLimits: {maxOrderQuantity: 0, maxOrderNotional: 1, maxOpenOrders: 1, maxPosition: 1}\n"));
        assertTrue(String.valueOf(zero.getMessage()).contains("defaultLimits: maxOrderQuantity, maxOrderNotional,"
            + " maxOpenOrders and maxPosition are all required and must be greater than zero"), zero.getMessage());
        final Exception missing = assertThrows(Exception.class, () -> load(
            "defaultLimits: {maxOrderQuantity: 5, maxOrderNotional: 1, maxOpenOrders: 1}\n"));
        assertTrue(String.valueOf(missing.getMessage()).contains("greater than zero"), missing.getMessage());
    }

    @Test
    void shouldRefuseAnAdminKeyThatIsShortOrAlsoAnAccountsKey()
    {
        final Exception shared = assertThrows(Exception.class, () -> load(
            "admins: [{name: ops, key: demo-key-alice-0001-NOT-SECRET}]\n"));
        assertTrue(String.valueOf(shared.getMessage()).contains("admin ops's key is already in use"),
            shared.getMessage());
        final Exception shortKey = assertThrows(Exception.class, () -> load("admins: [{name: ops, key: short}]\n"));
        assertTrue(String.valueOf(shortKey.getMessage()).contains("admin ops needs a key of 16+ characters"),
            shortKey.getMessage());
    }
}
