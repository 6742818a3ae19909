package dev.hotpath.gateway;

import dev.hotpath.engine.pipeline.EngineConfig;
import dev.hotpath.engine.pipeline.ThreadingMode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The engine's threading mode and snapshot interval come from the config file, with defaults and clear errors. */
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
        assertEquals(ThreadingMode.forThisMachine(), config.engineThreading());
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
    }

    @Test
    void shouldRefuseAnUnknownModeOrANegativeInterval()
    {
        final Exception mode = assertThrows(Exception.class, () -> load("threading: TURBO\n"));
        assertTrue(String.valueOf(mode.getMessage()).contains("threading must be AUTO, SHARED or DEDICATED"),
            mode.getMessage());
        final Exception interval = assertThrows(Exception.class, () -> load("snapshotInterval: -1\n"));
        assertTrue(String.valueOf(interval.getMessage()).contains("snapshotInterval"), interval.getMessage());
    }
}
