package dev.hotpath.reporting.it;

import dev.hotpath.reporting.projection.BarInterval;
import dev.hotpath.reporting.read.ReportingReads;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

import java.util.Arrays;
import java.util.Locale;
import java.util.function.BooleanSupplier;

/**
 * Queries the store the way the dashboard does while an ingest runs, one thread, back to back: an account's
 * trades page (50 newest), its positions, an instrument's 1 s bars (60 newest), rotating over W1's accounts (its
 * one instrument's bars), through {@link ReportingReads} (with an ingest: from memory where it can; without: SQL);
 * each query's latency is recorded, and the CPU time the querying thread spent on it (wall time well above it is
 * time spent waiting: for a core, a lock, or DuckDB's own worker threads). For the ingest benchmark's report, not a pass/fail on time.
 *
 * <p>{@link #start} and {@link #stop} from the benchmark's thread, the queries then run on their own thread; or
 * {@link #run} on the caller's.
 */
final class QueryLoad
{
    private static final int ACCOUNTS = 1000; // W1's
    private static final String[] NAMES = {"trades page", "positions", "1 s bars"};
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private final long[][] nanos = new long[NAMES.length][1 << 20];
    private final long[][] cpuNanos = new long[NAMES.length][1 << 20];
    private final int[] counts = new int[NAMES.length];
    private volatile boolean stop;
    private volatile Throwable failure;
    private Thread thread;

    /**
     * @param queries what to query.
     * @param done    true once the ingest has caught up: the queries stop then.
     */
    void start(final ReportingReads queries, final BooleanSupplier done)
    {
        thread = new Thread(() -> loop(queries, done, Integer.MAX_VALUE), "query-load");
        thread.setDaemon(true);
        thread.start();
    }

    /**
     * Runs {@code rounds} rounds of the three queries on the caller's thread.
     *
     * @param queries what to query.
     * @param rounds  how many.
     */
    void run(final ReportingReads queries, final int rounds)
    {
        loop(queries, () -> false, rounds);
        if (failure != null)
        {
            throw new AssertionError("a query failed", failure);
        }
    }

    private void loop(final ReportingReads queries, final BooleanSupplier done, final int rounds)
    {
        try
        {
            int instrument = -1;
            for (int i = 0; i < rounds && !stop && !done.getAsBoolean(); i++)
            {
                final long account = 1 + (i * 7L) % ACCOUNTS;
                if (instrument < 0)
                {
                    instrument = queries.sql().instruments().stream().mapToInt(r -> r.instrumentId()).findFirst()
                        .orElse(-1);
                }
                long c0 = THREADS.getCurrentThreadCpuTime();
                long t0 = System.nanoTime();
                queries.accountTrades(account, -1, 0, 0, 50);
                long t1 = System.nanoTime();
                long c1 = THREADS.getCurrentThreadCpuTime();
                record(0, t1 - t0, c1 - c0);
                queries.positions(account);
                queries.lastPrices();
                t0 = System.nanoTime();
                c0 = THREADS.getCurrentThreadCpuTime();
                record(1, t0 - t1, c0 - c1);
                queries.bars(instrument, BarInterval.ONE_SECOND, 0, 0, 60);
                record(2, System.nanoTime() - t0, THREADS.getCurrentThreadCpuTime() - c0);
            }
        }
        catch (final Throwable ex)
        {
            failure = ex;
        }
    }

    private void record(final int query, final long ns, final long cpuNs)
    {
        if (counts[query] < nanos[query].length)
        {
            cpuNanos[query][counts[query]] = cpuNs;
            nanos[query][counts[query]++] = ns;
        }
    }

    /**
     * Stops the queries and waits for their thread.
     *
     * @throws InterruptedException when interrupted.
     */
    void stop() throws InterruptedException
    {
        stop = true;
        thread.join();
        if (failure != null)
        {
            throw new AssertionError("a query failed while the ingest ran", failure);
        }
    }

    /** @return one line per query: count, p50, p99, max in milliseconds; the querying thread's CPU p50, p99. */
    String report()
    {
        final StringBuilder out = new StringBuilder();
        for (int q = 0; q < NAMES.length; q++)
        {
            final long[] sorted = Arrays.copyOf(nanos[q], counts[q]);
            Arrays.sort(sorted);
            final long[] cpu = Arrays.copyOf(cpuNanos[q], counts[q]);
            Arrays.sort(cpu);
            out.append(String.format(Locale.ROOT, "    %-12s n=%,7d  p50 %7.3f  p99 %7.3f  max %8.3f   (cpu p50 %7.3f  " +
                "p99 %7.3f)%n", NAMES[q], sorted.length, at(sorted, 0.50), at(sorted, 0.99),
                sorted.length == 0 ? 0 : sorted[sorted.length - 1] / 1e6, at(cpu, 0.50), at(cpu, 0.99)));
        }
        return out.toString();
    }

    private static double at(final long[] sorted, final double quantile)
    {
        return sorted.length == 0 ? 0 : sorted[(int)Math.min(sorted.length - 1, Math.ceil(quantile * sorted.length) - 1)] / 1e6;
    }
}
