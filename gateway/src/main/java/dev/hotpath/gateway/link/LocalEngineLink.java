package dev.hotpath.gateway.link;

import dev.hotpath.engine.api.Command;
import dev.hotpath.engine.pipeline.CommandEvent;
import dev.hotpath.engine.pipeline.Engine;
import dev.hotpath.engine.pipeline.EngineListener;
import dev.hotpath.engine.pipeline.ThreadingMode;
import dev.hotpath.engine.risk.AccountRisk;
import dev.hotpath.gateway.GatewayMetrics;

import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The engine in this process: commands go straight into its input ring ({@link Engine#tryPublish}, which never
 * blocks), results come from the engine's thread.
 *
 * <p>An engine in {@link ThreadingMode#INVOKER} has no thread: the gateway's event loop runs its duty cycle. The
 * first command published in a turn of the loop asks the loop for one duty cycle, which runs after the turn's
 * reads, journals and matches every command they published, and hands the results to the responder on the same
 * loop: no thread is woken per command, on the way in or out. A command published by another thread (the
 * engine clock, an admin call) asks the loop the same way, waking it. Behind an in-process transport (no loop)
 * the duty cycles run on a thread of the link's own ({@code hotpath-engine}).
 *
 * <p>Threads: see {@link EngineLink}.
 */
public final class LocalEngineLink implements EngineLink
{
    private final Engine engine;
    private final Executor loop;
    private final ExecutorService ownLoop;
    private final AtomicBoolean cycleRequested = new AtomicBoolean();
    private final Runnable cycle = this::cycle;

    /**
     * @param engineFactory builds the (not yet started) engine around a listener.
     * @param listener      told the results.
     * @param loop          the gateway's event loop, which runs the duty cycles of an engine in
     *                      {@link ThreadingMode#INVOKER}; {@code null} for a thread of the link's own.
     */
    public LocalEngineLink(final Function<EngineListener, Engine> engineFactory, final LinkListener listener,
        final Executor loop)
    {
        this.engine = engineFactory.apply(new EngineListener()
        {
            @Override
            public void onCommandResult(final CommandEvent event)
            {
                listener.onResult(event);
            }

            @Override
            public void onEngineStopped(final Throwable cause)
            {
                listener.onStopped(cause);
            }

            @Override
            public void onDiskSpace(final boolean low, final String detail)
            {
                listener.onAvailability(!low, detail);
            }
        });
        final boolean invoked = engine.config().threadingMode() == ThreadingMode.INVOKER;
        ownLoop = invoked && loop == null ? Executors.newSingleThreadExecutor(task ->
        {
            final Thread thread = new Thread(task, "hotpath-engine");
            thread.setDaemon(true);
            return thread;
        }) : null;
        this.loop = invoked ? (loop != null ? loop : ownLoop) : null;
    }

    /** Asks the loop for a duty cycle unless one is asked for already. Any thread that published. */
    private void requestCycle()
    {
        if (loop != null && !cycleRequested.get() && cycleRequested.compareAndSet(false, true))
        {
            loop.execute(cycle); // from the loop itself: queued for this turn, no wake-up
        }
    }

    /** The loop's task: every command published so far through the engine. */
    private void cycle()
    {
        cycleRequested.set(false); // first: a command published from here on asks again
        engine.invoker().invoke();
    }

    /** @return the engine. */
    public Engine engine()
    {
        return engine;
    }

    @Override
    public void start()
    {
        engine.start();
    }

    @Override
    public void open()
    {
        // the engine is running since start(): its results flow as soon as a command goes in
    }

    @Override
    public long recoveredSequence()
    {
        return engine.coreWhenStopped().lastSequence(); // nothing is published before serving
    }

    @Override
    public Path directory()
    {
        return engine.config().directory();
    }

    @Override
    public Path eventJournalDirectory()
    {
        return engine.config().eventJournalDirectory();
    }

    @Override
    public String describe()
    {
        return "engine in process, recovered " + engine.recovery();
    }

    @Override
    public boolean tryPublish(final Command command, final Object attachment)
    {
        if (!engine.tryPublish(command, 0, attachment))
        {
            return false;
        }
        requestCycle();
        return true;
    }

    /**
     * Waits for room in the ring: not on the loop of an engine in {@link ThreadingMode#INVOKER}, which frees it.
     * Used at start, by the controlling thread.
     */
    @Override
    public boolean publish(final Command command)
    {
        if (loop == null)
        {
            return engine.publish(command, 0);
        }
        while (!engine.tryPublish(command, 0, null))
        {
            if (engine.intakeRefusal() != null)
            {
                return false;
            }
            requestCycle();
            Thread.onSpinWait();
        }
        requestCycle();
        return true;
    }

    @Override
    public Throwable failure()
    {
        return engine.failure();
    }

    @Override
    public String intakeRefusal()
    {
        return engine.intakeRefusal();
    }

    @Override
    public boolean diskSpaceLow()
    {
        return engine.diskSpaceLow();
    }

    @Override
    public void drainAbandoned(final Consumer<Object> abandoned)
    {
        engine.drainAbandoned(abandoned);
    }

    @Override
    public long ringOccupancy()
    {
        return engine.ringOccupancy();
    }

    @Override
    public AccountRisk riskAtStart(final long accountId)
    {
        return engine.coreWhenStopped().risk().find(accountId);
    }

    @Override
    public boolean knowsRiskAtStart()
    {
        return true;
    }

    @Override
    public void bindMetrics(final GatewayMetrics metrics)
    {
        metrics.bindStalls(engine);
    }

    /**
     * Closes the engine. In {@link ThreadingMode#INVOKER} on the loop that invokes it, so that its last duty
     * cycles and the journals' closing happen on the thread that owns them (or here, if that loop is gone).
     */
    @Override
    public void close()
    {
        if (loop == null)
        {
            engine.close();
            return;
        }
        try
        {
            CompletableFuture.runAsync(engine::close, loop).join();
        }
        catch (final java.util.concurrent.RejectedExecutionException ex)
        {
            engine.close(); // the loop has stopped: nothing invokes any more
        }
        finally
        {
            if (ownLoop != null)
            {
                ownLoop.shutdown();
            }
        }
    }
}
