package dev.hotpath.workloads;

import java.util.Locale;

/**
 * What a generated run of commands did on the generator's own engine: its mix, how many commands traded,
 * and the size and drift of the books while it ran. README figures quote these.
 *
 * <p>Immutable; any thread.
 *
 * @param spec               the workload.
 * @param commands           commands counted.
 * @param kindCounts         commands of each {@link CommandKind}, by ordinal.
 * @param tradingCommands    commands that caused at least one trade.
 * @param trades             trades in all.
 * @param maxTradesInCommand the most trades one command caused.
 * @param rejectedCommands   commands the engine rejected (W3's late cancels; none in W1 and W2).
 * @param avgRestingOrders   open orders after each command, averaged (all books).
 * @param minRestingOrders   the fewest open orders after a command.
 * @param maxRestingOrders   the most.
 * @param avgPriceLevels     price levels (bid and ask, all books), sampled every 256 commands, averaged.
 * @param minFairPrice       the lowest fair (last trade) price of the books the commands went to.
 * @param maxFairPrice       the highest.
 * @param expiredOrders      orders that expired when their time came (W4's orders good till a time; not IOC
 *                           remainders).
 * @param triggeredStops     stops that a trade triggered (W4's stop-limits).
 */
public record WorkloadStats(
    WorkloadSpec spec,
    long commands,
    long[] kindCounts,
    long tradingCommands,
    long trades,
    int maxTradesInCommand,
    long rejectedCommands,
    double avgRestingOrders,
    int minRestingOrders,
    int maxRestingOrders,
    double avgPriceLevels,
    long minFairPrice,
    long maxFairPrice,
    long expiredOrders,
    long triggeredStops)
{
    /** Copies the counts. */
    public WorkloadStats
    {
        kindCounts = kindCounts.clone();
    }

    @Override
    public long[] kindCounts()
    {
        return kindCounts.clone();
    }

    /**
     * @param kind a command kind.
     * @return its share of the commands, in {@code [0, 1]}.
     */
    public double share(final CommandKind kind)
    {
        return commands == 0 ? 0 : (double)kindCounts[kind.ordinal()] / commands;
    }

    /** @return the share of commands that traded, in {@code [0, 1]}. */
    public double tradingShare()
    {
        return commands == 0 ? 0 : (double)tradingCommands / commands;
    }

    /** @return the share of commands that were rejected. */
    public double rejectedShare()
    {
        return commands == 0 ? 0 : (double)rejectedCommands / commands;
    }

    /** @return one line per figure, for logs and the README. */
    public String describe()
    {
        final StringBuilder mix = new StringBuilder();
        for (final CommandKind kind : CommandKind.all())
        {
            if (kindCounts[kind.ordinal()] > 0)
            {
                mix.append(String.format(Locale.ROOT, " %s %.2f%%", kind, 100 * share(kind)));
            }
        }
        return String.format(Locale.ROOT,
            "%s: %,d commands;%s%n" +
            "  trading commands %.2f%% (%,d trades, at most %d in one command); rejected %.2f%%%n" +
            "  resting orders avg %.0f (min %,d, max %,d); price levels avg %.0f; fair price %,d..%,d%s",
            spec.name(), commands, mix, 100 * tradingShare(), trades, maxTradesInCommand, 100 * rejectedShare(),
            avgRestingOrders, minRestingOrders, maxRestingOrders, avgPriceLevels, minFairPrice, maxFairPrice,
            expiredOrders == 0 && triggeredStops == 0 ? "" : String.format(Locale.ROOT,
                "%n  orders expired %,d; stops triggered %,d", expiredOrders, triggeredStops));
    }

    @Override
    public String toString()
    {
        return describe();
    }

    @Override
    public boolean equals(final Object o)
    {
        return o instanceof WorkloadStats other && describe().equals(other.describe());
    }

    @Override
    public int hashCode()
    {
        return describe().hashCode();
    }

    /** Accumulates the figures while a generator runs. */
    static final class Builder
    {
        private long commands;
        private final long[] kindCounts = new long[CommandKind.all().length];
        private long tradingCommands;
        private long trades;
        private int maxTradesInCommand;
        private long rejectedCommands;
        private double restingSum;
        private int minResting = Integer.MAX_VALUE;
        private int maxResting;
        private double levelSum;
        private long levelSamples;
        private long minFair = Long.MAX_VALUE;
        private long maxFair = Long.MIN_VALUE;
        private long expired;
        private long triggered;

        long commands()
        {
            return commands;
        }

        void command(final CommandKind kind, final int tradeCount, final int rejects, final int resting,
            final long fairPrice)
        {
            commands++;
            kindCounts[kind.ordinal()]++;
            if (tradeCount > 0)
            {
                tradingCommands++;
                trades += tradeCount;
                maxTradesInCommand = Math.max(maxTradesInCommand, tradeCount);
            }
            if (rejects > 0)
            {
                rejectedCommands++;
            }
            restingSum += resting;
            minResting = Math.min(minResting, resting);
            maxResting = Math.max(maxResting, resting);
            minFair = Math.min(minFair, fairPrice);
            maxFair = Math.max(maxFair, fairPrice);
        }

        void orderTypes(final int expiredInCommand, final int triggeredInCommand)
        {
            expired += expiredInCommand;
            triggered += triggeredInCommand;
        }

        void levels(final long count)
        {
            levelSum += count;
            levelSamples++;
        }

        WorkloadStats build(final WorkloadSpec spec)
        {
            return new WorkloadStats(spec, commands, kindCounts, tradingCommands, trades, maxTradesInCommand,
                rejectedCommands, commands == 0 ? 0 : restingSum / commands, commands == 0 ? 0 : minResting,
                maxResting, levelSamples == 0 ? 0 : levelSum / levelSamples, commands == 0 ? 0 : minFair,
                commands == 0 ? 0 : maxFair, expired, triggered);
        }
    }
}
