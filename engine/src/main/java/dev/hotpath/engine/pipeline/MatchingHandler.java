package dev.hotpath.engine.pipeline;

import com.lmax.disruptor.EventHandler;
import dev.hotpath.engine.codec.EventEncoder;
import dev.hotpath.engine.core.EngineCore;
import dev.hotpath.engine.metrics.DutyCycleStallTracker;
import org.agrona.ExpandableArrayBuffer;

/**
 * Stage 1b of the pipeline, the matcher: applies each command to the {@link EngineCore} (risk, then
 * matching) and writes the resulting events into the ring slot. It does nothing else: snapshots are taken by
 * the {@link dev.hotpath.engine.snapshot.Snapshotter} from the input journal, on another thread, so the matcher
 * never waits on the disk or on another thread.
 *
 * <p>Runs on the matching thread ({@link ThreadingMode#DEDICATED}) or the shared engine thread, which owns the
 * engine state.
 */
final class MatchingHandler implements EventHandler<CommandEvent>
{
    private final EngineCore core;
    private final EventEncoder encoder = new EventEncoder();
    private final DutyCycleStallTracker cycles;
    private final OverflowArena overflow;
    private final ExpandableArrayBuffer scratch;
    private long batchStartNs;

    /**
     * @param core     the engine state.
     * @param cycles   measures this stage's batches when it has a thread of its own.
     * @param overflow where the events of commands with many events go.
     */
    MatchingHandler(final EngineCore core, final DutyCycleStallTracker cycles, final OverflowArena overflow)
    {
        this.core = core;
        this.cycles = cycles;
        this.overflow = overflow;
        this.scratch = overflow.scratch();
    }

    @Override
    public void onBatchStart(final long batchSize, final long queueDepth)
    {
        batchStartNs = System.nanoTime();
    }

    @Override
    public void onEvent(final CommandEvent event, final long sequence, final boolean endOfBatch)
    {
        match(event);
        if (endOfBatch)
        {
            cycles.record(System.nanoTime() - batchStartNs);
        }
    }

    /**
     * Applies one command and leaves its events in its slot.
     *
     * @param event the slot.
     */
    void match(final CommandEvent event)
    {
        core.apply(event, encoder.wrap(event.compactEvents, scratch));
        final int length = encoder.length();
        event.eventsLength = length;
        if (encoder.buffer() == scratch)
        {
            overflow.place(event, length); // into the shared arena, until the publisher is done with them
        }
    }
}
