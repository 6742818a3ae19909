package dev.hotpath.gateway.in;

import dev.hotpath.engine.api.Command;
import dev.hotpath.engine.api.CommandClock;
import dev.hotpath.gateway.link.EngineLink;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The engine's clock: the matcher never reads one, so the gateway sends it the time, as a journaled
 * {@code TIME} command, once a tick (a second by default). Every command's timestamp moves the engine's time on;
 * this one makes good-till-date and day orders expire on time when no other command comes. A tick that finds the
 * ring full is skipped (the next one carries a later time anyway); nothing waits for its result.
 *
 * <p>Runs on one daemon thread of its own ({@code hotpath-clock}); {@link #start} and {@link #stop} from the
 * thread that starts and stops the gateway.
 */
public final class EngineClock
{
    /** The default tick. */
    public static final long DEFAULT_TICK_MS = 1000;

    private final EngineLink engine;
    private final long tickMs;
    private final Command command = new Command(); // the clock thread's own
    private ScheduledExecutorService timer;

    /**
     * @param engine the way to the started engine.
     * @param tickMs milliseconds between two time commands.
     */
    public EngineClock(final EngineLink engine, final long tickMs)
    {
        this.engine = engine;
        this.tickMs = tickMs;
    }

    /** Starts ticking. */
    public void start()
    {
        timer = Executors.newSingleThreadScheduledExecutor(r ->
        {
            final Thread t = new Thread(r, "hotpath-clock");
            t.setDaemon(true);
            return t;
        });
        timer.scheduleAtFixedRate(this::tick, tickMs, tickMs, TimeUnit.MILLISECONDS);
    }

    private void tick()
    {
        if (engine.failure() == null)
        {
            engine.tryPublish(command.time(CommandClock.nowNs()), null);
        }
    }

    /**
     * Stops ticking (before the engine closes).
     *
     * @throws InterruptedException when interrupted while waiting for a tick in progress.
     */
    public void stop() throws InterruptedException
    {
        if (timer != null)
        {
            timer.shutdownNow();
            timer.awaitTermination(5, TimeUnit.SECONDS);
        }
    }
}
