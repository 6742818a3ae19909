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
    /**
     * Per ring slot, where to resume reading the journal for that slot's command (for snapshots). Kept here
     * rather than in the slot, so that the journaler never writes the cache lines the matcher is reading and
     * writing at the same moment.
     */
    private final long[] resumeIndexes;
    private final int slotMask;
    private volatile long journaledSequence;

    JournalHandler(final InputJournalWriter journal, final long startSequence, final int ringSize)
    {
        this.journal = journal;
        this.journaledSequence = startSequence;
        this.resumeIndexes = new long[ringSize];
        this.slotMask = ringSize - 1;
    }

    @Override
    public void onStart()
    {
        journal.handOverToCurrentThread();
    }

    @Override
    public void onEvent(final CommandEvent event, final long sequence, final boolean endOfBatch)
    {
        resumeIndexes[(int)sequence & slotMask] = journal.append(event);
        if (endOfBatch)
        {
            journal.flush();
            journaledSequence = event.sequence;
        }
    }

    /**
     * @param ringSequence a ring sequence the journaler has passed (see {@link #journaledSequence()}) and whose
     *                     slot no producer has reused yet.
     * @return a journal index at or before that command's block: where recovery from a snapshot taken after
     *         the command resumes reading.
     */
    long resumeIndex(final long ringSequence)
    {
        return resumeIndexes[(int)ringSequence & slotMask];
    }

    /** @return the engine sequence of the last command flushed to the journal (read by the matcher). */
    long journaledSequence()
    {
        return journaledSequence;
    }
}
