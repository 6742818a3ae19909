package dev.hotpath.loadgen;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.HdrHistogram.Histogram;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Writes a sweep's report folder: one {@code .hgrm} per step (HdrHistogram's percentile distribution in µs),
 * {@code summary.json} (one object per step), {@code latency.png} and {@code index.html} (latency by percentile,
 * every step); and prints the table.
 *
 * <p>Stateless; any thread (one writer per folder at a time).
 */
public final class Report
{
    /** The summary's name in a report folder. */
    public static final String SUMMARY = "summary.json";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss", Locale.ROOT);

    private Report()
    {
    }

    /**
     * @param reportsDir the reports root, e.g. {@code reports}.
     * @return a new folder {@code <reportsDir>/<UTC timestamp>}.
     */
    public static Path newFolder(final Path reportsDir)
    {
        final String stamp = STAMP.format(ZonedDateTime.now(ZoneOffset.UTC));
        Path folder = reportsDir.resolve(stamp);
        for (int n = 2; Files.exists(folder); n++)
        {
            folder = reportsDir.resolve(stamp + "-" + n);
        }
        try
        {
            Files.createDirectories(folder);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot create " + folder, ex);
        }
        return folder;
    }

    /**
     * Writes the steps' files into a folder, adding to a summary already there, and redraws the plots from every
     * step in the folder.
     *
     * @param folder the report folder (created if missing).
     * @param steps  the steps just run.
     * @return every step's summary in the folder.
     */
    public static List<Map<String, Object>> write(final Path folder, final List<StepResult> steps)
    {
        try
        {
            Files.createDirectories(folder);
            final List<Map<String, Object>> summary = new ArrayList<>(readSummary(folder));
            for (final StepResult step : steps)
            {
                try (PrintStream out = new PrintStream(Files.newOutputStream(folder.resolve(step.hgrmName())), false,
                    StandardCharsets.UTF_8))
                {
                    step.latency().outputPercentileDistribution(out, 5, 1000.0);
                }
                summary.removeIf(s -> step.hgrmName().equals(s.get("hgrm")));
                summary.add(summaryOf(step));
            }
            JSON.writeValue(folder.resolve(SUMMARY).toFile(), summary);
            LatencyPlots.render(folder, summary);
            return summary;
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot write the report in " + folder, ex);
        }
    }

    /**
     * @param folder a report folder.
     * @return its summary, or an empty list when it has none.
     * @throws IOException when it cannot be read.
     */
    public static List<Map<String, Object>> readSummary(final Path folder) throws IOException
    {
        final Path file = folder.resolve(SUMMARY);
        if (!Files.exists(file))
        {
            return List.of();
        }
        return JSON.readValue(file.toFile(), new TypeReference<List<Map<String, Object>>>()
        {
        });
    }

    /**
     * Points {@code <reportsDir>/latest} at a folder: a relative symbolic link, or a copy where links fail.
     *
     * @param reportsDir the reports root.
     * @param folder     a report folder inside it.
     */
    public static void linkLatest(final Path reportsDir, final Path folder)
    {
        final Path latest = reportsDir.resolve("latest");
        try
        {
            if (Files.isSymbolicLink(latest) || Files.isRegularFile(latest, LinkOption.NOFOLLOW_LINKS))
            {
                Files.delete(latest);
            }
            else if (Files.isDirectory(latest))
            {
                EngineDriver.deleteTree(latest);
            }
            try
            {
                Files.createSymbolicLink(latest, latest.getParent() == null ? folder.getFileName() :
                    latest.getParent().toAbsolutePath().relativize(folder.toAbsolutePath()));
            }
            catch (final IOException | UnsupportedOperationException ex)
            {
                Files.createDirectories(latest);
                try (Stream<Path> files = Files.list(folder))
                {
                    for (final Path f : (Iterable<Path>)files::iterator)
                    {
                        Files.copy(f, latest.resolve(f.getFileName()), StandardCopyOption.REPLACE_EXISTING);
                    }
                }
            }
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot update " + latest, ex);
        }
    }

    /**
     * @param step a step.
     * @return its summary object: the fields of summary.json, latencies in µs.
     */
    public static Map<String, Object> summaryOf(final StepResult step)
    {
        final Histogram h = step.latency();
        final Map<String, Object> m = new LinkedHashMap<>();
        m.put("mode", step.mode());
        m.put("workload", step.workload());
        m.put("offered_rate", step.offeredRate());
        m.put("achieved_rate", Math.round(step.achievedRate()));
        m.put("count", step.count());
        m.put("p50_us", us(h, 50));
        m.put("p90_us", us(h, 90));
        m.put("p99_us", us(h, 99));
        m.put("p999_us", us(h, 99.9));
        m.put("p9999_us", us(h, 99.99));
        m.put("max_us", h.getTotalCount() == 0 ? 0.0 : round3(h.getMaxValue() / 1000.0));
        m.put("errors", step.errors());
        m.put("kept_up", step.keptUp());
        m.put("rejected", step.rejected());
        m.put("trades_count", step.tradeLatency().getTotalCount());
        m.put("trade_p99_us", us(step.tradeLatency(), 99));
        m.put("max_send_lag_us", round3(step.maxSendLagNs() / 1000.0));
        m.put("hgrm", step.hgrmName());
        m.put("note", step.note());
        final Histogram hiccups = step.machine().wakeLate();
        m.put("steal_percent", Math.round(step.machine().stealPercent() * 10) / 10.0);
        m.put("hiccup_p99_us", us(hiccups, 99));
        m.put("hiccup_p999_us", us(hiccups, 99.9));
        m.put("hiccup_max_us", hiccups.getTotalCount() == 0 ? 0.0 : round3(hiccups.getMaxValue() / 1000.0));
        final ReportingLag lag = step.reportingLag();
        if (lag.samples() + lag.failed() > 0)
        {
            m.put("reporting_lag_samples", lag.samples());
            m.put("reporting_lag_failed_samples", lag.failed());
            m.put("reporting_lag_max_commands", lag.maxCommands());
            m.put("reporting_lag_max_ms", lag.maxMillis());
            m.put("reporting_lag_end_commands", lag.endCommands());
            m.put("reporting_lag_end_ms", lag.endMillis());
        }
        final EngineStalls stalls = step.stalls();
        if (stalls.known())
        {
            m.put("threading", stalls.threading());
            m.put("stalled_cycles", stalls.stalledCycles());
            m.put("longest_cycle_us", round3(stalls.longestCycleNs() / 1000.0));
            m.put("longest_matcher_cycle_us", round3(stalls.longestMatcherCycleNs() / 1000.0));
            m.put("stalled_journal_writes", stalls.stalledJournalWrites());
            m.put("longest_journal_write_us", round3(stalls.longestJournalWriteNs() / 1000.0));
            m.put("snapshots", stalls.snapshots());
        }
        return m;
    }

    private static double us(final Histogram h, final double percentile)
    {
        return h.getTotalCount() == 0 ? 0.0 : round3(h.getValueAtPercentile(percentile) / 1000.0);
    }

    private static double round3(final double v)
    {
        return Math.round(v * 1000.0) / 1000.0;
    }

    /**
     * @param steps steps' summaries.
     * @return the table: one row per step, latencies in µs, and a loud line for each step that did not keep up.
     */
    public static String table(final List<Map<String, Object>> steps)
    {
        final StringBuilder sb = new StringBuilder();
        final boolean lag = steps.stream().anyMatch(s -> s.containsKey("reporting_lag_samples"));
        sb.append(String.format(Locale.ROOT, "%-6s %-8s %9s %11s %10s %9s %9s %9s %9s %9s %10s %6s", "mode",
            "workload", "offered/s", "achieved/s", "count", "p50 µs", "p90 µs", "p99 µs", "p99.9 µs", "p99.99 µs",
            "max µs", "errors"));
        sb.append(lag ? String.format(Locale.ROOT, " | %24s %6s | %15s %6s%n", "reporting lag: max cmds", "ms",
            "at end: cmds", "ms") : System.lineSeparator());
        final List<String> warnings = new ArrayList<>();
        for (final Map<String, Object> s : steps)
        {
            final long offered = ((Number)s.get("offered_rate")).longValue();
            final boolean keptUp = !Boolean.FALSE.equals(s.get("kept_up"));
            sb.append(String.format(Locale.ROOT, "%-6s %-8s %9s %11d %10d %9.1f %9.1f %9.1f %9.1f %9.1f %10.1f %6d",
                s.get("mode"), s.get("workload"), Rates.format(offered), ((Number)s.get("achieved_rate")).longValue(),
                ((Number)s.get("count")).longValue(), num(s, "p50_us"), num(s, "p90_us"), num(s, "p99_us"),
                num(s, "p999_us"), num(s, "p9999_us"), num(s, "max_us"), ((Number)s.get("errors")).longValue()));
            if (lag)
            {
                sb.append(lagColumns(s));
            }
            sb.append(keptUp ? "" : "  <-- DID NOT KEEP UP").append(System.lineSeparator());
            if (((Number)s.getOrDefault("reporting_lag_failed_samples", 0)).longValue() > 0)
            {
                warnings.add(String.format(Locale.ROOT, "note: %s %s/s: %d of reporting's status samples did not " +
                    "answer", s.get("mode"), Rates.format(offered),
                    ((Number)s.get("reporting_lag_failed_samples")).longValue()));
            }
            if (!keptUp)
            {
                warnings.add(String.format(Locale.ROOT,
                    "!!! %s %s at %s/s: COULD NOT KEEP UP: achieved %d/s < 99%% of offered; the latencies above " +
                    "include the growing backlog.", s.get("mode"), s.get("workload"), Rates.format(offered),
                    ((Number)s.get("achieved_rate")).longValue()));
            }
            final Object note = s.get("note");
            if (note != null && !note.toString().isEmpty())
            {
                warnings.add("note: " + s.get("mode") + " " + Rates.format(offered) + "/s: " + note);
            }
        }
        sb.append(System.lineSeparator()).append(stallTable(steps));
        warnings.forEach(w -> sb.append(w).append(System.lineSeparator()));
        return sb.toString();
    }

    /** @return a step's reporting-lag columns, or dashes for a step without them. */
    private static String lagColumns(final Map<String, Object> s)
    {
        if (!s.containsKey("reporting_lag_samples"))
        {
            return String.format(Locale.ROOT, " | %24s %6s | %15s %6s", "-", "-", "-", "-");
        }
        return String.format(Locale.ROOT, " | %24d %6d | %15d %6d", ((Number)s.get("reporting_lag_max_commands"))
            .longValue(), ((Number)s.get("reporting_lag_max_ms")).longValue(),
            ((Number)s.get("reporting_lag_end_commands")).longValue(), ((Number)s.get("reporting_lag_end_ms"))
            .longValue());
    }

    /**
     * @param steps steps' summaries.
     * @return the machine's hiccups (a thread sleeping 1 ms, how late it woke) beside the engine's own stalls, per
     *         step: read the latency table against it.
     */
    static String stallTable(final List<Map<String, Object>> steps)
    {
        final StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "%-6s %9s | %-34s | %-9s %13s %16s %14s %16s %9s%n", "", "",
            "machine: 1 ms sleep late by, steal", "engine:", "cycles > 1 ms", "longest cycle µs", "journal > 1 ms",
            "longest write µs", "snapshots"));
        sb.append(String.format(Locale.ROOT, "%-6s %9s | %8s %9s %9s %5s | %-9s%n", "mode",
            "offered/s", "p99 µs", "p99.9 µs", "max µs", "%", "threading"));
        for (final Map<String, Object> s : steps)
        {
            final boolean engine = s.containsKey("stalled_cycles");
            sb.append(String.format(Locale.ROOT, "%-6s %9s | %8.1f %9.1f %9.1f %5.1f | %-9s %13s %16s %14s %16s %9s%n",
                s.get("mode"), Rates.format(((Number)s.get("offered_rate")).longValue()), num(s, "hiccup_p99_us"),
                num(s, "hiccup_p999_us"), num(s, "hiccup_max_us"), num(s, "steal_percent"),
                engine ? s.get("threading") : "-",
                engine ? String.valueOf(((Number)s.get("stalled_cycles")).longValue()) : "-",
                engine ? String.format(Locale.ROOT, "%.1f", num(s, "longest_cycle_us")) : "-",
                engine ? String.valueOf(((Number)s.get("stalled_journal_writes")).longValue()) : "-",
                engine ? String.format(Locale.ROOT, "%.1f", num(s, "longest_journal_write_us")) : "-",
                engine ? String.valueOf(((Number)s.get("snapshots")).longValue()) : "-"));
        }
        return sb.toString();
    }

    private static double num(final Map<String, Object> s, final String key)
    {
        final Object v = s.get(key);
        return v instanceof Number n ? n.doubleValue() : 0;
    }
}
