package dev.hotpath.engine.pipeline;

import com.lmax.disruptor.EventHandler;
import dev.hotpath.engine.journal.EventJournalWriter;
import dev.hotpath.engine.metrics.DutyCycleStallTracker;

/**
 * Stage 2 of the pipeline, the publisher: once a command is both journaled and matched, appends its events to
 * the event journal (for other processes) and hands them to the in-process {@link EngineListener} (the
 * gateway). Nothing leaves the engine before its command is in the input journal.
 *
 * <p>Runs on the publisher thread ({@link ThreadingMode#DEDICATED}) or the shared engine thread, which owns the
 * event journal's appender from {@link #onStart} to {@link #onShutdown}.
 */
final class PublishHandler implements EventHandler<CommandEvent>
{
    private final EventJournalWriter eventJournal;
    private final EngineListener listener;
    private final DutyCycleStallTracker cycles;
    private final OverflowArena overflow;
    private long batchStartNs;

    /**
     * @param eventJournal the event journal.
     * @param listener     receives each command's results.
     * @param cycles       measures this stage's batches when it has a thread of its own.
     * @param overflow     where the events of commands with many events are released once published.
     */
    PublishHandler(final EventJournalWriter eventJournal, final EngineListener listener,
        final DutyCycleStallTracker cycles, final OverflowArena overflow)
    {
        this.eventJournal = eventJournal;
        this.listener = listener;
        this.cycles = cycles;
        this.overflow = overflow;
    }

    @Override
    public void onStart()
    {
        eventJournal.handOverToCurrentThread();
    }

    @Override
    public void onBatchStart(final long batchSize, final long queueDepth)
    {
        batchStartNs = System.nanoTime();
    }

    @Override
    public void onEvent(final CommandEvent event, final long sequence, final boolean endOfBatch)
    {
        publish(event);
        if (endOfBatch)
        {
            endBatch();
            cycles.record(System.nanoTime() - batchStartNs);
        }
    }

    /**
     * Appends one command's events to the event journal's current block and hands them to the listener.
     *
     * @param event a journaled, matched slot.
     */
    void publish(final CommandEvent event)
    {
        eventJournal.append(event, event.events, event.eventsLength);
        listener.onCommandResult(event);
        if (event.overflowEnd != 0)
        {
            // its events were copied into the journal's block and by the listener: their space can serve again
            overflow.release(event);
        }
    }

    /** Writes the batch's block of events. */
    void endBatch()
    {
        eventJournal.flush();
    }

    @Override
    public void onShutdown()
    {
        eventJournal.close();
    }
}
