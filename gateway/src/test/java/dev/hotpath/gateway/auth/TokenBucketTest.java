package dev.hotpath.gateway.auth;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The bucket on a fake clock: the test moves time itself, nothing sleeps. */
class TokenBucketTest
{
    private static final long MS = 1_000_000L;

    /** The fake clock the buckets read. */
    private long nowNs;

    @Test
    void shouldAllowTheBurstThenRefuseWithTheTimeToTheNextToken()
    {
        nowNs = 123_456_789L;
        final TokenBucket bucket = new TokenBucket(10, 3, () -> nowNs); // a token every 100 ms
        assertEquals(0, bucket.tryAcquire());
        assertEquals(0, bucket.tryAcquire());
        assertEquals(0, bucket.tryAcquire());
        assertEquals(100 * MS, bucket.tryAcquire());
        nowNs += 60 * MS;
        assertEquals(40 * MS, bucket.tryAcquire());
        nowNs += 40 * MS;
        assertEquals(0, bucket.tryAcquire());
        assertTrue(bucket.tryAcquire() > 0);
    }

    @Test
    void shouldRefillAtTheRateButNeverAboveTheBurst()
    {
        nowNs = -5_000 * MS; // nanoTime may be negative
        final TokenBucket bucket = new TokenBucket(1000, 5, () -> nowNs);
        nowNs += 60_000 * MS; // a minute idle: still only 5 tokens
        for (int i = 0; i < 5; i++)
        {
            assertEquals(0, bucket.tryAcquire());
        }
        assertEquals(MS, bucket.tryAcquire());
        int granted = 0;
        for (final long end = nowNs + 100 * MS; nowNs < end; nowNs += MS / 4)
        {
            if (bucket.tryAcquire() == 0)
            {
                granted++;
            }
        }
        assertEquals(99, granted, "1000/s: one each ms from 1 to 99 ms");
    }

    @Test
    void shouldRefuseNonsenseSettings()
    {
        assertThrows(IllegalArgumentException.class, () -> new TokenBucket(0, 1, () -> 0));
        assertThrows(IllegalArgumentException.class, () -> new TokenBucket(1, 0, () -> 0));
    }
}
