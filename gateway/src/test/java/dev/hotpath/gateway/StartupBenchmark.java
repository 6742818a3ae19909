package dev.hotpath.gateway;

import dev.hotpath.engine.api.Command;
import dev.hotpath.engine.api.CommandClock;
import dev.hotpath.engine.api.OrderType;
import dev.hotpath.engine.api.Side;
import dev.hotpath.engine.pipeline.Engine;
import dev.hotpath.engine.pipeline.EngineListener;

import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * How long the gateway takes to start after a long history: writes COMMANDS commands of history into a fresh
 * journal directory through the engine alone (orders of the config's accounts on its instruments, with client
 * order ids; each order is cancelled 10,000 commands later, so about 5,000 stay open), then starts the gateway
 * on it as a user would and prints the time from {@code start()} to serving, three times:
 * <ol>
 * <li>with no gateway snapshot (the whole event journal is read: the first start on an engine's history);</li>
 * <li>after a clean stop (from the snapshot the stop wrote);</li>
 * <li>after a crash in the worst place: one snapshot interval less one command written since the gateway's last
 *     snapshot (more history written through the engine alone while the gateway was down stands in for it).</li>
 * </ol>
 *
 * <pre>
 * java -cp gateway/target/test-classes:gateway/target/classes:gateway/target/lib/* \
 *     dev.hotpath.gateway.StartupBenchmark config/hotpath.yaml DIR COMMANDS
 * </pre>
 * A benchmark, not a test: it asserts nothing and is run by hand (see gateway/README.md).
 */
public final class StartupBenchmark
{
    private static final int CANCEL_AFTER = 10_000;

    private StartupBenchmark()
    {
    }

    /**
     * @param args the config file, an empty directory, the commands of history.
     * @throws Exception on failure.
     */
    public static void main(final String[] args) throws Exception
    {
        final Path dir = Path.of(args[1]);
        final long commands = Long.parseLong(args[2]);
        if (Files.exists(dir) && Files.list(dir).findAny().isPresent())
        {
            throw new IllegalArgumentException(dir + " must be empty");
        }
        final GatewayConfig file = GatewayConfig.load(Path.of(args[0]));
        final GatewayConfig config = file.withEngine(dir.toString(), file.waitStrategy(), file.rateLimit())
            .withListen("127.0.0.1", 0, -1);

        final long writeStartNs = System.nanoTime();
        final Engine engine = GatewayServer.engineFromConfig(config).apply(EngineListener.NONE).start();
        final Command command = new Command();
        final long firstId = 1_000_000;
        long placed = 0;
        for (long i = 0; i < commands; i++)
        {
            if (i % 2 == 0 || placed <= CANCEL_AFTER / 2)
            {
                final long orderId = firstId + placed;
                final Side side = placed % 2 == 0 ? Side.BUY : Side.SELL;
                final long price = side == Side.BUY ? 9_000 - placed % 500 : 11_000 + placed % 500;
                command.place(CommandClock.nowNs(), orderId, 1 + placed % 2, 0, side.code(), OrderType.LIMIT.code(),
                    price, 1).clientOrderId("h" + orderId);
                placed++;
            }
            else
            {
                final long target = placed - CANCEL_AFTER / 2; // the order placed 10,000 commands ago
                command.cancel(CommandClock.nowNs(), firstId + target, 1 + target % 2);
            }
            engine.publish(command, 0);
        }
        engine.close();
        System.out.printf("history: %,d commands written in %.1f s%n", commands,
            (System.nanoTime() - writeStartNs) / 1e9);

        startAndStop(config, "with no gateway snapshot, after " + String.format("%,d", commands) +
            " commands of history");
        startAndStop(config, "after a clean stop");
        final Engine more = GatewayServer.engineFromConfig(config).apply(EngineListener.NONE).start();
        final long extra = config.snapshotInterval() - 1;
        for (long i = 0; i < extra; i++)
        {
            // orders that rest far from the book and are never cancelled: the worst case for the replay
            command.place(CommandClock.nowNs(), firstId + placed, 1 + placed % 2, 0, Side.BUY.code(),
                OrderType.LIMIT.code(), 5_000 - placed % 500, 1);
            placed++;
            more.publish(command, 0);
        }
        more.close();
        startAndStop(config, "after a crash " + String.format("%,d", extra) + " commands after the last snapshot");
    }

    private static void startAndStop(final GatewayConfig config, final String when) throws Exception
    {
        final long startNs = System.nanoTime();
        final GatewayServer server = GatewayServer.onNetty(new InetSocketAddress("127.0.0.1", 0), config,
            GatewayServer.engineFromConfig(config)).start();
        final long startedNs = System.nanoTime();
        System.out.printf("gateway start-up %s: %.0f ms (engine recovery: %s; gateway state: %s)%n", when,
            (startedNs - startNs) / 1e6, server.engine().recovery(), server.recovered().describe());
        server.stop();
    }
}
