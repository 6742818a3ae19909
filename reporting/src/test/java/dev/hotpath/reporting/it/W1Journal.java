package dev.hotpath.reporting.it;

import dev.hotpath.engine.api.Command;
import dev.hotpath.engine.api.CommandClock;
import dev.hotpath.engine.pipeline.Engine;
import dev.hotpath.engine.pipeline.EngineConfig;
import dev.hotpath.workloads.CommandBatch;
import dev.hotpath.workloads.Workload;
import dev.hotpath.workloads.WorkloadGenerator;
import dev.hotpath.workloads.WorkloadSpec;

import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Writes the event journal of workload W1 (seed 1, as the pipeline benchmark uses): an engine in this JVM is
 * sent the workload's prefill and then its commands as fast as its ring takes them, and closed once every
 * command's events are in the journal.
 *
 * <p>One thread: the caller's.
 */
final class W1Journal
{
    private W1Journal()
    {
    }

    /**
     * @param engineDir the engine directory; the event journal ends up in {@code engineDir/events}.
     * @param commands  measured commands after the prefill.
     * @return the sequence of the last command (prefill included).
     */
    static long write(final Path engineDir, final int commands)
    {
        final Workload workload = Workload.generate(WorkloadSpec.w1(), 1, commands);
        final EngineConfig config = EngineConfig.builder()
            .directory(engineDir)
            .instruments(workload.instruments())
            .expectedOrders(WorkloadGenerator.expectedOrders(workload.spec()))
            .build();
        final AtomicLong processed = new AtomicLong();
        final Engine engine = new Engine(config, event -> processed.lazySet(event.sequence)).start();
        try
        {
            final Command command = new Command();
            final long prefilled = publishAll(engine, workload.prefill(), command, 0);
            final long last = publishAll(engine, workload.commands(), command, prefilled);
            while (processed.get() < last)
            {
                Thread.onSpinWait();
            }
            return last;
        }
        finally
        {
            engine.close();
        }
    }

    private static long publishAll(final Engine engine, final CommandBatch batch, final Command command,
        final long base)
    {
        for (int i = 0, n = batch.size(); i < n; i++)
        {
            batch.copyTo(i, command);
            command.timestampNs = CommandClock.nowNs();
            engine.publish(command, i);
        }
        return base + batch.size();
    }
}
