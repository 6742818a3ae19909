package dev.hotpath.reporting.ingest;

import dev.hotpath.engine.codec.FrameLayout;
import dev.hotpath.engine.journal.EventJournalReader;
import dev.hotpath.reporting.projection.Batch;
import dev.hotpath.reporting.projection.CommittedAccountTrades;
import dev.hotpath.reporting.projection.CommittedBars;
import dev.hotpath.reporting.projection.CommittedPositions;
import dev.hotpath.reporting.projection.CommittedBook;
import dev.hotpath.reporting.projection.CommittedTape;
import dev.hotpath.reporting.projection.Projector;
import dev.hotpath.reporting.projection.StoredState;
import dev.hotpath.reporting.store.Database;
import dev.hotpath.reporting.store.ProjectionWriter;
import dev.hotpath.reporting.store.ReportingQueries;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.SleepingIdleStrategy;

import java.nio.ByteOrder;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Tails the engine's event journal into the reporting database, exactly once across restarts and crashes.
 *
 * <pre>
 *   event journal ──▶ tailer thread ──▶ bounded queue of Batches ──▶ writer thread ──▶ SQL database
 *   (Chronicle,        (decode, project,   (back-pressure: the          (one transaction per batch:
 *    any process)       collect changes)    tailer waits when full)      rows + journal position)
 * </pre>
 *
 * <p><b>Why a tailer and one writer, not workers partitioned by account or instrument.</b> Exactly-once rests on
 * one fact: the journal position is committed in the same transaction as the rows of every frame before it.
 * With several writers each would commit its own partition, and the position would need a coordinated commit
 * across them (or per-partition positions that a restart must reconcile). Projecting is cheap next to the
 * database round trips, so one tailer keeps up easily; the database is the bottleneck, and it is best fed by
 * one connection with large JDBC batches. The queue lets the tailer build the next batch while the writer
 * commits the previous one, so under load batches grow and commits per event fall.
 *
 * <p><b>Exactly once.</b> On start the projections and the position ({@code chronicle_index}, {@code sequence})
 * are loaded from the database and the journal is read from just after that position. A batch's rows and its
 * position commit together or not at all, so after a crash ({@code kill -9} included) the database holds
 * exactly the frames up to the stored position, and reading resumes at the next. Frames at or below the stored
 * sequence are skipped as a second guard.
 *
 * <p><b>The book.</b> Level changes are most of the events, and writing each to the database cost more than
 * every other table together, so the book is kept in memory ({@link #book()}, updated as each batch commits)
 * and the database holds only a checkpoint of it: {@code book_levels} with its own position
 * ({@code book_position}), rewritten whole in a batch's transaction every {@code checkpointFrames} frames and
 * at shutdown. On start the checkpoint is loaded and the level changes between its position and the stored
 * position are replayed from the journal (only decoded, nothing written); a level change carries the level's
 * new total, so this gives exactly the book at the stored position, and the ingest goes on from there.
 *
 * <p><b>Shutdown.</b> {@link #close()} stops the tailer after the frames it has, hands their batch over,
 * lets the writer drain the queue and commit, then closes the journal and the connection.
 *
 * <p>Thread-safety: {@code start} and {@code close} from one controlling thread; the getters from any thread.
 */
public final class ReportingIngest implements AutoCloseable
{
    private static final System.Logger LOG = System.getLogger(ReportingIngest.class.getName());
    private static final Batch END = new Batch(-1, -1, 0, 0, 0, List.of(), List.of(), List.of(), List.of(), List.of(),
        List.of(), null);
    /**
     * Most frames a transaction holds by default. Under load batches reach it; the hot rows (positions, order
     * statistics) are then written once per batch however often they changed, and commits are few. A DuckDB
     * statement costs about a millisecond whatever its rows, so a batch has a fixed cost of some 10 ms: at a
     * million commands a second a batch must hold well over 10,000 frames (measured with {@code IngestPhasesIT}
     * on W1, see the README). Below saturation batches hold what the tailer read while the writer was busy, so
     * this adds no delay.
     */
    public static final int DEFAULT_BATCH_FRAMES = 131_072;
    /** Trades of each instrument kept in memory for the tape ({@link #tape()}): the dashboard asks for at most this. */
    public static final int TAPE_TRADES = 1000;
    /**
     * Trades of each account kept in memory for its trades page ({@link #accountTrades()}): the page asks for 50.
     * W1's 1,000 accounts hold at most 100,000 trades (about 10 MB); W2's 10,000 ten times that.
     */
    public static final int ACCOUNT_TRADES = 100;
    /** Bars of each instrument and width kept in memory ({@link #bars()}): the dashboard asks for at most 300. */
    public static final int BARS = 1000;
    /** Frames between book checkpoints by default: replaying this many on start takes well under a second. */
    public static final int DEFAULT_CHECKPOINT_FRAMES = 1_000_000;

    private final Path eventJournal;
    private final Database database;
    private final BatchListener listener;
    private final int maxBatchFrames;
    private final long checkpointFrames;
    private final CommittedBook book = new CommittedBook();
    private final CommittedTape tape = new CommittedTape(TAPE_TRADES);
    private final CommittedPositions positions = new CommittedPositions();
    private final CommittedBars bars = new CommittedBars(BARS);
    private volatile CommittedAccountTrades accountTrades = new CommittedAccountTrades(ACCOUNT_TRADES, false);
    private final BlockingQueue<Batch> queue;
    private static final long HEAD_EVERY_NS = TimeUnit.MILLISECONDS.toNanos(50);
    /**
     * How long the tailer sleeps when it has read everything there is. Reporting's lag budget is a second, so a
     * millisecond costs nothing in lag, and each wake then reads a few hundred frames at once: spinning and
     * yielding instead (as the engine's threads do) cost the tailer a fifth of a core at 250,000 commands/s on a
     * 2-core machine, taken from the engine and the writer (LiveLagIT, per-thread CPU from /proc).
     */
    private static final long TAILER_IDLE_NS = TimeUnit.MILLISECONDS.toNanos(1);
    /**
     * The shortest time between two batches handed to the writer (a full batch goes at once). Every batch costs
     * DuckDB some 10 ms of CPU whatever its size (its statements and its commit), so a writer handed a batch the
     * moment it is free writes dozens of small batches a second under load, and that fixed cost took half a
     * core at 250,000 commands/s on a 2-core machine (LiveLagIT). Ten batches a second bound it to a tenth of a
     * core, at the price of at most this much more lag.
     */
    private static final long BATCH_EVERY_NS = TimeUnit.MILLISECONDS.toNanos(100);
    /**
     * Most frames one {@code poll} reads before the tailer looks at the journal's head and the writer again: a
     * whole batch in one call took seconds in a cold JVM, and the lag read 0 meanwhile.
     */
    private static final int POLL_FRAMES = 8192;

    private final AtomicLong committedSequence = new AtomicLong();
    private final AtomicLong committedTimestampNs = new AtomicLong();
    private final AtomicLong headSequence = new AtomicLong();
    private final AtomicLong headTimestampNs = new AtomicLong();
    private final AtomicLong committedEvents = new AtomicLong();
    private final AtomicLong committedBatches = new AtomicLong();
    private final WriteStallTracker writes = new WriteStallTracker();
    private final CountDownLatch started = new CountDownLatch(1);
    private volatile boolean running;
    /** True while the writer waits for a batch (set by the writer, read by the tailer). */
    private volatile boolean writerWaiting;
    private volatile Throwable failure;
    private Thread tailer;
    private Thread writer;
    private boolean bookRecovered;
    private long nextHeadNs;

    /**
     * @param eventJournal   the engine's event journal directory ({@code <engineDir>/events}).
     * @param database       where the projections go.
     * @param listener       told about each committed batch.
     * @param maxBatchFrames the most journal frames per transaction.
     * @param queueCapacity  batches that may wait for the writer.
     */
    public ReportingIngest(final Path eventJournal, final Database database, final BatchListener listener,
        final int maxBatchFrames, final int queueCapacity)
    {
        this(eventJournal, database, listener, maxBatchFrames, queueCapacity, DEFAULT_CHECKPOINT_FRAMES);
    }

    /**
     * @param eventJournal     the engine's event journal directory ({@code <engineDir>/events}).
     * @param database         where the projections go.
     * @param listener         told about each committed batch.
     * @param maxBatchFrames   the most journal frames per transaction.
     * @param queueCapacity    batches that may wait for the writer.
     * @param checkpointFrames frames between book checkpoints (at most this many are replayed on start).
     */
    public ReportingIngest(final Path eventJournal, final Database database, final BatchListener listener,
        final int maxBatchFrames, final int queueCapacity, final long checkpointFrames)
    {
        this.eventJournal = eventJournal;
        this.database = database;
        this.listener = listener;
        this.maxBatchFrames = maxBatchFrames;
        this.queue = new ArrayBlockingQueue<>(queueCapacity);
        this.checkpointFrames = checkpointFrames;
    }

    /**
     * With defaults: {@value #DEFAULT_BATCH_FRAMES} frames a batch, 4 batches queued.
     *
     * @param eventJournal the event journal directory.
     * @param database     where the projections go.
     * @param listener     told about each committed batch.
     */
    public ReportingIngest(final Path eventJournal, final Database database, final BatchListener listener)
    {
        this(eventJournal, database, listener, DEFAULT_BATCH_FRAMES, 4);
    }

    /**
     * Creates the schema if needed, loads the stored state and starts the two threads.
     *
     * @return this.
     * @throws SQLException when the database cannot be read.
     */
    public ReportingIngest start() throws SQLException
    {
        database.createSchema();
        final StoredState state;
        try (ReportingQueries queries = new ReportingQueries(database))
        {
            state = queries.loadState();
        }
        final ProjectionWriter projectionWriter = ProjectionWriter.open(database);
        committedSequence.set(state.lastSequence());
        positions.load(state.positions(), state.instruments());
        bars.load(state.currentBars());
        accountTrades = new CommittedAccountTrades(ACCOUNT_TRADES,
            state.instruments().stream().allMatch(i -> i.tradeCount() == 0));
        running = true;
        writer = new Thread(() -> runWriter(projectionWriter), "reporting-writer");
        tailer = new Thread(() -> runTailer(state), "reporting-tailer");
        writer.start();
        tailer.start();
        return this;
    }

    private void runTailer(final StoredState state)
    {
        final Projector projector = new Projector(state);
        final IdleStrategy idle = new SleepingIdleStrategy(TAILER_IDLE_NS);
        final EventJournalReader.FrameHandler handler = (DirectBuffer frame, int length, long index) ->
        {
            final long sequence = frame.getLong(FrameLayout.SEQUENCE_OFFSET, ByteOrder.LITTLE_ENDIAN);
            if (sequence > projector.lastSequence())
            {
                recoverBook(projector);
                // before the first commit since start, lag is measured from the first frame not yet committed
                committedTimestampNs.compareAndSet(0, frame.getLong(FrameLayout.TIMESTAMP_OFFSET,
                    ByteOrder.LITTLE_ENDIAN));
                projector.onFrame(frame, length, index);
            }
            else if (sequence > state.bookSequence())
            {
                projector.replayBook(frame, length);
                if (sequence == state.lastSequence())
                {
                    committedTimestampNs.set(frame.getLong(FrameLayout.TIMESTAMP_OFFSET, ByteOrder.LITTLE_ENDIAN));
                }
            }
        };
        try (EventJournalReader reader = new EventJournalReader(eventJournal))
        {
            if (state.bookIndex() >= 0)
            {
                reader.seekAfter(state.bookIndex(), state.bookSequence());
            }
            long sinceCheckpoint = 0;
            long lastHandOverNs = System.nanoTime() - BATCH_EVERY_NS;
            while (running)
            {
                final int frames = reader.poll(handler, Math.min(POLL_FRAMES, maxBatchFrames - projector.pendingFrames()));
                final long now = System.nanoTime();
                readHead(reader, now);
                if (reader.lastSequence() >= state.lastSequence())
                {
                    recoverBook(projector);
                }
                final int pending = projector.pendingFrames();
                // Hand a batch over only when the writer waits for one (or the batch is full): while it writes,
                // go on reading into the same batch, so a batch is what arrived during the previous write and a
                // frame waits at most about one write before its own. (Handing over whenever the queue had room
                // queued up to four small batches of ~40 ms each behind one another: 0.4 - 0.7 s of lag at
                // 250,000 commands/s, LiveLagIT.) And at most one every BATCH_EVERY_NS: a batch's fixed cost.
                if (pending > 0 && (pending >= maxBatchFrames ||
                    (writerWaiting && queue.isEmpty() && now - lastHandOverNs >= BATCH_EVERY_NS)))
                {
                    lastHandOverNs = now;
                    sinceCheckpoint += pending;
                    final boolean checkpoint = sinceCheckpoint >= checkpointFrames;
                    handOver(projector.drain(checkpoint), reader);
                    sinceCheckpoint = checkpoint ? 0 : sinceCheckpoint;
                }
                idle.idle(frames);
            }
            if (bookRecovered && failure == null)
            {
                handOver(projector.drain(true), reader);
            }
        }
        catch (final Throwable ex)
        {
            fail("tailer", ex);
        }
        finally
        {
            started.countDown();
            handOverEnd();
        }
    }

    /** Once the replay has reached the stored position: the book there is the committed one. */
    private void recoverBook(final Projector projector)
    {
        if (!bookRecovered)
        {
            book.reset(projector.book());
            bookRecovered = true;
            started.countDown();
        }
    }

    /** Every 50 ms, on the tailer thread: where the journal ends, for {@link #lag()}. */
    private void readHead(final EventJournalReader reader, final long now)
    {
        if (now - nextHeadNs >= 0 && reader.readHead())
        {
            headTimestampNs.set(reader.headTimestampNs());
            headSequence.set(reader.headSequence());
            nextHeadNs = now + HEAD_EVERY_NS;
        }
    }

    private void handOver(final Batch batch, final EventJournalReader reader) throws InterruptedException
    {
        while (!queue.offer(batch, HEAD_EVERY_NS, TimeUnit.NANOSECONDS))
        {
            readHead(reader, System.nanoTime());
            if (failure != null)
            {
                throw new IllegalStateException("writer stopped", failure);
            }
        }
    }

    private void handOverEnd()
    {
        try
        {
            while (!queue.offer(END, 100, TimeUnit.MILLISECONDS))
            {
                if (!writer.isAlive())
                {
                    return;
                }
            }
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
    }

    private void runWriter(final ProjectionWriter projectionWriter)
    {
        try (projectionWriter)
        {
            while (true)
            {
                Batch batch = queue.poll();
                if (batch == null)
                {
                    writerWaiting = true;
                    batch = queue.take();
                    writerWaiting = false;
                }
                if (batch == END)
                {
                    return;
                }
                final long writeStartNs = System.nanoTime();
                projectionWriter.write(batch);
                writes.record(System.nanoTime() - writeStartNs, batch.frames());
                book.publish(batch.levels());
                tape.publish(batch.trades());
                accountTrades.publish(batch.trades());
                positions.publish(batch.positions(), batch.instruments());
                bars.publish(batch.bars());
                committedEvents.addAndGet(batch.events());
                committedBatches.incrementAndGet();
                if (batch.frames() > 0)
                {
                    committedTimestampNs.set(batch.lastTimestampNs());
                }
                committedSequence.set(batch.lastSequence());
                notifyListener(batch);
            }
        }
        catch (final Throwable ex)
        {
            fail("writer", ex);
        }
    }

    private void notifyListener(final Batch batch)
    {
        try
        {
            listener.onCommitted(batch);
        }
        catch (final RuntimeException ex)
        {
            LOG.log(System.Logger.Level.WARNING, "batch listener failed", ex);
        }
    }

    private void fail(final String role, final Throwable ex)
    {
        if (failure == null)
        {
            failure = ex;
        }
        running = false;
        LOG.log(System.Logger.Level.ERROR, "reporting " + role + " stopped", ex);
    }

    /**
     * Waits until the journal is open and positioned at the stored position, with the book recovered (or the
     * tailer failed).
     *
     * @param timeout how long to wait.
     * @param unit    its unit.
     * @return true when started.
     * @throws InterruptedException when interrupted.
     */
    public boolean awaitStarted(final long timeout, final TimeUnit unit) throws InterruptedException
    {
        return started.await(timeout, unit) && failure == null;
    }

    /** @return each instrument's newest trades as of the last committed batch; any thread. */
    public CommittedTape tape()
    {
        return tape;
    }

    /** @return each account's newest trades as of the last committed batch; any thread. */
    public CommittedAccountTrades accountTrades()
    {
        return accountTrades;
    }

    /** @return every account's positions and every instrument's last price as of the last committed batch. */
    public CommittedPositions positions()
    {
        return positions;
    }

    /** @return each instrument's newest bars as of the last committed batch; any thread. */
    public CommittedBars bars()
    {
        return bars;
    }

    /** @return the book as of the last committed batch; any thread. */
    public CommittedBook book()
    {
        return book;
    }

    /**
     * How far the database is behind the event journal: the journal's end is looked up every 50 ms by the
     * tailer (also while it waits for the writer), so a figure may be that old.
     *
     * @return the lag; any thread.
     */
    public IngestLag lag()
    {
        final long committed = committedSequence.get();
        final long journal = Math.max(headSequence.get(), committed);
        final long commands = journal - committed;
        final long committedNs = committedTimestampNs.get();
        final long millis = commands == 0 || committedNs == 0 ? 0 :
            Math.max(0, TimeUnit.NANOSECONDS.toMillis(headTimestampNs.get() - committedNs));
        return new IngestLag(journal, committed, commands, millis);
    }

    /** @return how long the writer's batches take; any thread. */
    public WriteStallTracker writes()
    {
        return writes;
    }

    /** @return the command sequence of the last frame committed to the database. */
    public long committedSequence()
    {
        return committedSequence.get();
    }

    /** @return events committed since start. */
    public long committedEvents()
    {
        return committedEvents.get();
    }

    /** @return transactions committed since start. */
    public long committedBatches()
    {
        return committedBatches.get();
    }

    /** @return what stopped the ingest, or {@code null} while it runs (or stopped cleanly). */
    public Throwable failure()
    {
        return failure;
    }

    /** @return true while both threads run. */
    public boolean isRunning()
    {
        return running && tailer != null && tailer.isAlive() && writer.isAlive();
    }

    /**
     * Graceful shutdown: the tailer hands over what it has read and stops, the writer commits every queued
     * batch, then the journal and the connection are closed.
     */
    @Override
    public void close()
    {
        running = false;
        try
        {
            if (tailer != null)
            {
                tailer.join(TimeUnit.SECONDS.toMillis(30));
            }
            if (writer != null)
            {
                writer.join(TimeUnit.SECONDS.toMillis(30));
            }
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
    }
}
