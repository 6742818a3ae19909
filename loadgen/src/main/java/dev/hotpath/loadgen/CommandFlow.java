package dev.hotpath.loadgen;

import dev.hotpath.engine.api.Instrument;
import dev.hotpath.workloads.CommandBatch;
import dev.hotpath.workloads.Workload;
import dev.hotpath.workloads.WorkloadGenerator;
import dev.hotpath.workloads.WorkloadSpec;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The commands of a run: a prefill that builds the books (sent first, not measured) and the measured commands,
 * sent on the schedule. Comes from a seeded workload generator or from a recorded JSON Lines file.
 *
 * <p>Immutable once built; its batches may be read by any thread after safe publication.
 *
 * @param name           workload name for reports ({@code W1}, or the replayed file's name).
 * @param instruments    the instruments the commands name.
 * @param expectedOrders open orders to size an engine for.
 * @param prefill        commands that build the books.
 * @param commands       the measured commands.
 */
public record CommandFlow(
    String name, List<Instrument> instruments, int expectedOrders, CommandBatch prefill, CommandBatch commands)
{
    /**
     * @param workload  {@code W1}, {@code W2} or {@code W3} (any case).
     * @param instruments how many instruments, or 0 for the workload's own.
     * @param accounts  how many accounts, or 0 for the workload's own.
     * @return the spec, with the overrides applied (resting orders scale with the instruments).
     */
    public static WorkloadSpec spec(final String workload, final int instruments, final int accounts)
    {
        final WorkloadSpec base = WorkloadSpec.named(workload);
        final int books = instruments > 0 ? instruments : base.instruments();
        final int resting = Math.max(books, (int)((long)base.restingOrders() * books / base.instruments()));
        return new WorkloadSpec(base.name(), books, accounts > 0 ? accounts : base.accounts(), resting,
            base.zipfExponent(), base.mix(), base.priceRangeTicks(), base.sweepLevelsMin(), base.sweepLevelsMax(),
            base.selfTradePolicy(), base.firstInstrumentId(), base.firstOrderId());
    }

    /**
     * @param spec  what to generate.
     * @param seed  the seed: the same spec and seed give the same flow.
     * @param count measured commands.
     * @return the flow.
     */
    public static CommandFlow generate(final WorkloadSpec spec, final long seed, final int count)
    {
        final Workload workload = Workload.generate(spec, seed, count);
        return new CommandFlow(spec.name(), workload.instruments(), WorkloadGenerator.expectedOrders(spec),
            workload.prefill(), workload.commands());
    }

    /**
     * A flow read from a file: instruments {@code 0..max id} named in it, simple (tick and lot of 1).
     *
     * @param name     for reports.
     * @param prefill  the prefill.
     * @param commands the measured commands.
     * @return the flow.
     */
    public static CommandFlow of(final String name, final CommandBatch prefill, final CommandBatch commands)
    {
        int maxInstrument = 0;
        for (final CommandBatch batch : List.of(prefill, commands))
        {
            for (int i = 0; i < batch.size(); i++)
            {
                maxInstrument = Math.max(maxInstrument, batch.instrumentId(i));
            }
        }
        final List<Instrument> instruments = new ArrayList<>();
        for (int id = 0; id <= maxInstrument; id++)
        {
            instruments.add(Instrument.simple(id, "I" + id));
        }
        final int expected = Math.max(1 << 16, Integer.highestOneBit(Math.max(1, prefill.size()) * 4) << 1);
        return new CommandFlow(name, List.copyOf(instruments), expected, prefill, commands);
    }
}
