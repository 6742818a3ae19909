package dev.hotpath.engine.pipeline;

import com.lmax.disruptor.EventHandler;
import com.lmax.disruptor.RingBuffer;
import dev.hotpath.engine.metrics.DutyCycleStallTracker;

/**
 * The whole pipeline on one thread ({@link ThreadingMode#SHARED}): each Disruptor batch is one duty cycle that
 * journals and matches every command of the batch, writes the batch's input journal block, and only then
 * publishes the batch's events (event journal and listener). Nothing is acknowledged before it is journaled,
 * exactly as in {@link ThreadingMode#DEDICATED}, and the three stages are the same objects, so both modes write
 * the same bytes.
 *
 * <p>Runs on the engine thread, which owns the engine state and both journals' appenders.
 */
final class JournalMatchPublishHandler implements EventHandler<CommandEvent>
{
    private final JournalHandler journaler;
    private final MatchingHandler matcher;
    private final PublishHandler publisher;
    private final RingBuffer<CommandEvent> ring;
    private final DutyCycleStallTracker cycles;
    private long batchStartNs;
    private long firstSequence = -1;

    /**
     * @param journaler the input journal stage.
     * @param matcher   the matching stage.
     * @param publisher the publishing stage.
     * @param ring      the ring, to revisit the batch's slots when publishing (they stay this handler's until
     *                  its batch ends).
     * @param cycles    measures each batch.
     */
    JournalMatchPublishHandler(final JournalHandler journaler, final MatchingHandler matcher,
        final PublishHandler publisher, final RingBuffer<CommandEvent> ring, final DutyCycleStallTracker cycles)
    {
        this.journaler = journaler;
        this.matcher = matcher;
        this.publisher = publisher;
        this.ring = ring;
        this.cycles = cycles;
    }

    @Override
    public void onStart()
    {
        journaler.onStart();
        publisher.onStart();
    }

    @Override
    public void onBatchStart(final long batchSize, final long queueDepth)
    {
        batchStartNs = System.nanoTime();
    }

    @Override
    public void onEvent(final CommandEvent event, final long sequence, final boolean endOfBatch)
    {
        if (firstSequence < 0)
        {
            firstSequence = sequence;
        }
        journaler.journal(event, sequence);
        matcher.match(event);
        if (endOfBatch)
        {
            journaler.endBatch(event.sequence);
            for (long s = firstSequence; s <= sequence; s++)
            {
                publisher.publish(ring.get(s));
            }
            publisher.endBatch();
            firstSequence = -1;
            cycles.record(System.nanoTime() - batchStartNs);
        }
    }

    @Override
    public void onShutdown()
    {
        journaler.onShutdown();
        publisher.onShutdown();
    }
}
