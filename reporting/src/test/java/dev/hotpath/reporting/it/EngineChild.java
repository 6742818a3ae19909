package dev.hotpath.reporting.it;

import dev.hotpath.engine.api.Command;
import dev.hotpath.engine.api.Instrument;
import dev.hotpath.engine.api.OrderType;
import dev.hotpath.engine.api.Side;
import dev.hotpath.engine.pipeline.Engine;
import dev.hotpath.engine.pipeline.EngineConfig;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * An engine in its own JVM sending itself a seeded random order flow at a set rate, for the reporting ITs.
 * Prints {@code READY}, then {@code DONE <last sequence>} once every command's results are in the event
 * journal, then closes the engine and exits.
 *
 * <p>Arguments: engine directory, seed, number of commands, commands per second, and optionally {@code wait}: then
 * it reads a line from standard input after {@code READY} before it sends the first command.
 */
public final class EngineChild
{
    private EngineChild()
    {
    }

    /**
     * @param args directory, seed, commands, rate[, wait].
     * @throws Exception on failure.
     */
    public static void main(final String[] args) throws Exception
    {
        final Path dir = Path.of(args[0]);
        final SplittableRandom random = new SplittableRandom(Long.parseLong(args[1]));
        final int commands = Integer.parseInt(args[2]);
        final long ratePerSecond = Long.parseLong(args[3]);
        final AtomicLong lastResult = new AtomicLong();
        final Engine engine = new Engine(EngineConfig.builder().directory(dir)
            .instruments(List.of(Instrument.simple(0, "AAA"), Instrument.simple(1, "BBB"))).build(),
            event -> lastResult.set(event.sequence)).start();
        final long base = engine.recovery().core().lastSequence();
        System.out.println("READY");
        System.out.flush();
        if (args.length > 4 && args[4].equals("wait"))
        {
            new java.io.BufferedReader(new java.io.InputStreamReader(System.in, java.nio.charset.StandardCharsets.UTF_8))
                .readLine();
        }

        final Command c = new Command();
        final List<long[]> placed = new ArrayList<>();
        long orderId = base * 10 + 1;
        final long startNs = System.nanoTime();
        final long wallStartNs = System.currentTimeMillis() * 1_000_000L;
        for (int i = 0; i < commands; i++)
        {
            final long ts = wallStartNs + (System.nanoTime() - startNs);
            final long account = 1 + random.nextInt(6);
            final int roll = random.nextInt(100);
            if (roll < 15 && !placed.isEmpty())
            {
                final long[] o = placed.get(random.nextInt(placed.size()));
                c.cancel(ts, o[0], o[1]);
            }
            else if (roll < 20 && !placed.isEmpty())
            {
                final long[] o = placed.get(random.nextInt(placed.size()));
                c.amend(ts, o[0], o[1], 990 + random.nextInt(21), 1 + random.nextInt(20));
            }
            else
            {
                final long id = orderId++;
                final Side side = random.nextBoolean() ? Side.BUY : Side.SELL;
                final int typeRoll = random.nextInt(100);
                final OrderType type = typeRoll < 80 ? OrderType.LIMIT : typeRoll < 92 ? OrderType.IOC :
                    OrderType.MARKET;
                final long price = random.nextInt(100) < 2 ? 0 : 990 + random.nextInt(21);
                c.place(ts, id, account, random.nextInt(2), side.code(), type.code(), price, 1 + random.nextInt(20));
                placed.add(new long[] {id, account});
                if (placed.size() > 2000)
                {
                    placed.remove(0);
                }
            }
            engine.publish(c, i);
            final long dueNs = startNs + (i + 1) * 1_000_000_000L / ratePerSecond;
            final long waitNs = dueNs - System.nanoTime();
            if (waitNs > 0)
            {
                LockSupport.parkNanos(waitNs);
            }
        }
        final long last = base + commands;
        while (lastResult.get() < last)
        {
            LockSupport.parkNanos(1_000_000L);
        }
        System.out.println("DONE " + last);
        System.out.flush();
        engine.close();
    }
}
