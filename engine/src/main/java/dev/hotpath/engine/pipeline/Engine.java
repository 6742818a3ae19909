package dev.hotpath.engine.pipeline;

import com.lmax.disruptor.EventHandler;
import com.lmax.disruptor.EventPoller;
import com.lmax.disruptor.YieldingWaitStrategy;
import com.lmax.disruptor.ExceptionHandler;
import com.lmax.disruptor.InsufficientCapacityException;
import com.lmax.disruptor.RingBuffer;
import com.lmax.disruptor.TimeoutException;
import com.lmax.disruptor.dsl.Disruptor;
import com.lmax.disruptor.dsl.ProducerType;
import dev.hotpath.engine.api.Command;
import dev.hotpath.engine.core.EngineCore;
import dev.hotpath.engine.journal.DirectoryLock;
import dev.hotpath.engine.journal.DiskSpaceWatch;
import dev.hotpath.engine.journal.JournalWriteException;
import dev.hotpath.engine.journal.EventJournalWriter;
import dev.hotpath.engine.journal.InputJournalWriter;
import dev.hotpath.engine.journal.JournalPretoucher;
import dev.hotpath.engine.metrics.DutyCycleStallTracker;
import dev.hotpath.engine.metrics.EngineMetrics;
import dev.hotpath.engine.snapshot.SnapshotCodec;
import dev.hotpath.engine.snapshot.SnapshotStore;
import dev.hotpath.engine.snapshot.Snapshotter;
import net.openhft.affinity.AffinityLock;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.AgentRunner;
import org.agrona.concurrent.CompositeAgent;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

/**
 * A running engine: the LMAX-style pipeline around the {@link EngineCore}.
 *
 * <pre>
 *   DEDICATED:
 *   producers ──▶ input ring ──┬─▶ journaler (input journal, flush per batch) ─┐
 *  (gateway,                   └─▶ matcher (risk + matching → events in slot) ──┴─▶ publisher ──▶ event journal
 *   load generator)                                                                              └─▶ EngineListener
 *   SHARED:
 *   producers ──▶ input ring ──▶ engine thread: per batch, journal + match each command, write the block, publish
 *   INVOKER:
 *   producers ──▶ input ring ──▶ the caller's thread, through {@link #invoker()}: the same duty cycle, no thread
 *
 *   both:  input journal ──tailed by──▶ snapshotter thread (its own copy of the state) ──▶ snapshots/
 * </pre>
 *
 * <p>{@link #start()} recovers the state from the latest snapshot and the input journal, then starts the
 * pipeline threads of the configured {@link ThreadingMode} and, when periodic snapshots are on, the
 * {@link Snapshotter}. Producers publish with {@link #tryPublish} (never blocks: false when the ring is full, the
 * caller answers "busy") or {@link #publish} (waits for a free slot). {@link #close()} stops intake, drains the
 * ring, flushes the journals and writes a snapshot.
 *
 * <p>Thread-safety: {@code tryPublish}/{@code publish} may be called from any number of threads at once.
 * {@code start} and {@code close} from one controlling thread. The engine state belongs to the matching thread.
 */
public final class Engine implements AutoCloseable
{
    private static final System.Logger LOG = System.getLogger(Engine.class.getName());
    private static final String STAGE_FAILED = "engine stopped after a stage failed";

    /** How long the snapshotter parks when it has caught up with the journal. */
    private static final long SNAPSHOTTER_IDLE_NS = TimeUnit.MICROSECONDS.toNanos(500);
    /** How long shutdown waits for the snapshotter to write the snapshots due before the last command. */
    private static final long SNAPSHOTTER_FINISH_TIMEOUT_NS = TimeUnit.SECONDS.toNanos(30);
    /** How many of the newest snapshots the engine keeps on disk (older ones are deleted). */
    private static final int SNAPSHOTS_KEPT = 3;
    /** How long the pretoucher parks once it is far enough ahead of both appenders. */
    private static final long PRETOUCHER_IDLE_NS = TimeUnit.MILLISECONDS.toNanos(1);

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
    private EngineMetrics metrics;
    private Snapshotter snapshotter;
    private AgentRunner snapshotterRunner;
    private DirectoryLock directoryLock;
    private DiskSpaceWatch diskSpace;
    private AgentRunner diskWatchRunner;
    private EngineInvoker invoker;

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
        directoryLock = DirectoryLock.acquire(config.directory()); // before reading a byte: no second writer, ever
        try
        {
            startLocked();
        }
        catch (final RuntimeException | Error ex)
        {
            closeJournalsAfterFailedStart();
            directoryLock.close();
            directoryLock = null;
            throw ex;
        }
        return this;
    }

    private void closeJournalsAfterFailedStart()
    {
        if (disruptor != null)
        {
            return; // started: close() owns the rest
        }
        if (diskWatchRunner != null)
        {
            diskWatchRunner.close();
        }
        if (snapshotterRunner != null)
        {
            snapshotterRunner.close();
        }
        if (eventJournal != null)
        {
            eventJournal.close();
        }
        if (inputJournal != null)
        {
            inputJournal.close();
        }
    }

    private void startLocked()
    {
        final DutyCycleStallTracker inputWrites = stallTracker("input journal write");
        final DutyCycleStallTracker eventWrites = stallTracker("event journal write");
        eventJournal = new EventJournalWriter(config.eventJournalDirectory(), eventWrites);
        recovery = Recovery.recover(config, eventJournal);
        core = recovery.core();
        baseSequence = core.lastSequence();
        inputJournal = new InputJournalWriter(config.inputJournalDirectory(), config.durability(), inputWrites);
        if (recovery.tornTailIndex() >= 0)
        {
            inputJournal.voidTornBlock(recovery.tornTailIndex());
        }
        if (config.minFreeDiskBytes() > 0)
        {
            diskSpace = DiskSpaceWatch.of(config.directory(), config.minFreeDiskBytes(), listener::onDiskSpace);
        }
        if (config.snapshotInterval() > 0)
        {
            startSnapshotter();
        }
        startBackgroundWatch();

        // one array holds every slot's compact events region, so consecutive slots' events are adjacent in memory
        final byte[] eventArena = new byte[Math.multiplyExact(config.ringSize(), CommandEvent.COMPACT_EVENT_BYTES)];
        final int[] nextSlot = {0};
        final Object[] attachments = new Object[config.ringSize()];
        final boolean invoked = config.threadingMode() == ThreadingMode.INVOKER;
        final boolean shared = invoked || config.threadingMode() == ThreadingMode.SHARED;
        // invoked, no consumer ever waits on the ring: a strategy whose publish signals nobody (no lock, no futex)
        disruptor = new Disruptor<>(() -> new CommandEvent(eventArena, CommandEvent.COMPACT_EVENT_BYTES * nextSlot[0],
            attachments, nextSlot[0]++),
            config.ringSize(), new PipelineThreadFactory(config.pinThreads(), shared,
                config.waitStrategy() == WaitStrategyKind.PARKING),
            ProducerType.MULTI, invoked ? new YieldingWaitStrategy() : config.waitStrategy().create());
        disruptor.setDefaultExceptionHandler(new FailFast());
        final RingBuffer<CommandEvent> slots = disruptor.getRingBuffer();
        final OverflowArena overflow = new OverflowArena(OverflowArena.DEFAULT_BYTES);
        final List<DutyCycleStallTracker> cycles = new ArrayList<>();
        final DutyCycleStallTracker matcherCycles;
        if (shared)
        {
            matcherCycles = stallTracker("engine thread cycle");
            cycles.add(matcherCycles);
            journaler = new JournalHandler(inputJournal, baseSequence, config.ringSize(), matcherCycles);
            final MatchingHandler matcher = new MatchingHandler(core, matcherCycles, overflow);
            final PublishHandler publisher = new PublishHandler(eventJournal, listener, matcherCycles, overflow);
            final JournalMatchPublishHandler cycle = new JournalMatchPublishHandler(journaler, matcher, publisher,
                slots, matcherCycles);
            if (invoked)
            {
                final EventPoller<CommandEvent> poller = slots.newPoller();
                slots.addGatingSequences(poller.getSequence());
                final FailFast failFast = new FailFast();
                invoker = new EngineInvoker(poller, slots::getCursor, cycle, (ex, event) ->
                {
                    try
                    {
                        failFast.handleEventException(ex, event != null ? event.sequence : -1, event);
                    }
                    catch (final IllegalStateException stopped)
                    {
                        // on an engine thread this ends the thread; here the invoker stops invoking
                    }
                });
            }
            else
            {
                disruptor.handleEventsWith(cycle);
            }
        }
        else
        {
            final DutyCycleStallTracker journalerCycles = stallTracker("journaler cycle");
            matcherCycles = stallTracker("matcher cycle");
            final DutyCycleStallTracker publisherCycles = stallTracker("publisher cycle");
            cycles.addAll(List.of(journalerCycles, matcherCycles, publisherCycles));
            journaler = new JournalHandler(inputJournal, baseSequence, config.ringSize(), journalerCycles);
            final MatchingHandler matcher = new MatchingHandler(core, matcherCycles, overflow);
            final EventHandler<CommandEvent> publisher =
                new PublishHandler(eventJournal, listener, publisherCycles, overflow);
            disruptor.handleEventsWith(journaler, matcher).then(publisher);
        }
        metrics = new EngineMetrics(cycles, matcherCycles, inputWrites, eventWrites, overflow::spills);
        ring = disruptor.start();
        accepting = true;
    }

    private static DutyCycleStallTracker stallTracker(final String name)
    {
        return new DutyCycleStallTracker(name, DutyCycleStallTracker.DEFAULT_THRESHOLD_NS);
    }

    /**
     * One background thread touches both journals' pages ahead of their appenders (when pretouching) and watches
     * the disk's free space.
     */
    private void startBackgroundWatch()
    {
        final List<Agent> agents = new ArrayList<>();
        if (config.pretouchJournals())
        {
            final JournalPretoucher input = new JournalPretoucher("input");
            final JournalPretoucher events = new JournalPretoucher("events");
            inputJournal.pretouchWith(input);
            eventJournal.pretouchWith(events);
            agents.add(input);
            agents.add(events);
        }
        if (diskSpace != null)
        {
            agents.add(diskSpace);
        }
        if (agents.isEmpty())
        {
            return;
        }
        diskWatchRunner = new AgentRunner(new BackgroundIdleStrategy(PRETOUCHER_IDLE_NS),
            ex -> LOG.log(System.Logger.Level.WARNING, "journal pretoucher or disk watch failed: " + ex),
            null, new CompositeAgent(agents));
        AgentRunner.startOnThread(diskWatchRunner,
            backgroundThreads(config.pretouchJournals() ? "hotpath-pretoucher" : "hotpath-disk-watch"));
    }

    /**
     * Background agents' threads keep the normal scheduling policy: under the idle policy ({@code SCHED_IDLE}) the
     * snapshotter starved at 1M commands/s (no snapshot in a 5 s step); their short duty cycles and yields keep
     * them out of the pipeline's way instead ({@link BackgroundIdleStrategy}).
     */
    private static ThreadFactory backgroundThreads(final String name)
    {
        return task ->
        {
            final Thread thread = new Thread(task, name);
            thread.setDaemon(true);
            return thread;
        };
    }

    /** The snapshotter starts from its own copy of the recovered state, where recovery left the journal. */
    private void startSnapshotter()
    {
        snapshotter = new Snapshotter(config.inputJournalDirectory(),
            new SnapshotStore(config.snapshotDirectory(), SNAPSHOTS_KEPT), config.snapshotInterval(),
            SnapshotCodec.copy(core, config), recovery.lastJournalIndex());
        snapshotterRunner = new AgentRunner(new BackgroundIdleStrategy(SNAPSHOTTER_IDLE_NS),
            ex -> LOG.log(System.Logger.Level.ERROR, "snapshotter failed; periodic snapshots stopped (the journal is " +
                "unaffected, recovery replays it from the last snapshot): " + ex),
            null, snapshotter);
        AgentRunner.startOnThread(snapshotterRunner, backgroundThreads(snapshotter.roleName()));
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
        return tryPublish(command, correlationId, null);
    }

    /**
     * Publishes a command if there is room in the ring, without waiting, with an object of the caller's that the
     * ring carries to the listener ({@link CommandEvent#attachment}).
     *
     * @param command       the command (its sequence is assigned here).
     * @param correlationId handed back with the results.
     * @param attachment    handed back with the results; never journaled.
     * @return false when the ring is full or the engine is not accepting commands (the attachment was not taken).
     */
    public boolean tryPublish(final Command command, final long correlationId, final Object attachment)
    {
        if (!accepting || diskSpaceLow())
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
        fill(slot, command, correlationId, attachment);
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
        if (!accepting || diskSpaceLow())
        {
            return false;
        }
        fill(ring.next(), command, correlationId, null);
        return true;
    }

    /** Two-phase publish: fill the claimed slot field by field (no translator object), then publish it. */
    private void fill(final long slot, final Command command, final long correlationId, final Object attachment)
    {
        try
        {
            final CommandEvent event = ring.get(slot);
            event.copyFrom(command);
            event.sequence = baseSequence + slot + 1;
            event.correlationId = correlationId;
            event.attachment(attachment);
        }
        finally
        {
            ring.publish(slot); // even if filling failed: an unpublished slot would stop every stage for ever
        }
    }

    /**
     * After the engine stopped on a failure ({@link #failure()} set): hands over the attachments of the commands
     * published that the engine never finished, each once, so that their producers can answer them. These are the
     * slots after the last one every stage finished whose attachment the listener has not taken. A slot a
     * producer has claimed but not yet published is passed over: call again later (e.g. after publishing, when
     * the engine is found stopped) to collect commands that were slipping in as the engine stopped. Does nothing
     * while the engine runs.
     *
     * @param abandoned receives each attachment.
     */
    public synchronized void drainAbandoned(final Consumer<Object> abandoned)
    {
        if (failure == null || ring == null)
        {
            return;
        }
        final long last = ring.getCursor();
        for (long slot = ring.getMinimumGatingSequence() + 1; slot <= last; slot++)
        {
            if (!ring.isAvailable(slot))
            {
                continue;
            }
            final CommandEvent event = ring.get(slot);
            final Object attachment = event.takeAttachment();
            if (attachment != null)
            {
                abandoned.accept(attachment);
            }
        }
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

    /** @return whether new commands are refused because the journals' disk is below its reserve. */
    public boolean diskSpaceLow()
    {
        return diskSpace != null && diskSpace.low();
    }

    /**
     * @return why commands are refused, for users: the failure that stopped the engine, or the disk's state;
     *         {@code null} while the engine takes commands.
     */
    public String intakeRefusal()
    {
        final Throwable stoppedBy = failure;
        if (stoppedBy != null)
        {
            return "the engine stopped: " + stoppedBy.getMessage();
        }
        if (diskSpaceLow())
        {
            return diskSpace.refusal();
        }
        return accepting ? null : "the engine is not accepting commands";
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

    /** @return the pipeline threads' and journals' stall trackers (null before {@link #start()}). */
    public EngineMetrics metrics()
    {
        return metrics;
    }

    /** @return the snapshotter, or {@code null} when periodic snapshots are off. */
    public Snapshotter snapshotter()
    {
        return snapshotter;
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
     * Graceful shutdown: refuse new commands, let the ring drain through all stages (which flush and close their
     * journals on their own threads), let the snapshotter write the snapshots due, then write a final snapshot.
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
        if (invoker != null)
        {
            drained = finishInvoked();
        }
        else if (failure != null)
        {
            disruptor.halt(); // a failed stage never drains: stop the others now rather than wait for nothing
            drained = false;
        }
        else
        {
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
        }
        if (diskWatchRunner != null)
        {
            diskWatchRunner.close();
            diskWatchRunner = null;
        }
        finishSnapshotter();
        if (drained && failure == null)
        {
            try
            {
                new SnapshotStore(config.snapshotDirectory(), SNAPSHOTS_KEPT).save(core, lastJournalIndexOnDisk());
            }
            catch (final RuntimeException ex)
            {
                // e.g. a full disk: the journal holds every command, the next start replays more of it
                LOG.log(System.Logger.Level.WARNING, "no final snapshot (" + ex.getMessage() + "): the next start " +
                    "replays the journal from the last snapshot");
            }
        }
        disruptor = null;
        directoryLock.close();
        directoryLock = null;
    }

    /** {@link ThreadingMode#INVOKER}: the closing thread runs the last duty cycles and closes the journals. */
    private boolean finishInvoked()
    {
        boolean drained;
        try
        {
            drained = invoker.finish();
        }
        catch (final RuntimeException ex)
        {
            LOG.log(System.Logger.Level.ERROR, "engine stage failed to shut down", ex);
            drained = false;
        }
        disruptor.halt(); // no processor of the Disruptor's own runs: nothing to wait for
        return drained;
    }

    /**
     * @return the duty cycle the caller's thread runs in {@link ThreadingMode#INVOKER} (null in the other modes,
     *         and before {@link #start()}).
     */
    public EngineInvoker invoker()
    {
        return invoker;
    }

    private void finishSnapshotter()
    {
        if (snapshotterRunner == null)
        {
            return;
        }
        snapshotter.requestFinish(journaler.journaledSequence());
        final long deadlineNs = System.nanoTime() + SNAPSHOTTER_FINISH_TIMEOUT_NS;
        while (!snapshotter.finished() && !snapshotterRunner.isClosed() && deadlineNs - System.nanoTime() > 0)
        {
            LockSupport.parkNanos(SNAPSHOTTER_IDLE_NS);
        }
        snapshotterRunner.close();
        snapshotterRunner = null;
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
            final boolean first = failure == null;
            failure = isMappedWriteFault(ex) ? new JournalWriteException("a journal", config.directory(), ex) : ex;
            accepting = false;
            if (ex instanceof JournalWriteException || isMappedWriteFault(ex))
            {
                LOG.log(System.Logger.Level.ERROR, "engine stopped, intake closed: " + failure.getMessage() +
                    " (at command " + (event != null ? event.sequence : -1) + "; the journal ends at its last whole block)");
            }
            else
            {
                LOG.log(System.Logger.Level.ERROR, "engine stage failed at " + event + "; intake stopped", ex);
            }
            if (first)
            {
                try
                {
                    listener.onEngineStopped(failure);
                }
                catch (final RuntimeException listenerFailure)
                {
                    LOG.log(System.Logger.Level.ERROR, "engine listener failed on the engine's stop", listenerFailure);
                }
            }
            throw new IllegalStateException(STAGE_FAILED, ex);
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

    /**
     * A write to a memory-mapped journal page the disk cannot back: HotSpot may report it after the write returned,
     * outside the journal writer's own handling, as an {@link InternalError}.
     */
    private static boolean isMappedWriteFault(final Throwable ex)
    {
        return ex instanceof InternalError && ex.getMessage() != null && ex.getMessage().contains("unsafe memory access");
    }

    /** Names the pipeline threads, optionally pinning each to its own core. */
    private static final class PipelineThreadFactory implements ThreadFactory
    {
        private static final String[] DEDICATED_NAMES = {"hotpath-journaler", "hotpath-matcher", "hotpath-publisher"};
        private static final String[] SHARED_NAMES = {"hotpath-engine"};
        private final AtomicInteger count = new AtomicInteger();
        private final boolean pin;
        private final String[] names;
        private final boolean minimiseTimerSlack;

        PipelineThreadFactory(final boolean pin, final boolean shared, final boolean minimiseTimerSlack)
        {
            this.pin = pin;
            this.names = shared ? SHARED_NAMES : DEDICATED_NAMES;
            this.minimiseTimerSlack = minimiseTimerSlack;
        }

        @Override
        public Thread newThread(final Runnable task)
        {
            final int n = count.getAndIncrement();
            final Runnable body = pin ? () ->
            {
                if (minimiseTimerSlack)
                {
                    ThreadScheduling.minimiseTimerSlack();
                }
                final AffinityLock lock = AffinityLock.acquireLock();
                try
                {
                    task.run();
                }
                finally
                {
                    lock.release();
                }
            } : () ->
            {
                if (minimiseTimerSlack)
                {
                    ThreadScheduling.minimiseTimerSlack(); // the PARKING wait strategy's short parks stay short
                }
                task.run();
            };
            final Thread thread = new Thread(body, n < names.length ? names[n] : "hotpath-stage-" + n);
            thread.setDaemon(true);
            thread.setUncaughtExceptionHandler(PipelineThreadFactory::stageEnded);
            return thread;
        }

        /** A stage thread ends by the exception {@link FailFast} throws, which it has logged already: once is enough. */
        private static void stageEnded(final Thread thread, final Throwable ex)
        {
            if (!(ex instanceof IllegalStateException) || !STAGE_FAILED.equals(ex.getMessage()))
            {
                LOG.log(System.Logger.Level.ERROR, "engine thread " + thread.getName() + " ended", ex);
            }
        }
    }
}
