package dev.hotpath.gateway.auth;

import java.util.function.LongSupplier;

/**
 * A token bucket: {@code ratePerSecond} tokens a second, at most {@code burst} saved up. One per account
 * limits its command rate.
 *
 * <p>Thread-safe (one lock per bucket, held for a few arithmetic operations). Time comes from a monotonic clock
 * given at construction ({@link System#nanoTime()} in the gateway), so a test drives it with a fake one and never
 * sleeps.
 */
public final class TokenBucket
{
    private static final long NS_PER_SECOND = 1_000_000_000L;

    private final long nsPerToken;
    private final long capacityNs;
    private final LongSupplier nanoClock;
    /** The time at which the bucket was (or will be) empty: tokens held = (nowNs - emptyAtNs) / nsPerToken. */
    private long emptyAtNs;

    /**
     * @param ratePerSecond tokens added a second (≥ 1).
     * @param burst         most tokens held (≥ 1).
     * @param nanoClock     now, in nanoseconds of a monotonic clock; the bucket starts full.
     */
    public TokenBucket(final long ratePerSecond, final long burst, final LongSupplier nanoClock)
    {
        if (ratePerSecond < 1 || ratePerSecond > NS_PER_SECOND || burst < 1)
        {
            throw new IllegalArgumentException("rate must be within 1..1e9 and burst >= 1: " + ratePerSecond +
                ", " + burst);
        }
        this.nsPerToken = NS_PER_SECOND / ratePerSecond;
        this.capacityNs = Math.multiplyExact(nsPerToken, burst);
        this.nanoClock = nanoClock;
        this.emptyAtNs = nanoClock.getAsLong() - capacityNs;
    }

    /**
     * Takes one token if there is one, now.
     *
     * @return 0 when a token was taken, otherwise how many nanoseconds until one will be there.
     */
    public synchronized long tryAcquire()
    {
        final long nowNs = nanoClock.getAsLong();
        if (nowNs - emptyAtNs > capacityNs)
        {
            emptyAtNs = nowNs - capacityNs;
        }
        final long next = emptyAtNs + nsPerToken;
        if (nowNs - next >= 0)
        {
            emptyAtNs = next;
            return 0;
        }
        return next - nowNs;
    }
}
