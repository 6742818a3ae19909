package dev.hotpath.reporting.grpc;

import dev.hotpath.reporting.grpc.v1.Bar;
import dev.hotpath.reporting.grpc.v1.Position;
import dev.hotpath.reporting.ingest.BatchListener;
import dev.hotpath.reporting.projection.BarInterval;
import dev.hotpath.reporting.projection.BarRow;
import dev.hotpath.reporting.projection.Batch;
import dev.hotpath.reporting.projection.InstrumentRow;
import dev.hotpath.reporting.projection.PositionRow;
import dev.hotpath.reporting.store.ReportingQueries;
import io.grpc.stub.ServerCallStreamObserver;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Pushes committed changes to streaming clients. The ingest writer only marks what changed
 * ({@link #onCommitted}, cheap and non-blocking); one flusher thread sends, every {@code flushIntervalMs},
 * whatever changed to each client whose transport is ready. A slow client thus never holds up the ingest and
 * gets the latest state, conflated, rather than an ever-growing backlog.
 *
 * <p>{@code onCommitted} on the ingest writer thread; subscribe from gRPC threads; sending only on the flusher.
 */
public final class StreamHub implements BatchListener, AutoCloseable
{
    private static final System.Logger LOG = System.getLogger(StreamHub.class.getName());

    private final ReportingQueries queries;
    private final List<PositionStream> positionStreams = new CopyOnWriteArrayList<>();
    private final List<BarStream> barStreams = new CopyOnWriteArrayList<>();
    private final ScheduledExecutorService flusher = Executors.newSingleThreadScheduledExecutor(r ->
    {
        final Thread t = new Thread(r, "reporting-streams");
        t.setDaemon(true);
        return t;
    });

    /**
     * @param queries         reads positions when they changed.
     * @param flushIntervalMs how often changes go out.
     */
    public StreamHub(final ReportingQueries queries, final long flushIntervalMs)
    {
        this.queries = queries;
        flusher.scheduleWithFixedDelay(this::flush, flushIntervalMs, flushIntervalMs, TimeUnit.MILLISECONDS);
    }

    @Override
    public void onCommitted(final Batch batch)
    {
        if (!positionStreams.isEmpty())
        {
            final Set<Long> accounts = batch.positions().stream().map(PositionRow::accountId)
                .collect(Collectors.toSet());
            final Set<Integer> instruments = batch.instruments().stream().map(InstrumentRow::instrumentId)
                .collect(Collectors.toSet());
            for (final PositionStream s : positionStreams)
            {
                if (accounts.contains(s.accountId) || s.holds(instruments))
                {
                    s.dirty = true;
                }
            }
        }
        for (final BarStream s : barStreams)
        {
            for (final BarRow bar : batch.bars())
            {
                if (bar.instrumentId() == s.instrumentId && bar.interval() == s.interval)
                {
                    s.pending.put(bar.startNs(), bar);
                }
            }
        }
    }

    /**
     * Streams an account's positions: all now, then each one that changes.
     *
     * @param accountId the account.
     * @param observer  the call.
     */
    public void subscribePositions(final long accountId, final ServerCallStreamObserver<Position> observer)
    {
        final PositionStream stream = new PositionStream(accountId, observer);
        observer.setOnCancelHandler(() -> positionStreams.remove(stream));
        positionStreams.add(stream);
    }

    /**
     * Streams an instrument's bars of one width: the newest now, then each as it changes.
     *
     * @param instrumentId the instrument.
     * @param interval     the width.
     * @param observer     the call.
     */
    public void subscribeBars(final int instrumentId, final BarInterval interval,
        final ServerCallStreamObserver<Bar> observer)
    {
        final BarStream stream = new BarStream(instrumentId, interval, observer);
        try
        {
            for (final BarRow bar : queries.bars(instrumentId, interval, 0, 0, 1))
            {
                stream.pending.putIfAbsent(bar.startNs(), bar);
            }
        }
        catch (final java.sql.SQLException ex)
        {
            LOG.log(System.Logger.Level.WARNING, "could not read the newest bar", ex);
        }
        observer.setOnCancelHandler(() -> barStreams.remove(stream));
        barStreams.add(stream);
    }

    private void flush()
    {
        for (final PositionStream s : positionStreams)
        {
            try
            {
                s.flush();
            }
            catch (final Exception ex)
            {
                positionStreams.remove(s);
                LOG.log(System.Logger.Level.WARNING, "position stream dropped", ex);
            }
        }
        for (final BarStream s : barStreams)
        {
            try
            {
                s.flush();
            }
            catch (final Exception ex)
            {
                barStreams.remove(s);
                LOG.log(System.Logger.Level.WARNING, "bar stream dropped", ex);
            }
        }
    }

    /** Ends every stream and stops the flusher. */
    @Override
    public void close()
    {
        flusher.shutdown();
        try
        {
            flusher.awaitTermination(5, TimeUnit.SECONDS);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
        for (final PositionStream s : positionStreams)
        {
            s.observer.onCompleted();
        }
        for (final BarStream s : barStreams)
        {
            s.observer.onCompleted();
        }
        positionStreams.clear();
        barStreams.clear();
    }

    private final class PositionStream
    {
        final long accountId;
        final ServerCallStreamObserver<Position> observer;
        final Map<Integer, Position> sent = new HashMap<>();
        volatile Set<Integer> held = Set.of();
        volatile boolean dirty = true;

        PositionStream(final long accountId, final ServerCallStreamObserver<Position> observer)
        {
            this.accountId = accountId;
            this.observer = observer;
        }

        boolean holds(final Set<Integer> instruments)
        {
            for (final Integer id : instruments)
            {
                if (held.contains(id))
                {
                    return true;
                }
            }
            return false;
        }

        void flush() throws java.sql.SQLException
        {
            if (!dirty || !observer.isReady() || observer.isCancelled())
            {
                return;
            }
            dirty = false;
            final Map<Integer, Long> prices = queries.lastPrices();
            final List<PositionRow> rows = queries.positions(accountId);
            held = rows.stream().map(PositionRow::instrumentId).collect(Collectors.toUnmodifiableSet());
            for (final PositionRow row : rows)
            {
                final Position p = ProtoMapper.position(row, prices.getOrDefault(row.instrumentId(), 0L));
                if (!p.equals(sent.put(row.instrumentId(), p)))
                {
                    observer.onNext(p);
                }
            }
        }
    }

    private static final class BarStream
    {
        final int instrumentId;
        final BarInterval interval;
        final ServerCallStreamObserver<Bar> observer;
        final ConcurrentSkipListMap<Long, BarRow> pending = new ConcurrentSkipListMap<>();

        BarStream(final int instrumentId, final BarInterval interval, final ServerCallStreamObserver<Bar> observer)
        {
            this.instrumentId = instrumentId;
            this.interval = interval;
            this.observer = observer;
        }

        void flush()
        {
            Map.Entry<Long, BarRow> next;
            while (observer.isReady() && !observer.isCancelled() && (next = pending.pollFirstEntry()) != null)
            {
                observer.onNext(ProtoMapper.bar(next.getValue()));
            }
        }
    }
}
