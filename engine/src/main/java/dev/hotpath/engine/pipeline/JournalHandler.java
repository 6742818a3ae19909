package dev.hotpath.engine.pipeline;

import com.lmax.disruptor.EventHandler;
import dev.hotpath.engine.journal.InputJournalWriter;
import dev.hotpath.engine.metrics.DutyCycleStallTracker;

/**
 * Stage 1a of the pipeline, the journaler: appends every command to the input journal, flushing at the end of
 * each batch (so bursts cost one flush, not one per command). In {@link ThreadingMode#DEDICATED} it runs on a
 * thread of its own in parallel with the matcher on the same ring sequence, and the publisher waits for both;
 * in {@link ThreadingMode#SHARED} the {@link JournalMatchPublishHandler} calls {@link #journal} and
 * {@link #endBatch} itself.
 *
 * <p>Runs on the journaler thread (or the shared engine thread), which owns the input journal's appender from
 * {@link #onStart} to {@link #onShutdown}.
 */
final class JournalHandler implements EventHandler<CommandEvent>
{
    private final InputJournalWriter journal;
    private final DutyCycleStallTracker cycles;
    /**
     * Per ring slot, where to resume reading the journal for that slot's command (for the final snapshot). Kept
     * here rather than in the slot, so that the journaler never writes the cache lines the matcher is reading and
     * writing at the same moment.
     */
    private final long[] resumeIndexes;
    private final int slotMask;
    private volatile long journaledSequence;
    private long batchStartNs;

    /**
     * @param journal       the input journal.
     * @param startSequence the last sequence already in it.
     * @param ringSize      the ring's size.
     * @param cycles        measures this stage's batches when it has a thread of its own.
     */
    JournalHandler(final InputJournalWriter journal, final long startSequence, final int ringSize,
        final DutyCycleStallTracker cycles)
    {
        this.journal = journal;
        this.journaledSequence = startSequence;
        this.resumeIndexes = new long[ringSize];
        this.slotMask = ringSize - 1;
        this.cycles = cycles;
    }

    @Override
    public void onStart()
    {
        journal.handOverToCurrentThread();
    }

    @Override
    public void onBatchStart(final long batchSize, final long queueDepth)
    {
        batchStartNs = System.nanoTime();
    }

    @Override
    public void onEvent(final CommandEvent event, final long sequence, final boolean endOfBatch)
    {
        journal(event, sequence);
        if (endOfBatch)
        {
            endBatch(event.sequence);
            cycles.record(System.nanoTime() - batchStartNs);
        }
    }

    /**
     * Adds one command to the journal's current block.
     *
     * @param event    the command.
     * @param sequence its ring sequence.
     */
    void journal(final CommandEvent event, final long sequence)
    {
        resumeIndexes[(int)sequence & slotMask] = journal.append(event);
    }

    /**
     * Writes the batch's block: after this, every command up to {@code engineSequence} is journaled.
     *
     * @param engineSequence the engine sequence of the batch's last command.
     */
    void endBatch(final long engineSequence)
    {
        journal.flush();
        journaledSequence = engineSequence;
    }

    @Override
    public void onShutdown()
    {
        journal.close();
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

    /** @return the engine sequence of the last command flushed to the journal. Any thread. */
    long journaledSequence()
    {
        return journaledSequence;
    }
}
