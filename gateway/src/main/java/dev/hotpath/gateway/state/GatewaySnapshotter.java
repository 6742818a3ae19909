package dev.hotpath.gateway.state;

import dev.hotpath.engine.journal.EventJournalReader;
import dev.hotpath.engine.snapshot.SnapshotStore;
import dev.hotpath.gateway.out.Responder;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.AgentTerminationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;

/**
 * Takes the gateway's periodic snapshots without touching the live gateway: like the engine's snapshotter, it
 * keeps a {@link GatewayState} of its own, tails the event journal into it (the same {@link Responder} rules,
 * in replay mode) and, whenever the last frame applied has a sequence that is a multiple of the interval, writes
 * that copy to the {@link SnapshotStore}. The responder never waits for it and shares nothing with it; since the
 * gateway's state is a function of the event journal, the copy is what a replay of the journal up to that
 * sequence builds.
 *
 * <p>An Agrona {@link Agent}: each duty cycle applies what the journal holds now, up to a small bound. On a
 * failure (a damaged journal, a full disk) it logs once and stops: the next start uses an older snapshot or
 * replays more. At shutdown, once the engine has stopped writing, {@link #requestFinish} asks it to catch up and
 * write a last snapshot of the end, on its own thread (the journal's tailer belongs to that thread), and
 * {@link #finished} says when it has. Every other method runs on the agent's thread; the getters may be read from
 * any thread (the metrics'). Public for the gateway's assembly ({@code GatewayServer}), which builds it at start,
 * runs it on an {@code AgentRunner} and finishes it at stop.
 */
public final class GatewaySnapshotter implements Agent
{
    private static final Logger LOG = LoggerFactory.getLogger(GatewaySnapshotter.class);
    /** Frames applied in one duty cycle at most. */
    static final int FRAMES_PER_CYCLE = 256;

    private final Path eventJournal;
    private final SnapshotStore store;
    private final GatewayState state;
    private final EventJournalReplay replay;
    private final GatewaySnapshot.Position start;
    private final long interval;
    private final int fingerprint;
    private final boolean saveAtStart;
    private final EventJournalReader.FrameHandler handler = this::onFrame;
    private EventJournalReader reader;
    private volatile long lastSnapshotSequence;
    private volatile long snapshotsWritten;
    private volatile boolean finishRequested;
    private volatile boolean finished;

    /**
     * @param eventJournal the event journal directory.
     * @param store        where snapshots go.
     * @param state        the copy to keep (the caller does not use it afterwards).
     * @param replay       applies frames to {@code state}, positioned at {@code start}.
     * @param start        where {@code state} stands.
     * @param lastSnapshot the sequence of the newest snapshot on disk (0: none).
     * @param interval     a snapshot after every frame whose sequence is a multiple of this (0: only at
     *                     the finish, see {@link #requestFinish}).
     * @param fingerprint  of the config (see {@link GatewaySnapshot#fingerprint}).
     * @param saveAtStart  true to write {@code state} at once (the start replayed a long stretch of journal).
     */
    public GatewaySnapshotter(final Path eventJournal, final SnapshotStore store, final GatewayState state,
        final EventJournalReplay replay, final GatewaySnapshot.Position start, final long lastSnapshot,
        final long interval, final int fingerprint, final boolean saveAtStart)
    {
        this.eventJournal = eventJournal;
        this.store = store;
        this.state = state;
        this.replay = replay;
        this.start = start;
        this.interval = interval;
        this.fingerprint = fingerprint;
        this.saveAtStart = saveAtStart;
        this.lastSnapshotSequence = lastSnapshot;
    }

    @Override
    public void onStart()
    {
        reader = new EventJournalReader(eventJournal);
        if (start.sequence() > 0)
        {
            reader.seekAfter(start.eventIndex(), start.sequence());
        }
        if (saveAtStart)
        {
            save();
        }
    }

    @Override
    public int doWork()
    {
        try
        {
            final int applied = reader.poll(handler, FRAMES_PER_CYCLE); // 0 when caught up: the idle strategy parks
            if (applied == 0 && finishRequested && !finished)
            {
                if (replay.lastSequence() > lastSnapshotSequence)
                {
                    save();
                }
                finished = true;
            }
            return applied;
        }
        catch (final RuntimeException ex)
        {
            LOG.error("gateway snapshots stop at sequence {} (the next start replays the event journal from " +
                "there): {}", lastSnapshotSequence, ex.toString());
            throw new AgentTerminationException(ex);
        }
    }

    private void onFrame(final org.agrona.DirectBuffer frame, final int length, final long index)
    {
        replay.onFrame(frame, length, index);
        if (interval > 0 && replay.lastSequence() % interval == 0)
        {
            save();
        }
    }

    private void save()
    {
        final GatewaySnapshot.Position position = replay.position();
        store.save(position.sequence(), GatewaySnapshot.encode(state, position, fingerprint));
        lastSnapshotSequence = position.sequence();
        snapshotsWritten++;
    }

    @Override
    public String roleName()
    {
        return "hotpath-gateway-snapshotter";
    }

    @Override
    public void onClose()
    {
        if (reader != null)
        {
            reader.close();
            reader = null;
        }
    }

    /**
     * At shutdown, once the engine has stopped writing: the agent applies the rest of the journal, writes a
     * snapshot of the end (unless it has one), and then reports {@link #finished}, so that the next start
     * replays nothing. Any thread.
     */
    public void requestFinish()
    {
        finishRequested = true;
    }

    /** @return true once a finish was requested and the last snapshot written (or found not needed). Any thread. */
    public boolean finished()
    {
        return finished;
    }

    /** @return the sequence of the newest snapshot written (or found at the start). Any thread. */
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
