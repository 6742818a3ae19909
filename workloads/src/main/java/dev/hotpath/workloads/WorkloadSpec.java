package dev.hotpath.workloads;

import dev.hotpath.engine.api.SelfTradePolicy;

import java.util.Arrays;

/**
 * The parameters of a generated workload. {@link #w1()}, {@link #w2()}, {@link #w3()} and {@link #w4()} are the
 * workloads of docs/workloads.md; the {@code with*} methods derive variants (e.g. to run two workloads on
 * disjoint instruments and order ids of one engine).
 *
 * <p>Immutable; any thread.
 *
 * @param name              short name, e.g. "W1".
 * @param instruments       how many instruments (books).
 * @param accounts          how many accounts send orders (ids {@code 1..accounts}).
 * @param restingOrders     the number of resting orders the generator keeps the books near, in all books.
 * @param zipfExponent      popularity of instrument {@code k} (from 0) is proportional to
 *                          {@code 1 / (k + 1)^zipfExponent}; it weighs both its share of commands and its
 *                          share of resting orders. Ignored with one instrument.
 * @param mix               the share of each {@link CommandKind}, indexed by ordinal; sums to 1.
 * @param priceRangeTicks   how far from the fair price passive orders rest: the scale of the book's depth.
 * @param sweepLevelsMin    a market order sweeps at least this many levels (when the book has them).
 * @param sweepLevelsMax    and at most this many.
 * @param selfTradePolicy   the policy the generator's own engine uses; replay with the same.
 * @param firstInstrumentId id of the first instrument; the others follow.
 * @param firstOrderId      id of the first order; the others count up from it.
 */
public record WorkloadSpec(
    String name,
    int instruments,
    int accounts,
    int restingOrders,
    double zipfExponent,
    double[] mix,
    int priceRangeTicks,
    int sweepLevelsMin,
    int sweepLevelsMax,
    SelfTradePolicy selfTradePolicy,
    int firstInstrumentId,
    long firstOrderId)
{
    /** Validates the fields and copies the mix. */
    public WorkloadSpec
    {
        if (instruments < 1 || accounts < 1 || restingOrders < instruments)
        {
            throw new IllegalArgumentException("need >= 1 instrument and account, >= 1 resting order per book");
        }
        if (mix.length != CommandKind.all().length)
        {
            throw new IllegalArgumentException("mix needs one share per CommandKind");
        }
        double sum = 0;
        for (final double share : mix)
        {
            if (share < 0)
            {
                throw new IllegalArgumentException("negative share in mix");
            }
            sum += share;
        }
        if (Math.abs(sum - 1.0) > 1e-9)
        {
            throw new IllegalArgumentException("mix must sum to 1: " + sum);
        }
        if (priceRangeTicks < 8 || sweepLevelsMin < 1 || sweepLevelsMax < sweepLevelsMin)
        {
            throw new IllegalArgumentException("bad price range or sweep levels");
        }
        if (firstInstrumentId < 0 || firstOrderId < 1)
        {
            throw new IllegalArgumentException("ids must be >= 0 (instrument) and >= 1 (order)");
        }
        mix = mix.clone();
    }

    /**
     * W1, exchange-core's mix: one instrument, 1,000 accounts, ~1,000 resting orders over ~750 levels;
     * 9% GTC limit, 3% IOC, 6% cancel, 82% move.
     *
     * @return the spec.
     */
    public static WorkloadSpec w1()
    {
        return new WorkloadSpec("W1", 1, 1_000, 1_000, 0.0, mix(0.09, 0.03, 0, 0.06, 0.82, 0), 1200, 1, 1,
            SelfTradePolicy.CANCEL_RESTING, 0, 1);
    }

    /**
     * W2: W1's mix over 100 instruments with Zipf (exponent 1) popularity and 10,000 accounts; 1,000
     * resting orders per book on average, spread over the books by popularity as the commands are.
     *
     * @return the spec.
     */
    public static WorkloadSpec w2()
    {
        return new WorkloadSpec("W2", 100, 10_000, 100_000, 1.0, mix(0.09, 0.03, 0, 0.06, 0.82, 0), 1200, 1, 1,
            SelfTradePolicy.CANCEL_RESTING, 0, 1);
    }

    /**
     * W3, sweep: one instrument; 20% market orders that sweep 2 to 5 levels, 40% new limits, 30% cancels,
     * 10% amends (new price and quantity).
     *
     * @return the spec.
     */
    public static WorkloadSpec w3()
    {
        return new WorkloadSpec("W3", 1, 1_000, 1_000, 0.0, mix(0.40, 0, 0.20, 0.30, 0, 0.10), 400, 2, 3,
            SelfTradePolicy.CANCEL_RESTING, 0, 1);
    }

    /**
     * W4, order types: W1's book and flow, with part of its new limits sent as icebergs and as orders good till
     * a time, and stop-limits that its trades trigger: 5% GTC limit, 2% iceberg, 2% good till 1 - 50 ms, 1%
     * stop-limit, 3% IOC, 6% cancel, 81% move. Commands carry a time (1 us apart), so orders expire as the flow
     * runs, the same way on every replay.
     *
     * @return the spec.
     */
    public static WorkloadSpec w4()
    {
        return new WorkloadSpec("W4", 1, 1_000, 1_000, 0.0,
            new double[]{0.05, 0.03, 0, 0.06, 0.81, 0, 0.02, 0.02, 0.01}, 1200, 1, 1,
            SelfTradePolicy.CANCEL_RESTING, 0, 1);
    }

    /**
     * @param name {@code W1} to {@code W4}, any case.
     * @return that workload's spec.
     * @throws IllegalArgumentException for another name.
     */
    public static WorkloadSpec named(final String name)
    {
        return switch (name.toUpperCase(java.util.Locale.ROOT))
        {
            case "W1" -> w1();
            case "W2" -> w2();
            case "W3" -> w3();
            case "W4" -> w4();
            default -> throw new IllegalArgumentException("unknown workload '" + name + "' (W1, W2, W3 or W4)");
        };
    }

    /** @return whether the commands carry times (orders good till a time expire as the flow runs). */
    public boolean timed()
    {
        return share(CommandKind.GOOD_TILL_TIME) > 0;
    }

    /**
     * @param instrumentId id of the first instrument.
     * @param orderId      first order id.
     * @return this spec on other ids.
     */
    public WorkloadSpec withIds(final int instrumentId, final long orderId)
    {
        return new WorkloadSpec(name, instruments, accounts, restingOrders, zipfExponent, mix, priceRangeTicks,
            sweepLevelsMin, sweepLevelsMax, selfTradePolicy, instrumentId, orderId);
    }

    /**
     * @param kind a command kind.
     * @return its share of the generated commands.
     */
    public double share(final CommandKind kind)
    {
        return mix[kind.ordinal()];
    }

    @Override
    public double[] mix()
    {
        return mix.clone();
    }

    @Override
    public boolean equals(final Object o)
    {
        return o instanceof WorkloadSpec other && name.equals(other.name) && instruments == other.instruments &&
            accounts == other.accounts && restingOrders == other.restingOrders &&
            Double.compare(zipfExponent, other.zipfExponent) == 0 && Arrays.equals(mix, other.mix) &&
            priceRangeTicks == other.priceRangeTicks && sweepLevelsMin == other.sweepLevelsMin &&
            sweepLevelsMax == other.sweepLevelsMax && selfTradePolicy == other.selfTradePolicy &&
            firstInstrumentId == other.firstInstrumentId && firstOrderId == other.firstOrderId;
    }

    @Override
    public int hashCode()
    {
        return name.hashCode() * 31 + Arrays.hashCode(mix) + instruments * 7 + Long.hashCode(firstOrderId);
    }

    @Override
    public String toString()
    {
        return name + "{instruments=" + instruments + ", accounts=" + accounts + ", restingOrders=" +
            restingOrders + ", zipf=" + zipfExponent + ", mix=" + Arrays.toString(mix) + ", priceRangeTicks=" +
            priceRangeTicks + ", sweepLevels=" + sweepLevelsMin + ".." + sweepLevelsMax + ", stp=" +
            selfTradePolicy + ", firstInstrumentId=" + firstInstrumentId + ", firstOrderId=" + firstOrderId + '}';
    }

    private static double[] mix(
        final double limit, final double ioc, final double market, final double cancel, final double move,
        final double amend)
    {
        return new double[]{limit, ioc, market, cancel, move, amend, 0, 0, 0};
    }
}
