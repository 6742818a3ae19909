package dev.hotpath.gateway.auth;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TokenBucketTest
{
    private static final long MS = 1_000_000L;

    @Test
    void shouldAllowTheBurstThenRefuseWithTheTimeToTheNextToken()
    {
        final long t0 = 123_456_789L;
        final TokenBucket bucket = new TokenBucket(10, 3, t0); // a token every 100 ms
        assertEquals(0, bucket.tryAcquire(t0));
        assertEquals(0, bucket.tryAcquire(t0));
        assertEquals(0, bucket.tryAcquire(t0));
        assertEquals(100 * MS, bucket.tryAcquire(t0));
        assertEquals(40 * MS, bucket.tryAcquire(t0 + 60 * MS));
        assertEquals(0, bucket.tryAcquire(t0 + 100 * MS));
        assertTrue(bucket.tryAcquire(t0 + 100 * MS) > 0);
    }

    @Test
    void shouldRefillAtTheRateButNeverAboveTheBurst()
    {
        final long t0 = -5_000 * MS; // nanoTime may be negative
        final TokenBucket bucket = new TokenBucket(1000, 5, t0);
        final long later = t0 + 60_000 * MS; // a minute idle: still only 5 tokens
        for (int i = 0; i < 5; i++)
        {
            assertEquals(0, bucket.tryAcquire(later));
        }
        assertEquals(MS, bucket.tryAcquire(later));
        int granted = 0;
        for (long t = later; t < later + 100 * MS; t += MS / 4)
        {
            if (bucket.tryAcquire(t) == 0)
            {
                granted++;
            }
        }
        assertEquals(99, granted, "1000/s: one each ms from 1 to 99 ms");
    }

    @Test
    void shouldRefuseNonsenseSettings()
    {
        assertThrows(IllegalArgumentException.class, () -> new TokenBucket(0, 1, 0));
        assertThrows(IllegalArgumentException.class, () -> new TokenBucket(1, 0, 0));
    }
}
