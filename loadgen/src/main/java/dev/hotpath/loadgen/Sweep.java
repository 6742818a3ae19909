package dev.hotpath.loadgen;

import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Runs a sweep: one step per rate, each with a progress bar; writes the report folder and prints the table.
 *
 * <p>Runs on the calling thread.
 */
public final class Sweep
{
    private Sweep()
    {
    }

    /**
     * What a sweep produced.
     *
     * @param folder  the report folder.
     * @param steps   the steps just run.
     * @param summary every step in the folder's summary.
     */
    public record Outcome(Path folder, List<StepResult> steps, List<Map<String, Object>> summary)
    {
    }

    /**
     * @param options what to run.
     * @param driver  the system under test.
     * @param out     where the table and messages go.
     * @return what was run and where the report is.
     */
    public static Outcome run(final SweepOptions options, final Driver driver, final PrintStream out)
    {
        final long[] rates = options.rateList();
        final long warmupNs = options.warmupNs();
        final long durationNs = options.durationNs();
        final List<StepResult> steps = new ArrayList<>();
        try (ReportingLagProbe lag = options.reporting == null ? null : new ReportingLagProbe(options.reporting))
        {
            final long jitWarmupNs = options.jitWarmupNs();
            final CommandFlow flow = flow(options, rates, Math.max(warmupNs + durationNs, jitWarmupNs), out);
            if (jitWarmupNs > 0)
            {
                out.println("JIT warm-up: " + options.jitWarmup + " at " + Rates.format(rates[0]) +
                    "/s before the first step (not measured, not reported)");
                driver.runStep(flow, rates[0], jitWarmupNs, 0, OpenLoop.Progress.NONE);
            }
            if (lag != null)
            {
                out.println("sampling reporting's lag behind the journal at " + lag.target() + " every " +
                    ReportingLagProbe.EVERY_MS + " ms of each step");
            }
            for (final long rate : rates)
            {
                steps.add(step(options, driver, flow, rate, lag, out));
            }
        }
        final Path folder = options.out != null ? options.out : Report.newFolder(options.reportsDir);
        final List<Map<String, Object>> summary = Report.write(folder, steps);
        if (options.out == null)
        {
            Report.linkLatest(options.reportsDir, folder);
        }
        out.println();
        out.print(Report.table(summary.subList(summary.size() - steps.size(), summary.size())));
        out.println("report: " + folder.toAbsolutePath() + " (" + LatencyPlots.HTML + ", " + LatencyPlots.PNG +
            ", " + Report.SUMMARY + ")");
        return new Outcome(folder, steps, summary);
    }

    /**
     * Runs one step; with a probe, reporting's lag is sampled from the step's first command (its prefill left out)
     * until its answers are in.
     */
    private static StepResult step(final SweepOptions options, final Driver driver, final CommandFlow flow,
        final long rate, final ReportingLagProbe lag, final PrintStream out)
    {
        final long warmupNs = options.warmupNs();
        final long durationNs = options.durationNs();
        final long count = Math.min(new Schedule(0, rate).countIn(warmupNs + durationNs), flow.commands().size());
        final String task = driver.mode() + " " + flow.name() + " " + Rates.format(rate) + "/s";
        StepResult step;
        if (options.noProgress)
        {
            out.println("running " + task + " (" + count + " commands)");
            step = driver.runStep(flow, rate, warmupNs, durationNs, withLag(OpenLoop.Progress.NONE, lag));
        }
        else
        {
            try (ProgressBar bar = new ProgressBarBuilder().setTaskName(task).setInitialMax(count)
                .setStyle(ProgressBarStyle.ASCII).setUpdateIntervalMillis(250).setUnit(" k", 1000)
                .showSpeed().build())
            {
                step = driver.runStep(flow, rate, warmupNs, durationNs, withLag(bar::stepTo, lag));
            }
        }
        if (lag != null)
        {
            step = step.withReportingLag(lag.endStep());
        }
        if (!step.keptUp())
        {
            out.printf("!!! %s: COULD NOT KEEP UP: achieved %.0f/s of %d/s offered%n", task, step.achievedRate(),
                rate);
        }
        return step;
    }

    /** @return progress that also starts the probe's window at the step's first command (the sender's thread). */
    private static OpenLoop.Progress withLag(final OpenLoop.Progress progress, final ReportingLagProbe lag)
    {
        if (lag == null)
        {
            return progress;
        }
        final boolean[] begun = {false};
        return sent ->
        {
            if (!begun[0])
            {
                begun[0] = true;
                lag.beginStep();
            }
            progress.onProgress(sent);
        };
    }

    private static CommandFlow flow(final SweepOptions options, final long[] rates, final long stepNs,
        final PrintStream out)
    {
        if (options.replay != null)
        {
            final long t0 = System.nanoTime();
            final CommandFlow flow = FlowFile.read(options.replay);
            out.printf("read %d + %d commands from %s in %.1f s%n", flow.prefill().size(), flow.commands().size(),
                options.replay, (System.nanoTime() - t0) / 1e9);
            return flow;
        }
        long most = 0;
        for (final long rate : rates)
        {
            most = Math.max(most, new Schedule(0, rate).countIn(stepNs));
        }
        if (most > Integer.MAX_VALUE - 8)
        {
            throw new IllegalArgumentException("a step would send " + most + " commands: too many");
        }
        final long t0 = System.nanoTime();
        final CommandFlow flow = options.flow.generate((int)most);
        out.printf("generated %s seed %d: %d prefill + %d commands in %.1f s%n", flow.name(), options.flow.seed,
            flow.prefill().size(), flow.commands().size(), (System.nanoTime() - t0) / 1e9);
        return flow;
    }
}
