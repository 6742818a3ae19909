package dev.hotpath.loadgen;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The demo with tiny steps: one report folder for both modes, and a dashboard that answers. */
@Tag("slow") // the whole demo stack and its sweeps
class DemoIT
{
    @Test
    @Timeout(180)
    void runsBothSweepsWritesOneReportAndServesTheDashboard(@TempDir final Path dir) throws Exception
    {
        final DemoCommand demo = new DemoCommand();
        new CommandLine(demo).parseArgs("--engine-rates", "20k,50k", "--grpc-rates", "2k,4k", "--duration", "300ms",
            "--warmup", "100ms", "--grpc-jit-warmup", "2s", "--dir", dir.resolve("work").toString(),
            "--reports", dir.resolve("reports").toString(),
            "--no-progress");
        final ByteArrayOutputStream text = new ByteArrayOutputStream();
        final List<String> answers = new ArrayList<>();
        final Path folder = demo.run(new PrintStream(text, true, StandardCharsets.UTF_8), stack ->
        {
            try
            {
                final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
                for (final String path : new String[]{"", "api/latency"})
                {
                    final HttpResponse<String> r = http.send(HttpRequest.newBuilder(
                        URI.create(stack.dashboardUrl() + path)).timeout(Duration.ofSeconds(10)).build(),
                        HttpResponse.BodyHandlers.ofString());
                    answers.add(r.statusCode() + " " + r.body());
                }
            }
            catch (final Exception ex)
            {
                throw new IllegalStateException(ex);
            }
        });
        final String printed = text.toString(StandardCharsets.UTF_8);
        System.out.println(printed);
        assertTrue(answers.get(0).startsWith("200 "), answers.get(0));
        assertTrue(answers.get(1).startsWith("200 ") && answers.get(1).contains("\"grpc\"") &&
            answers.get(1).contains("\"engine\""), answers.get(1));
        assertTrue(printed.contains("dashboard: http://127.0.0.1:"), printed);
        assertTrue(printed.contains("== engine mode") && printed.contains("== gRPC stream mode"), printed);

        final JsonNode summary = new ObjectMapper().readTree(folder.resolve(Report.SUMMARY).toFile());
        assertEquals(4, summary.size());
        int engine = 0;
        for (final JsonNode s : summary)
        {
            engine += "engine".equals(s.get("mode").asText()) ? 1 : 0;
            assertEquals(0, s.get("errors").asLong(), s.toString());
            assertTrue(Files.exists(folder.resolve(s.get("hgrm").asText())));
        }
        assertEquals(2, engine);
        assertTrue(Files.exists(folder.resolve(LatencyPlots.PNG)));
        assertTrue(Files.exists(folder.resolve(LatencyPlots.HTML)));
        assertTrue(Files.isSameFile(folder, dir.resolve("reports").resolve("latest")));
    }
}
