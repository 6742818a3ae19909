package dev.hotpath.engine.pipeline;

import com.lmax.disruptor.EventHandler;
import dev.hotpath.engine.codec.EventEncoder;
import dev.hotpath.engine.snapshot.SnapshotStore;
import org.agrona.MutableDirectBuffer;

/**
 * Stage 1b of the pipeline, the matcher: applies each command to the {@link EngineCore} (risk, then
 * matching) and writes the resulting events into the ring slot. Every {@code snapshotInterval} commands it
 * writes a snapshot, once the journaler has caught up so that a snapshot never covers a command that is
 * not in the journal.
 *
 * <p>Runs on the matching thread, which owns the engine state.
 */
final class MatchingHandler implements EventHandler<CommandEvent>
{
    private final EngineCore core;
    private final EventEncoder encoder = new EventEncoder();
    private final SnapshotStore snapshots;
    private final long snapshotInterval;
    private final JournalHandler journaler;

    MatchingHandler(
        final EngineCore core, final SnapshotStore snapshots, final long snapshotInterval,
        final JournalHandler journaler)
    {
        this.core = core;
        this.snapshots = snapshots;
        this.snapshotInterval = snapshotInterval;
        this.journaler = journaler;
    }

    @Override
    public void onEvent(final CommandEvent event, final long sequence, final boolean endOfBatch)
    {
        core.apply(event, encoder.wrap(event.compactEvents, event.largeEvents));
        final MutableDirectBuffer events = encoder.buffer();
        if (event.events != events) // almost always the same buffer: skip the reference store and its GC barrier
        {
            event.events = events;
        }
        event.eventsLength = encoder.length();
        if (snapshotInterval > 0 && event.sequence % snapshotInterval == 0)
        {
            while (journaler.journaledSequence() < event.sequence)
            {
                Thread.onSpinWait();
            }
            snapshots.save(core, journaler.resumeIndex(sequence));
        }
    }
}
