package dev.hotpath.workloads;

/**
 * Prints the figures of W1 to W4 for a seed, for the README:
 * {@code java -cp ... dev.hotpath.workloads.WorkloadStatsMain [seed] [commands]}.
 */
public final class WorkloadStatsMain
{
    private WorkloadStatsMain()
    {
    }

    /**
     * @param args optional seed (default 42) and number of measured commands (default 1,000,000).
     */
    public static void main(final String[] args)
    {
        final long seed = args.length > 0 ? Long.parseLong(args[0]) : 42;
        final int commands = args.length > 1 ? Integer.parseInt(args[1]) : 1_000_000;
        for (final WorkloadSpec spec : new WorkloadSpec[]{
            WorkloadSpec.w1(), WorkloadSpec.w2(), WorkloadSpec.w3(), WorkloadSpec.w4()})
        {
            final long start = System.nanoTime();
            final Workload workload = Workload.generate(spec, seed, commands);
            final long ms = (System.nanoTime() - start) / 1_000_000;
            System.out.println(workload.stats().describe());
            System.out.printf("  prefill %,d commands; seed %d; generated in %,d ms%n",
                workload.prefill().size(), seed, ms);
        }
    }
}
