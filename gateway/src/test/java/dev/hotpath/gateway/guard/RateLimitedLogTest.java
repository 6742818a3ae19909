package dev.hotpath.gateway.guard;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;

class RateLimitedLogTest
{
    private long nowNs = 1_000;
    private final List<String> lines = new ArrayList<>();
    private final RateLimitedLog log = new RateLimitedLog(lines::add, 10, TimeUnit.SECONDS, () -> nowNs);

    @Test
    void shouldWriteTheFirstLineThenOneAnIntervalCountingThoseLeftOut()
    {
        log.log("a");
        nowNs += TimeUnit.SECONDS.toNanos(9);
        log.log("b");
        log.log("c");
        assertEquals(List.of("a"), lines);

        nowNs += TimeUnit.SECONDS.toNanos(1);
        log.log("d");
        assertEquals(List.of("a", "d (and 2 more like it since the last such line)"), lines);

        nowNs += TimeUnit.SECONDS.toNanos(60);
        log.log("e");
        assertEquals("e", lines.get(2));
    }
}
