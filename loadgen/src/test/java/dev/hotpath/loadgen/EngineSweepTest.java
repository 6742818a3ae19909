package dev.hotpath.loadgen;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A real in-process engine (journal on, in a temp dir), a few thousand commands a step, end to end. */
class EngineSweepTest
{
    @Test
    @Timeout(120)
    void sweepsAnEngineAndWritesTheReport(@TempDir final Path dir) throws Exception
    {
        final Path out = dir.resolve("report");
        final int code = LoadgenMain.execute("engine", "--rates", "10k,20k", "--duration", "300ms", "--warmup",
            "100ms", "--out", out.toString(), "--engine-dir", dir.resolve("engines").toString(), "--no-progress");
        assertEquals(0, code);
        final JsonNode summary = new ObjectMapper().readTree(out.resolve(Report.SUMMARY).toFile());
        assertEquals(2, summary.size());
        for (final JsonNode s : summary)
        {
            for (final String field : ReportTest.REQUIRED)
            {
                assertTrue(s.has(field), field);
            }
            assertEquals("engine", s.get("mode").asText());
            assertEquals("W1", s.get("workload").asText());
            assertEquals(0, s.get("errors").asLong(), s.toString());
            final long offered = s.get("offered_rate").asLong();
            // 300 ms measured of each step
            assertEquals(offered * 3 / 10, s.get("count").asLong(), offered / 100.0, s.toString());
            assertTrue(s.get("p50_us").asDouble() > 0);
            assertTrue(Files.exists(out.resolve(s.get("hgrm").asText())));
        }
        assertTrue(Files.exists(out.resolve(LatencyPlots.PNG)));
        assertTrue(Files.exists(out.resolve(LatencyPlots.HTML)));
    }

    @Test
    @Timeout(120)
    void runsTheJitWarmUpBeforeTheStepsAndReportsOnlyTheSteps(@TempDir final Path dir) throws Exception
    {
        final Path out = dir.resolve("report");
        assertEquals(0, LoadgenMain.execute("engine", "--rates", "20k", "--duration", "300ms", "--warmup", "100ms",
            "--jit-warmup", "500ms", "--out", out.toString(), "--no-progress"));
        final JsonNode summary = new ObjectMapper().readTree(out.resolve(Report.SUMMARY).toFile());
        assertEquals(1, summary.size(), "the warm-up is not a step: " + summary);
        assertEquals(0, summary.get(0).get("errors").asLong(), summary.toString());
        assertEquals(20_000 * 3 / 10, summary.get(0).get("count").asLong(), 200, "only the step is counted");
    }

    @Test
    @Timeout(120)
    void reportsTheMachinesHiccupsAndTheEnginesStallsForEachThreadingMode(@TempDir final Path dir) throws Exception
    {
        for (final String mode : new String[] {"SHARED", "DEDICATED"})
        {
            final Path out = dir.resolve(mode);
            assertEquals(0, LoadgenMain.execute("engine", "--rates", "20k", "--duration", "300ms", "--warmup", "100ms",
                "--snapshot-interval", "2000", "--threading", mode, "--out", out.toString(), "--no-progress"));
            final JsonNode s = new ObjectMapper().readTree(out.resolve(Report.SUMMARY).toFile()).get(0);
            assertEquals(mode, s.get("threading").asText());
            assertEquals(0, s.get("errors").asLong(), s.toString());
            for (final String field : new String[] {"hiccup_p99_us", "hiccup_p999_us", "hiccup_max_us", "steal_percent",
                "stalled_cycles", "longest_cycle_us", "longest_matcher_cycle_us", "stalled_journal_writes",
                "longest_journal_write_us", "snapshots"})
            {
                assertTrue(s.has(field), field + " in " + s);
            }
            assertTrue(s.get("longest_cycle_us").asDouble() > 0, "the engine measured its duty cycles: " + s);
            assertTrue(s.get("hiccup_max_us").asDouble() > 0, "the meter woke during the window: " + s);
            // how many snapshots fall in a 300 ms window depends on how far the snapshotter thread has caught up
            // with the 21,000-command prefill on a busy machine: a count, not a timing, is what is checked here
            assertTrue(s.get("snapshots").asLong() >= 0, "snapshots counted: " + s);
        }
    }

    @Test
    @Timeout(120)
    void replaysARecordedFlow(@TempDir final Path dir) throws Exception
    {
        final Path flow = dir.resolve("flow.jsonl");
        assertEquals(0, LoadgenMain.execute("generate", "--workload", "W3", "--count", "5000", "--out",
            flow.toString()));
        final Path out = dir.resolve("report");
        assertEquals(0, LoadgenMain.execute("engine", "--replay", flow.toString(), "--rate", "20k", "--duration",
            "200ms", "--warmup", "50ms", "--out", out.toString(), "--no-progress"));
        final JsonNode s = new ObjectMapper().readTree(out.resolve(Report.SUMMARY).toFile()).get(0);
        assertEquals("flow.jsonl", s.get("workload").asText());
        assertEquals(4_000, s.get("count").asLong(), 40);
        assertEquals(0, s.get("errors").asLong());
    }
}
