package dev.hotpath.workloads;

/**
 * A small, fully specified pseudo-random generator (SplitMix64, Steele, Lea and Flood 2014), so that a
 * workload's seed gives the same commands on every JDK and machine: {@code java.util.Random}'s and
 * {@code SplittableRandom}'s streams are not part of their contracts in the same way, and
 * {@code Math.pow} may differ in the last bit between platforms. Only integer arithmetic and exact
 * double conversions here.
 *
 * <p>Not thread-safe: one instance per generator.
 */
final class SplitMix64
{
    private static final long GOLDEN_GAMMA = 0x9E3779B97F4A7C15L;
    private static final double DOUBLE_UNIT = 0x1.0p-53;

    private long state;

    /**
     * @param seed any value; the same seed gives the same stream.
     */
    SplitMix64(final long seed)
    {
        this.state = seed;
    }

    /** @return the next 64 random bits. */
    long nextLong()
    {
        long z = (state += GOLDEN_GAMMA);
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /**
     * @param bound exclusive upper bound, &gt; 0.
     * @return a uniform int in {@code [0, bound)} (Lemire's multiply-shift with rejection: no modulo bias).
     */
    int nextInt(final int bound)
    {
        if (bound <= 0)
        {
            throw new IllegalArgumentException("bound must be > 0: " + bound);
        }
        long m = (nextLong() >>> 32) * bound;
        long low = m & 0xFFFF_FFFFL;
        if (low < bound)
        {
            final long threshold = (0x1_0000_0000L - bound) % bound;
            while (low < threshold)
            {
                m = (nextLong() >>> 32) * bound;
                low = m & 0xFFFF_FFFFL;
            }
        }
        return (int)(m >>> 32);
    }

    /**
     * @param lowInclusive  smallest value.
     * @param highInclusive largest value.
     * @return a uniform int in {@code [lowInclusive, highInclusive]}.
     */
    int nextInt(final int lowInclusive, final int highInclusive)
    {
        return lowInclusive + nextInt(highInclusive - lowInclusive + 1);
    }

    /** @return a uniform double in {@code [0, 1)}. */
    double nextDouble()
    {
        return (nextLong() >>> 11) * DOUBLE_UNIT;
    }

    /**
     * @param probability chance of true, in {@code [0, 1]}.
     * @return true with that probability.
     */
    boolean chance(final double probability)
    {
        return nextDouble() < probability;
    }
}
