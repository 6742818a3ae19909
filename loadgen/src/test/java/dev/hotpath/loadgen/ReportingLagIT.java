package dev.hotpath.loadgen;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code loadgen grpc --reporting}: a real gateway and a real reporting process's servers on 127.0.0.1 (ephemeral
 * ports, {@link DemoStack}), reporting tailing the gateway's journal; two short steps, each of which must carry
 * reporting's lag, sampled from its dashboard's {@code /api/status}, in its summary and in the printed table.
 */
class ReportingLagIT
{
    @Test
    @Timeout(180)
    void shouldPrintReportingsLagBesideEachStep(@TempDir final Path dir) throws Exception
    {
        final CommandFlow probe = CommandFlow.generate(CommandFlow.spec("W1", 0, 8), 1, 1);
        try (DemoStack stack = DemoStack.start(dir.resolve("stack"), probe.instruments(), 8, 0, 0,
            dir.resolve("reports")))
        {
            assertTrue(stack.reportingHttpPort() > 0, "reporting's HTTP server listens");
            final SweepOptions options = new SweepOptions();
            options.flow.workload = "W1";
            options.flow.seed = 7;
            options.rates = "2k,5k";
            options.duration = "1s";
            options.warmup = "200ms";
            options.flow.accounts = 8;
            options.out = dir.resolve("report");
            options.reportsDir = dir.resolve("reports");
            options.noProgress = true;
            options.reporting = "127.0.0.1:" + stack.reportingHttpPort();
            final ByteArrayOutputStream printed = new ByteArrayOutputStream();
            final Sweep.Outcome outcome;
            try (Driver driver = new GrpcDriver("127.0.0.1", stack.grpcPort(), true, 1, stack.keys(), 1);
                PrintStream out = new PrintStream(printed, true, StandardCharsets.UTF_8))
            {
                outcome = Sweep.run(options, driver, out);
            }
            final String text = printed.toString(StandardCharsets.UTF_8);
            System.out.print(text);

            assertEquals(2, outcome.steps().size(), text);
            for (final StepResult step : outcome.steps())
            {
                final ReportingLag lag = step.reportingLag();
                // 1.2 s of sending, a sample every 100 ms, one more at the end
                assertTrue(lag.samples() >= 6, lag + "\n" + text);
                assertEquals(0, lag.failed(), lag + "\n" + text);
                assertTrue(lag.maxCommands() >= lag.endCommands() && lag.maxMillis() >= lag.endMillis(), lag.toString());
                assertTrue(lag.maxCommands() <= step.count() + probe.prefill().size() + 1000,
                    "no more behind than was sent: " + lag);
            }
            final List<Map<String, Object>> summary = Report.readSummary(options.out);
            assertEquals(2, summary.size());
            for (final Map<String, Object> s : summary)
            {
                for (final String field : List.of("reporting_lag_samples", "reporting_lag_max_commands",
                    "reporting_lag_max_ms", "reporting_lag_end_commands", "reporting_lag_end_ms"))
                {
                    assertTrue(s.get(field) instanceof Number, field + " in " + s);
                }
                assertEquals(0L, ((Number)s.get("errors")).longValue(), s.toString());
            }
            assertTrue(text.contains("sampling reporting's lag behind the journal at " + options.reporting), text);
            assertTrue(text.contains("reporting lag: max cmds"), text);
            final long rows = text.lines().filter(l -> l.startsWith("grpc   W1 ") && l.contains(" | ")).count();
            assertEquals(2, rows, "a lag column on each step's row:\n" + text);
        }
    }
}
