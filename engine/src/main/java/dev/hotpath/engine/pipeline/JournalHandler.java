package dev.hotpath.engine.pipeline;

import com.lmax.disruptor.EventHandler;
import dev.hotpath.engine.journal.InputJournalWriter;

/**
 * Stage 1a of the pipeline, the journaler: appends every command to the input journal, flushing at the end of
 * each batch (so bursts cost one flush, not one per command). It runs in parallel with the matcher on the
 * same ring sequence; the publisher waits for both.
 *
 * <p>Runs on the journaler thread.
 */
final class JournalHandler implements EventHandler<CommandEvent>
{
    private final InputJournalWriter journal;
    private volatile long journaledSequence;

    JournalHandler(final InputJournalWriter journal, final long startSequence)
    {
        this.journal = journal;
        this.journaledSequence = startSequence;
    }

    @Override
    public void onStart()
    {
        journal.handOverToCurrentThread();
    }

    @Override
    public void onEvent(final CommandEvent event, final long sequence, final boolean endOfBatch)
    {
        event.journalIndex = journal.append(event);
        if (endOfBatch)
        {
            journal.flush();
            journaledSequence = event.sequence;
        }
    }

    /** @return the engine sequence of the last command flushed to the journal (read by the matcher). */
    long journaledSequence()
    {
        return journaledSequence;
    }
}
