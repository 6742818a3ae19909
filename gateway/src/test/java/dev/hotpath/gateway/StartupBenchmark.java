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
 * A fourth argument measures one case alone in a fresh JVM (as a user starts it) on a directory the full run left:
 * {@code start} (a start after a clean stop) or {@code crash} (first more history through the engine alone, as
 * in the third case, then a start).
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
        final String only = args.length > 3 ? args[3] : "";
        if (!only.isEmpty())
        {
            final GatewayConfig file = GatewayConfig.load(Path.of(args[0]));
            final GatewayConfig config = file.withEngine(dir.toString(), file.waitStrategy(), file.rateLimit())
                .withListen("127.0.0.1", 0, -1);
            if (only.equals("crash"))
            {
                moreHistory(config, 5_000_000_000L);
            }
            startAndStop(config, only.equals("crash") ? "after a crash " + String.format("%,d",
                config.snapshotInterval() - 1) + " commands after the last snapshot (fresh JVM)" :
                "after a clean stop (fresh JVM)");
            return;
        }
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
        moreHistory(config, firstId + placed);
        startAndStop(config, "after a crash " + String.format("%,d", config.snapshotInterval() - 1) +
            " commands after the last snapshot");
    }

    /**
     * Writes one snapshot interval less one of new commands through the engine alone: orders, each cancelled by
     * the next command, so the open orders stay as they were.
     */
    private static void moreHistory(final GatewayConfig config, final long firstOrderId)
    {
        final Engine more = GatewayServer.engineFromConfig(config).apply(EngineListener.NONE).start();
        final Command command = new Command();
        final long extra = config.snapshotInterval() - 1;
        for (long i = 0; i < extra; i++)
        {
            final long orderId = firstOrderId + i / 2;
            if (i % 2 == 0)
            {
                command.place(CommandClock.nowNs(), orderId, 1, 0, Side.BUY.code(), OrderType.LIMIT.code(),
                    5_000 - i % 500, 1).clientOrderId("m" + orderId);
            }
            else
            {
                command.cancel(CommandClock.nowNs(), orderId, 1);
            }
            more.publish(command, 0);
        }
        more.close();
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
