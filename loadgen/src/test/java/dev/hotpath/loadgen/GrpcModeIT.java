package dev.hotpath.loadgen;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** loadgen grpc against a real gateway (and its engine) on 127.0.0.1, ephemeral port. */
class GrpcModeIT
{
    @Test
    @Timeout(180)
    void sweepsAGatewayOnStreamsAndUnaryCalls(@TempDir final Path dir) throws Exception
    {
        final CommandFlow probe = CommandFlow.generate(CommandFlow.spec("W1", 0, 8), 1, 1);
        try (DemoStack stack = DemoStack.start(dir.resolve("stack"), probe.instruments(), 8, 0, -1,
            dir.resolve("reports")))
        {
            final Path keys = dir.resolve("stack").resolve("accounts.txt");
            final Path out = dir.resolve("report");
            assertEquals(0, LoadgenMain.execute("grpc", "--target", "127.0.0.1:" + stack.grpcPort(), "--stream",
                "--connections", "2", "--api-keys-file", keys.toString(), "--accounts", "8", "--rates", "2k,5k",
                "--duration", "500ms", "--warmup", "200ms", "--out", out.toString(), "--no-progress"));
            assertEquals(0, LoadgenMain.execute("grpc", "--target", "127.0.0.1:" + stack.grpcPort(), "--unary",
                "--connections", "1", "--api-keys", String.join(",", stack.keys()), "--accounts", "8", "--rates",
                "1k", "--duration", "500ms", "--warmup", "200ms", "--out", dir.resolve("unary").toString(),
                "--no-progress"));

            final JsonNode summary = new ObjectMapper().readTree(out.resolve(Report.SUMMARY).toFile());
            assertEquals(2, summary.size());
            for (final JsonNode s : summary)
            {
                for (final String field : ReportTest.REQUIRED)
                {
                    assertTrue(s.has(field), field);
                }
                assertEquals("grpc", s.get("mode").asText());
                assertEquals(0, s.get("errors").asLong(), s.toString());
                final long offered = s.get("offered_rate").asLong();
                assertEquals(offered / 2, s.get("count").asLong(), offered / 100.0, s.toString());
                assertTrue(s.get("p50_us").asDouble() > 1, s.toString());
                // W1 trades on ~5% of commands: the trade latency comes from the fills in the responses
                assertTrue(s.get("trades_count").asLong() > 0, s.toString());
            }
            final JsonNode unary = new ObjectMapper().readTree(dir.resolve("unary").resolve(Report.SUMMARY).toFile())
                .get(0);
            assertEquals(0, unary.get("errors").asLong(), unary.toString());
            assertEquals(500, unary.get("count").asLong(), 5);

            // batches of 50 commands a message: every command answered, none lost to the batching
            assertEquals(0, LoadgenMain.execute("grpc", "--target", "127.0.0.1:" + stack.grpcPort(), "--batch", "50",
                "--api-keys-file", keys.toString(), "--accounts", "8", "--rates", "10k", "--duration", "500ms",
                "--warmup", "200ms", "--out", dir.resolve("batch").toString(), "--no-progress"));
            final JsonNode batched = new ObjectMapper().readTree(dir.resolve("batch").resolve(Report.SUMMARY)
                .toFile()).get(0);
            assertEquals(0, batched.get("errors").asLong(), batched.toString());
            assertEquals(5000, batched.get("count").asLong(), 60, batched.toString());
        }
    }
}
