package dev.hotpath.engine.pipeline;

import com.lmax.disruptor.EventHandler;
import com.lmax.disruptor.ExceptionHandler;
import com.lmax.disruptor.InsufficientCapacityException;
import com.lmax.disruptor.RingBuffer;
import com.lmax.disruptor.TimeoutException;
import com.lmax.disruptor.dsl.Disruptor;
import com.lmax.disruptor.dsl.ProducerType;
import dev.hotpath.engine.api.Command;
import dev.hotpath.engine.journal.EventJournalWriter;
import dev.hotpath.engine.journal.InputJournalWriter;
import dev.hotpath.engine.snapshot.SnapshotStore;
import net.openhft.affinity.AffinityLock;

import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A running engine: the LMAX-style pipeline around the {@link EngineCore}.
 *
 * <pre>
 *   producers ──▶ input ring ──┬─▶ journaler (input journal, flush per batch) ─┐
 *  (gateway,                   └─▶ matcher (risk + matching → events in slot) ──┴─▶ publisher ──▶ event journal
 *   load generator)                                                                              └─▶ EngineListener
 * </pre>
 *
 * <p>{@link #start()} recovers the state from the latest snapshot and the input journal, then starts the three
 * pipeline threads. Producers publish with {@link #tryPublish} (never blocks: false when the ring is full, the
 * caller answers "busy") or {@link #publish} (waits for a free slot). {@link #close()} stops intake, drains the
 * ring, flushes the journals and writes a snapshot.
 *
 * <p>Thread-safety: {@code tryPublish}/{@code publish} may be called from any number of threads at once.
 * {@code start} and {@code close} from one controlling thread. The engine state belongs to the matching thread.
 */
public final class Engine implements AutoCloseable
{
    private static final System.Logger LOG = System.getLogger(Engine.class.getName());

    private final EngineConfig config;
    private final EngineListener listener;
    private Disruptor<CommandEvent> disruptor;
    private RingBuffer<CommandEvent> ring;
    private JournalHandler journaler;
    private InputJournalWriter inputJournal;
    private EventJournalWriter eventJournal;
    private EngineCore core;
    private long baseSequence;
    private volatile boolean accepting;
    private volatile Throwable failure;
    private Recovery.Result recovery;

    /**
     * @param config   what to build.
     * @param listener receives every command's results on the publisher thread.
     */
    public Engine(final EngineConfig config, final EngineListener listener)
    {
        this.config = config;
        this.listener = listener;
    }

    /**
     * Recovers the state and starts the pipeline.
     *
     * @return this.
     */
    public Engine start()
    {
        eventJournal = new EventJournalWriter(config.eventJournalDirectory());
        recovery = Recovery.recover(config, eventJournal);
        core = recovery.core();
        baseSequence = core.lastSequence();
        inputJournal = new InputJournalWriter(config.inputJournalDirectory(), config.durability());

        // one array holds every slot's compact events region, so consecutive slots' events are adjacent in memory
        final byte[] eventArena = new byte[Math.multiplyExact(config.ringSize(), CommandEvent.COMPACT_EVENT_BYTES)];
        final int[] nextSlot = {0};
        disruptor = new Disruptor<>(() -> new CommandEvent(eventArena, CommandEvent.COMPACT_EVENT_BYTES * nextSlot[0]++),
            config.ringSize(), new PipelineThreadFactory(config.pinThreads()),
            ProducerType.MULTI, config.waitStrategy().create());
        disruptor.setDefaultExceptionHandler(new FailFast());
        // the slots first, densely, then their rarely used overflow buffers, away from them
        final RingBuffer<CommandEvent> slots = disruptor.getRingBuffer();
        for (int i = 0; i < config.ringSize(); i++)
        {
            slots.get(i).allocateLargeEvents();
        }
        journaler = new JournalHandler(inputJournal, baseSequence, config.ringSize());
        final MatchingHandler matcher = new MatchingHandler(core,
            new SnapshotStore(config.snapshotDirectory(), 3), config.snapshotInterval(), journaler);
        final EventHandler<CommandEvent> publisher = new PublishHandler(eventJournal, listener);
        disruptor.handleEventsWith(journaler, matcher).then(publisher);
        ring = disruptor.start();
        accepting = true;
        return this;
    }

    /**
     * Publishes a command if there is room in the ring, without waiting.
     *
     * @param command       the command (its sequence is assigned here).
     * @param correlationId handed back with the results.
     * @return false when the ring is full or the engine is not accepting commands.
     */
    public boolean tryPublish(final Command command, final long correlationId)
    {
        if (!accepting)
        {
            return false;
        }
        final long slot;
        try
        {
            slot = ring.tryNext();
        }
        catch (final InsufficientCapacityException ex)
        {
            return false;
        }
        fill(slot, command, correlationId);
        return true;
    }

    /**
     * Publishes a command, waiting for a free slot if the ring is full.
     *
     * @param command       the command (its sequence is assigned here).
     * @param correlationId handed back with the results.
     * @return false when the engine is not accepting commands.
     */
    public boolean publish(final Command command, final long correlationId)
    {
        if (!accepting)
        {
            return false;
        }
        fill(ring.next(), command, correlationId);
        return true;
    }

    /** Two-phase publish: fill the claimed slot field by field (no translator object), then publish it. */
    private void fill(final long slot, final Command command, final long correlationId)
    {
        final CommandEvent event = ring.get(slot);
        event.copyFrom(command);
        event.sequence = baseSequence + slot + 1;
        event.correlationId = correlationId;
        ring.publish(slot);
    }

    /** @return how many slots of the ring are in use (published but not yet fully processed). */
    public long ringOccupancy()
    {
        return ring == null ? 0 : config.ringSize() - ring.remainingCapacity();
    }

    /** @return the ring's size. */
    public int ringSize()
    {
        return config.ringSize();
    }

    /** @return what the start-up recovery did. */
    public Recovery.Result recovery()
    {
        return recovery;
    }

    /** @return the error that stopped the pipeline, or {@code null}. */
    public Throwable failure()
    {
        return failure;
    }

    /** @return the config. */
    public EngineConfig config()
    {
        return config;
    }

    /**
     * The engine state. Only safe to read while the pipeline is not running (before start, after close).
     *
     * @return the core.
     */
    public EngineCore coreWhenStopped()
    {
        return core;
    }

    /**
     * Graceful shutdown: refuse new commands, let the ring drain through all stages, flush and close the
     * journals, then write a snapshot.
     */
    @Override
    public void close()
    {
        if (disruptor == null)
        {
            return;
        }
        accepting = false;
        boolean drained = true;
        try
        {
            disruptor.shutdown(30, TimeUnit.SECONDS);
        }
        catch (final TimeoutException ex)
        {
            LOG.log(System.Logger.Level.WARNING, "engine did not drain within 30 s; halting without a snapshot");
            disruptor.halt();
            drained = false;
        }
        inputJournal.close();
        eventJournal.close();
        if (drained && failure == null)
        {
            new SnapshotStore(config.snapshotDirectory(), 3).save(core, lastJournalIndexOnDisk());
        }
        disruptor = null;
    }

    private long lastJournalIndexOnDisk()
    {
        final long cursor = ring.getCursor();
        return cursor >= 0 ? journaler.resumeIndex(cursor) : recovery.lastJournalIndex();
    }

    /** Any error in a stage stops the engine: acknowledging on after a journal failure would lose data. */
    private final class FailFast implements ExceptionHandler<CommandEvent>
    {
        @Override
        public void handleEventException(final Throwable ex, final long sequence, final CommandEvent event)
        {
            failure = ex;
            accepting = false;
            LOG.log(System.Logger.Level.ERROR, "engine stage failed at " + event + "; intake stopped", ex);
            throw new IllegalStateException("engine stopped after a stage failed", ex);
        }

        @Override
        public void handleOnStartException(final Throwable ex)
        {
            failure = ex;
            LOG.log(System.Logger.Level.ERROR, "engine stage failed to start", ex);
        }

        @Override
        public void handleOnShutdownException(final Throwable ex)
        {
            LOG.log(System.Logger.Level.ERROR, "engine stage failed to shut down", ex);
        }
    }

    /** Names the pipeline threads, optionally pinning each to its own core. */
    private static final class PipelineThreadFactory implements ThreadFactory
    {
        private static final String[] NAMES = {"hotpath-journaler", "hotpath-matcher", "hotpath-publisher"};
        private final AtomicInteger count = new AtomicInteger();
        private final boolean pin;

        PipelineThreadFactory(final boolean pin)
        {
            this.pin = pin;
        }

        @Override
        public Thread newThread(final Runnable task)
        {
            final int n = count.getAndIncrement();
            final Runnable body = pin ? () ->
            {
                final AffinityLock lock = AffinityLock.acquireLock();
                try
                {
                    task.run();
                }
                finally
                {
                    lock.release();
                }
            } : task;
            final Thread thread = new Thread(body, n < NAMES.length ? NAMES[n] : "hotpath-stage-" + n);
            thread.setDaemon(true);
            return thread;
        }
    }
}
