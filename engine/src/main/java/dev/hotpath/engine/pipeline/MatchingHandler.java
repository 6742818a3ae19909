package dev.hotpath.engine.pipeline;

import com.lmax.disruptor.EventHandler;
import dev.hotpath.engine.codec.EventEncoder;
import dev.hotpath.engine.metrics.DutyCycleStallTracker;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.MutableDirectBuffer;

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
    private final OverflowBuffers overflow;
    /** Where the next command's events move if they outgrow its slot's compact region. */
    private ExpandableArrayBuffer spare;
    private long batchStartNs;

    /**
     * @param core     the engine state.
     * @param cycles   measures this stage's batches when it has a thread of its own.
     * @param overflow the spare buffers for commands with many events.
     */
    MatchingHandler(final EngineCore core, final DutyCycleStallTracker cycles, final OverflowBuffers overflow)
    {
        this.core = core;
        this.cycles = cycles;
        this.overflow = overflow;
        this.spare = overflow.take();
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
        core.apply(event, encoder.wrap(event.compactEvents, spare));
        final MutableDirectBuffer events = encoder.buffer();
        if (event.events != events) // almost always the same buffer: skip the reference store and its GC barrier
        {
            event.events = events;
        }
        event.eventsLength = encoder.length();
        if (events == spare)
        {
            // the slot keeps the spare until the publisher is done with it
            event.largeEvents = spare;
            spare = overflow.take();
        }
    }
}
