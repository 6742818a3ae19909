package dev.hotpath.loadgen;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ReportTest
{
    static final List<String> REQUIRED = List.of("mode", "workload", "offered_rate", "achieved_rate", "count",
        "p50_us", "p90_us", "p99_us", "p999_us", "p9999_us", "max_us", "errors");

    static StepResult step(final String mode, final long rate, final double achieved, final long baseNs)
    {
        final Histogram latency = new Histogram(3);
        final Histogram trades = new Histogram(3);
        for (int i = 1; i <= 10_000; i++)
        {
            latency.recordValue(baseNs + i * 10L);
            if (i % 20 == 0)
            {
                trades.recordValue(baseNs + i * 10L);
            }
        }
        final Histogram hiccups = new Histogram(3);
        hiccups.recordValue(50_000);
        return new StepResult(mode, "W1", rate, achieved, latency.getTotalCount(), latency, trades, 3, 1, 500, "",
            new MachineHiccups(hiccups, 0.5), mode.equals("engine") ? new EngineStalls("SHARED", 2, 1_500_000, 900_000, 1, 1_200_000, 1) :
            EngineStalls.UNKNOWN);
    }

    @Test
    @Timeout(60)
    void writesHgrmSummaryPngAndHtml(@TempDir final Path dir) throws Exception
    {
        final List<StepResult> steps = List.of(step("engine", 100_000, 100_000, 1_000),
            step("engine", 1_000_000, 400_000, 50_000));
        Report.write(dir, steps);

        for (final StepResult s : steps)
        {
            final String hgrm = Files.readString(dir.resolve(s.hgrmName()), StandardCharsets.UTF_8);
            assertTrue(hgrm.contains("Percentile") && hgrm.contains("#[Max"), hgrm);
        }
        assertTrue(Files.size(dir.resolve(LatencyPlots.PNG)) > 1000);
        final byte[] png = Files.readAllBytes(dir.resolve(LatencyPlots.PNG));
        assertEquals((byte)0x89, png[0]);
        assertEquals('P', png[1]);
        final String html = Files.readString(dir.resolve(LatencyPlots.HTML), StandardCharsets.UTF_8);
        assertTrue(html.contains("<svg") && html.contains("<polyline") && html.contains("engine W1 1m/s"), html);
        assertTrue(html.contains("NO: could not keep up"));

        final JsonNode summary = new ObjectMapper().readTree(dir.resolve(Report.SUMMARY).toFile());
        assertTrue(summary.isArray());
        assertEquals(2, summary.size());
        for (final JsonNode s : summary)
        {
            for (final String field : REQUIRED)
            {
                assertTrue(s.has(field), "summary lacks " + field + ": " + s);
            }
        }
        final JsonNode first = summary.get(0);
        assertEquals("engine", first.get("mode").asText());
        assertEquals(100_000, first.get("offered_rate").asLong());
        assertEquals(10_000, first.get("count").asLong());
        assertEquals(3, first.get("errors").asLong());
        // values 1,010 .. 101,000 ns: p50 ~ 51 µs, max ~ 101 µs
        assertEquals(51.0, first.get("p50_us").asDouble(), 0.1);
        assertEquals(101.0, first.get("max_us").asDouble(), 0.1);
        assertFalse(summary.get(1).get("kept_up").asBoolean());
    }

    @Test
    @Timeout(60)
    void aSecondRunAddsToTheFolderAndTheTableSaysWhoDidNotKeepUp(@TempDir final Path dir) throws Exception
    {
        Report.write(dir, List.of(step("engine", 100_000, 100_000, 1_000)));
        final List<Map<String, Object>> all = Report.write(dir, List.of(step("grpc", 10_000, 5_000, 100_000)));
        assertEquals(2, all.size());
        assertEquals(2, Report.readSummary(dir).size());
        final String table = Report.table(all);
        assertTrue(table.contains("p99.99"), table);
        assertTrue(table.contains("COULD NOT KEEP UP") && table.contains("grpc"), table);
    }

    @Test
    @Timeout(60)
    void latestPointsAtTheNewestFolder(@TempDir final Path root) throws Exception
    {
        final Path a = Report.newFolder(root);
        Report.write(a, List.of(step("engine", 100_000, 100_000, 1_000)));
        Report.linkLatest(root, a);
        final Path b = Report.newFolder(root);
        Report.write(b, List.of(step("engine", 200_000, 200_000, 1_000)));
        Report.linkLatest(root, b);
        assertEquals(200_000L, ((Number)Report.readSummary(root.resolve("latest")).get(0).get("offered_rate"))
            .longValue());
    }

    @Test
    @Timeout(60)
    void reportingLagColumnsAppearOnlyForStepsThatSampledIt(@TempDir final Path dir) throws Exception
    {
        final List<Map<String, Object>> without = Report.write(dir.resolve("without"),
            List.of(step("grpc", 10_000, 10_000, 1_000)));
        assertFalse(without.get(0).keySet().stream().anyMatch(k -> k.startsWith("reporting_lag")), without.toString());
        assertFalse(Report.table(without).contains("reporting lag"), Report.table(without));

        final StepResult sampled = step("grpc", 20_000, 20_000, 1_000)
            .withReportingLag(new ReportingLag(12, 1, 45_678, 321, 17, 4));
        final List<Map<String, Object>> with = Report.write(dir.resolve("with"), List.of(sampled));
        final Map<String, Object> s = with.get(0);
        assertEquals(12L, ((Number)s.get("reporting_lag_samples")).longValue());
        assertEquals(1L, ((Number)s.get("reporting_lag_failed_samples")).longValue());
        assertEquals(45_678L, ((Number)s.get("reporting_lag_max_commands")).longValue());
        assertEquals(321L, ((Number)s.get("reporting_lag_max_ms")).longValue());
        assertEquals(17L, ((Number)s.get("reporting_lag_end_commands")).longValue());
        assertEquals(4L, ((Number)s.get("reporting_lag_end_ms")).longValue());
        final String table = Report.table(with);
        assertTrue(table.contains("reporting lag") && table.matches("(?s).*45678 +321 \\| +17 +4.*"), table);
        assertTrue(table.contains("1 of reporting's status samples did not answer"), table);
    }
}
