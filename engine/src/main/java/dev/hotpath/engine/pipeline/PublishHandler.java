package dev.hotpath.engine.pipeline;

import com.lmax.disruptor.EventHandler;
import dev.hotpath.engine.journal.EventJournalWriter;

/**
 * Stage 2 of the pipeline, the publisher: once a command is both journaled and matched, appends its events to
 * the event journal (for other processes) and hands them to the in-process {@link EngineListener} (the
 * gateway). Nothing leaves the engine before its command is in the input journal.
 *
 * <p>Runs on the publisher thread.
 */
final class PublishHandler implements EventHandler<CommandEvent>
{
    private final EventJournalWriter eventJournal;
    private final EngineListener listener;

    PublishHandler(final EventJournalWriter eventJournal, final EngineListener listener)
    {
        this.eventJournal = eventJournal;
        this.listener = listener;
    }

    @Override
    public void onStart()
    {
        eventJournal.handOverToCurrentThread();
    }

    @Override
    public void onEvent(final CommandEvent event, final long sequence, final boolean endOfBatch)
    {
        eventJournal.append(event, event.events, event.eventsLength);
        listener.onCommandResult(event);
        if (endOfBatch)
        {
            eventJournal.flush();
        }
    }
}
