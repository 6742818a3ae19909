package dev.hotpath.reporting;

import dev.hotpath.reporting.ingest.BatchListener;
import dev.hotpath.reporting.ingest.ReportingIngest;
import dev.hotpath.reporting.projection.Batch;

import java.io.PrintStream;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A reporting process, or the same embedded in another: the ingest plus the servers that read what it wrote.
 * Start order: ingest (so the schema exists), then the servers; stop order the reverse, so that the last
 * batch is committed before the database is let go.
 *
 * <p>{@code start} and {@code close} from one controlling thread.
 */
public final class ReportingApp implements AutoCloseable
{
    private final ReportingSettings settings;
    private final List<BatchListener> listeners = new CopyOnWriteArrayList<>();
    private ReportingIngest ingest;

    /**
     * @param settings how to run.
     */
    public ReportingApp(final ReportingSettings settings)
    {
        this.settings = settings;
    }

    /**
     * @return this, running.
     * @throws Exception when the database, the journal or a port cannot be opened.
     */
    public ReportingApp start() throws Exception
    {
        if (settings.progress())
        {
            final PrintStream out = System.out;
            listeners.add(batch ->
            {
                out.println("committed " + batch.lastSequence() + " " + batch.events());
                out.flush();
            });
        }
        ingest = new ReportingIngest(settings.eventJournal(), settings.database(), this::onCommitted,
            settings.batchFrames(), 4).start();
        return this;
    }

    private void onCommitted(final Batch batch)
    {
        for (final BatchListener listener : listeners)
        {
            listener.onCommitted(batch);
        }
    }

    /** @return the ingest. */
    public ReportingIngest ingest()
    {
        return ingest;
    }

    /** @return the dashboard's port, or -1 when off. */
    public int httpPort()
    {
        return -1;
    }

    /** @return the gRPC port, or -1 when off. */
    public int grpcPort()
    {
        return -1;
    }

    @Override
    public void close()
    {
        if (ingest != null)
        {
            ingest.close();
        }
    }
}
