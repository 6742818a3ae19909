package dev.hotpath.engine.pipeline;

import com.lmax.disruptor.EventPoller;

import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.function.LongSupplier;

/**
 * The engine's duty cycle run by a thread of the caller's ({@link ThreadingMode#INVOKER}), after Agrona's
 * {@code AgentInvoker}: each {@link #invoke()} takes every command published to the ring so far and runs it
 * through the same {@link JournalMatchPublishHandler} the engine thread of {@link ThreadingMode#SHARED} runs, so the
 * journals hold the same bytes. It never waits: with nothing published it returns 0 at once.
 *
 * <p>The ring is read through a Disruptor {@link EventPoller} (the poll-based consumer) instead of a
 * {@code BatchEventProcessor}'s thread. A stage that fails stops the engine exactly as on an engine thread (the
 * engine's fail-fast handler is told once); every later call returns 0.
 *
 * <p>Threads: one invoking thread at a time (the gateway's event loop), which is then the matching thread and
 * owns both journals' appenders: the first call hands them over to it. The engine's {@link Engine#close()} runs
 * the last cycles itself, once that thread has stopped invoking (or from within it).
 */
public final class EngineInvoker
{
    /** How long {@link #finish} waits for a slot a producer claimed before intake closed to be published. */
    private static final long FINISH_WAIT_NS = TimeUnit.SECONDS.toNanos(1);
    private final EventPoller<CommandEvent> poller;
    private final LongSupplier cursor;
    private final JournalMatchPublishHandler handler;
    private final BiConsumer<Throwable, CommandEvent> onFailure;
    private final EventPoller.Handler<CommandEvent> each = this::onEvent;
    private Thread owner;
    private boolean failed;
    private boolean closed;
    private CommandEvent current;
    private long count;

    /**
     * @param poller    reads the engine's ring (gating its producers).
     * @param cursor    the ring's cursor: the last slot a producer claimed.
     * @param handler   the duty cycle's stages.
     * @param onFailure the engine's fail-fast handling of a stage's failure (with the command it failed on).
     */
    EngineInvoker(final EventPoller<CommandEvent> poller, final LongSupplier cursor,
        final JournalMatchPublishHandler handler, final BiConsumer<Throwable, CommandEvent> onFailure)
    {
        this.poller = poller;
        this.cursor = cursor;
        this.handler = handler;
        this.onFailure = onFailure;
    }

    /**
     * Runs the commands published so far through the engine: journal, match, publish. Never blocks.
     *
     * @return how many commands it ran (0: nothing to do, or the engine has stopped).
     */
    public int invoke()
    {
        if (failed || closed)
        {
            return 0;
        }
        final Thread caller = Thread.currentThread();
        if (owner != caller)
        {
            owner = caller;
            handler.onStart(); // the journals' appenders now belong to this thread
        }
        count = 0;
        handler.onBatchStart(0, 0);
        try
        {
            poller.poll(each);
        }
        catch (final Throwable ex)
        {
            failed = true;
            onFailure.accept(ex, current);
        }
        return (int)count;
    }

    private boolean onEvent(final CommandEvent event, final long sequence, final boolean endOfBatch)
    {
        current = event;
        handler.onEvent(event, sequence, endOfBatch);
        count++;
        return true;
    }

    /**
     * Runs what is left in the ring, then closes the journals. Called by {@link Engine#close()} on the thread
     * that closes the engine, once nothing else invokes (intake is closed by then).
     *
     * @return false when a stage failed (then nothing was flushed after the failure).
     */
    boolean finish()
    {
        if (closed)
        {
            return !failed;
        }
        // every command published before intake closed goes through, a slot claimed just before it too
        final long deadlineNs = System.nanoTime() + FINISH_WAIT_NS;
        while (!failed && (invoke() > 0 || poller.getSequence().get() < cursor.getAsLong()) &&
            deadlineNs - System.nanoTime() > 0)
        {
            Thread.onSpinWait();
        }
        closed = true;
        if (owner != Thread.currentThread())
        {
            handler.onStart(); // the appenders come to the closing thread (a failed invoker never ran a cycle here)
        }
        handler.onShutdown();
        return !failed;
    }
}
