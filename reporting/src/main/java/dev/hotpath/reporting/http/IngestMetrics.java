package dev.hotpath.reporting.http;

import dev.hotpath.reporting.ingest.IngestLag;
import dev.hotpath.reporting.ingest.ReportingIngest;
import dev.hotpath.reporting.ingest.WriteStallTracker;

import java.util.Locale;

/**
 * The ingest's figures in the Prometheus text format, for {@code GET /metrics}: how far the database is
 * behind the event journal (commands and milliseconds), where each stands, and what has been committed.
 *
 * <p>Stateless; any thread.
 */
final class IngestMetrics
{
    private IngestMetrics()
    {
    }

    /**
     * @param ingest the running ingest.
     * @return the exposition text.
     */
    static String scrape(final ReportingIngest ingest)
    {
        final IngestLag lag = ingest.lag();
        final StringBuilder out = new StringBuilder(1024);
        gauge(out, "hotpath_reporting_lag_commands", "Commands in the event journal not yet in the database.",
            lag.commands());
        gauge(out, "hotpath_reporting_lag_milliseconds",
            "Command time between the newest journal frame and the last committed one.", lag.millis());
        gauge(out, "hotpath_reporting_journal_sequence", "Sequence of the newest frame in the event journal.",
            lag.journalSequence());
        gauge(out, "hotpath_reporting_committed_sequence", "Sequence of the last frame committed to the database.",
            lag.committedSequence());
        counter(out, "hotpath_reporting_committed_events_total", "Events committed since start.",
            ingest.committedEvents());
        counter(out, "hotpath_reporting_committed_batches_total", "Transactions committed since start.",
            ingest.committedBatches());
        gauge(out, "hotpath_reporting_longest_write_milliseconds",
            "Longest time the writer took on one batch (rows, position, commit) since start.",
            ingest.writes().longestMillis());
        counter(out, "hotpath_reporting_write_stalls_total", "Batches whose write took over " +
            WriteStallTracker.THRESHOLD_MS + " ms.", ingest.writes().stalls());
        gauge(out, "hotpath_reporting_running", "1 while the ingest runs.", ingest.isRunning() ? 1 : 0);
        return out.toString();
    }

    private static void gauge(final StringBuilder out, final String name, final String help, final long value)
    {
        metric(out, name, help, "gauge", value);
    }

    private static void counter(final StringBuilder out, final String name, final String help, final long value)
    {
        metric(out, name, help, "counter", value);
    }

    private static void metric(final StringBuilder out, final String name, final String help, final String type,
        final long value)
    {
        out.append(String.format(Locale.ROOT, "# HELP %s %s%n# TYPE %s %s%n%s %d%n", name, help, name, type, name,
            value));
    }
}
