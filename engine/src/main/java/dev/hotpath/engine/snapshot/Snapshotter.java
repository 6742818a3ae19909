package dev.hotpath.engine.snapshot;

import dev.hotpath.engine.api.Command;
import dev.hotpath.engine.api.NoOpEventSink;
import dev.hotpath.engine.core.EngineCore;
import dev.hotpath.engine.journal.InputJournalReader;
import org.agrona.concurrent.Agent;

import java.nio.file.Path;

/**
 * Takes the engine's periodic snapshots without ever stopping the matcher: it tails the input journal on its own
 * thread, applies every command to a copy of the engine state of its own (at replay speed, about a tenth of a
 * core at a million commands a second) and, every {@code snapshotInterval} commands, writes that copy to the
 * {@link SnapshotStore}. The matching thread never waits for it, never shares state with it and never touches
 * the disk for it; since the engine is a pure function of its input journal, the copy is the engine's state at
 * the same sequence, byte for byte.
 *
 * <p>An Agrona {@link Agent}: its {@link #doWork()} applies what the journal holds now, up to a small bound per duty
 * cycle, so that with an idle strategy that yields between cycles and parks when there is nothing to do it takes
 * little of a small machine and never holds a core for long. Every method but the status getters and {@link #requestFinish} runs on the
 * agent's thread; the getters may be read from any thread.
 */
public final class Snapshotter implements Agent
{
    /**
     * Commands applied in one duty cycle at most (tens of microseconds of work), so that one cycle never holds a
     * core the matcher needs for long; the agent's idle strategy yields between cycles.
     */
    static final int COMMANDS_PER_CYCLE = 256;

    private final EngineCore core;
    private final Path inputJournal;
    private final long resumeIndex;
    private final long interval;
    private final SnapshotStore store;
    private final Command command = new Command();
    private InputJournalReader reader;
    private volatile long appliedSequence;
    private volatile long lastSnapshotSequence;
    private volatile long snapshotsWritten;
    private volatile long finishAtSequence = Long.MAX_VALUE;

    /**
     * @param inputJournal the engine's input journal directory, which it tails.
     * @param store        where it writes the snapshots.
     * @param interval     commands between snapshots: it writes one at every sequence that is a multiple of it.
     * @param start        the engine state to start from, with its journal position; the snapshotter keeps it as
     *                     its own (the caller must not use it afterwards).
     * @param resumeIndex  the input journal block to resume reading at (at or before the block of
     *                     {@code start.lastSequence() + 1}), or -1 to read the journal from its start.
     */
    public Snapshotter(final Path inputJournal, final SnapshotStore store, final long interval, final EngineCore start,
        final long resumeIndex)
    {
        this.core = start;
        this.inputJournal = inputJournal;
        this.resumeIndex = resumeIndex;
        this.interval = interval;
        this.store = store;
        this.appliedSequence = start.lastSequence();
        this.lastSnapshotSequence = start.lastSequence();
    }

    @Override
    public void onStart()
    {
        reader = new InputJournalReader(inputJournal);
        if (resumeIndex >= 0)
        {
            reader.seek(resumeIndex, core.lastSequence());
        }
    }

    @Override
    public int doWork()
    {
        int applied = 0;
        while (applied < COMMANDS_PER_CYCLE && reader.next(command))
        {
            core.apply(command, NoOpEventSink.INSTANCE);
            applied++;
            if (command.sequence % interval == 0)
            {
                store.save(core, reader.lastIndex());
                lastSnapshotSequence = command.sequence;
                snapshotsWritten++;
            }
        }
        if (applied > 0)
        {
            appliedSequence = command.sequence;
        }
        return applied; // 0 when caught up: the idle strategy parks until more come
    }

    @Override
    public void onClose()
    {
        if (reader != null)
        {
            reader.close();
        }
    }

    @Override
    public String roleName()
    {
        return "hotpath-snapshotter";
    }

    /**
     * Asks the snapshotter to stop once it has applied a sequence (the last one journaled, at shutdown), so
     * that every snapshot due before it is written. Any thread.
     *
     * @param sequence the last sequence to apply.
     */
    public void requestFinish(final long sequence)
    {
        finishAtSequence = sequence;
    }

    /** @return true once the sequence given to {@link #requestFinish} is applied. Any thread. */
    public boolean finished()
    {
        return appliedSequence >= finishAtSequence;
    }

    /** @return the sequence of the last command applied to the snapshotter's copy. Any thread. */
    public long appliedSequence()
    {
        return appliedSequence;
    }

    /** @return the sequence of the newest snapshot written (or of the start state). Any thread. */
    public long lastSnapshotSequence()
    {
        return lastSnapshotSequence;
    }

    /** @return snapshots written since the start. Any thread. */
    public long snapshotsWritten()
    {
        return snapshotsWritten;
    }
}
