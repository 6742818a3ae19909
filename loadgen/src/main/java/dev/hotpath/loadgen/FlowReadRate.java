package dev.hotpath.loadgen;

import dev.hotpath.workloads.CommandBatch;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * How fast {@link FlowFile} reads a flow back from JSON Lines (the goal: 2M records a second or more, so that
 * {@code --replay} of a large file starts quickly): the flow is written to memory once, then read back several
 * times, and the best round counts (the first ones pay for the JIT). {@code ./hotpath loadgen flow-read-rate}
 * prints it; the unit tests only check that every record comes back, since a timing on a shared machine proves
 * nothing.
 *
 * <p>Stateless; runs on the calling thread.
 */
public final class FlowReadRate
{
    private FlowReadRate()
    {
    }

    /**
     * One measurement.
     *
     * @param records       records in the flow (prefill and commands), read back in every round.
     * @param bestPerSecond records a second of the fastest round.
     * @param rounds        rounds read.
     */
    public record Result(long records, double bestPerSecond, int rounds)
    {
    }

    /**
     * @param flow   the flow to write and read back.
     * @param rounds how many times to read it (at least 1).
     * @return the records read per round and the best round's rate.
     * @throws IllegalStateException when a round reads back another number of records than were written.
     */
    public static Result measure(final CommandFlow flow, final int rounds)
    {
        if (rounds < 1)
        {
            throw new IllegalArgumentException("rounds must be at least 1: " + rounds);
        }
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        try
        {
            FlowFile.write(flow.prefill(), flow.commands(), out);
            final byte[] bytes = out.toByteArray();
            final long written = (long)flow.prefill().size() + flow.commands().size();
            double best = 0;
            for (int round = 0; round < rounds; round++)
            {
                final CommandBatch prefill = new CommandBatch(flow.prefill().size());
                final CommandBatch commands = new CommandBatch(flow.commands().size());
                final long t0 = System.nanoTime();
                final long read = FlowFile.read("memory", new ByteArrayInputStream(bytes), prefill, commands);
                final long ns = Math.max(1, System.nanoTime() - t0);
                if (read != written)
                {
                    throw new IllegalStateException("wrote " + written + " records, read " + read);
                }
                best = Math.max(best, read * 1e9 / ns);
            }
            return new Result(written, best, rounds);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }
}
