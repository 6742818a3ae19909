package dev.hotpath.workloads;

import dev.hotpath.engine.api.EventSink;
import dev.hotpath.engine.api.Instrument;
import dev.hotpath.engine.matching.MatchingCore;
import dev.hotpath.engine.matching.MatchingEngine;

import java.util.List;

/**
 * A generated workload, ready to replay: the prefill that builds the books, the measured commands, and the
 * figures that describe them. Replaying {@link #prefill()} then {@link #commands()} on a fresh engine from
 * {@link #newEngine()} reproduces exactly what the generator saw.
 *
 * <pre>{@code
 * Workload w1 = Workload.generate(WorkloadSpec.w1(), 42, 1_000_000);
 * MatchingCore engine = w1.newEngine();
 * w1.prefill().applyAll(engine, sink);      // not measured
 * w1.commands().applyAll(engine, sink);     // measured: no allocation
 * w1.reset(engine, sink);                   // back to the state after the prefill, without allocating
 * }</pre>
 *
 * <p>Immutable once generated; its batches may be read by any thread after safe publication.
 */
public final class Workload
{
    private final WorkloadSpec spec;
    private final long seed;
    private final List<Instrument> instruments;
    private final CommandBatch prefill;
    private final CommandBatch commands;
    private final WorkloadStats stats;
    private final EngineReset reset;

    private Workload(
        final WorkloadSpec spec,
        final long seed,
        final List<Instrument> instruments,
        final CommandBatch prefill,
        final CommandBatch commands,
        final WorkloadStats stats)
    {
        this.spec = spec;
        this.seed = seed;
        this.instruments = instruments;
        this.prefill = prefill;
        this.commands = commands;
        this.stats = stats;
        this.reset = new EngineReset(WorkloadGenerator.expectedOrders(spec));
    }

    /**
     * Generates a workload.
     *
     * @param spec     what to generate ({@link WorkloadSpec#w1()}, ...).
     * @param seed     the seed: the same spec and seed give the same commands.
     * @param commands how many measured commands to make after the prefill.
     * @return the workload.
     */
    public static Workload generate(final WorkloadSpec spec, final long seed, final int commands)
    {
        final WorkloadGenerator generator = new WorkloadGenerator(spec, seed);
        final CommandBatch prefill = new CommandBatch(spec.restingOrders() * 24);
        generator.prefill(prefill);
        final CommandBatch measured = new CommandBatch(commands);
        generator.next(measured, commands);
        return new Workload(spec, seed, generator.instruments(), prefill, measured, generator.stats());
    }

    /** @return the spec. */
    public WorkloadSpec spec()
    {
        return spec;
    }

    /** @return the seed. */
    public long seed()
    {
        return seed;
    }

    /** @return the instruments the commands name. */
    public List<Instrument> instruments()
    {
        return instruments;
    }

    /** @return the commands that build the initial books (replay them first; not meant to be measured). */
    public CommandBatch prefill()
    {
        return prefill;
    }

    /** @return the measured commands. */
    public CommandBatch commands()
    {
        return commands;
    }

    /** @return what the measured commands did. */
    public WorkloadStats stats()
    {
        return stats;
    }

    /**
     * @return a fresh engine with this workload's instruments and self-trade policy, sized so that its pools
     *     never grow while it replays the workload.
     */
    public MatchingCore newEngine()
    {
        return new MatchingCore(instruments, spec.selfTradePolicy(), WorkloadGenerator.expectedOrders(spec));
    }

    /**
     * Brings an engine that replayed (part of) this workload back to the state after the prefill: cancels
     * every open order, turns a {@link MatchingCore}'s time back to 0 (a timed workload's commands carry their
     * times again), then replays the prefill. Allocates nothing once the engine has seen the workload. The engine
     * must hold only this workload's orders.
     *
     * @param engine the engine.
     * @param sink   receives the events of the cancels and of the prefill.
     */
    public void reset(final MatchingEngine engine, final EventSink sink)
    {
        reset.cancelAllOpenOrders(engine, sink);
        if (engine instanceof MatchingCore core)
        {
            core.restoreNowNs(0);
        }
        prefill.applyAll(engine, sink);
    }
}
