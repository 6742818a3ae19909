package dev.hotpath.workloads;

import dev.hotpath.engine.api.SelfTradePolicy;
import dev.hotpath.engine.matching.MatchingCore;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Pins every event {@link MatchingCore} emits for the reference workloads (all fields, in order, folded
 * into a digest): a regression net for performance work on the book and the matcher. The digests were
 * recorded with the engine of commit 6268c16. If a matching rule changes on purpose, re-record them, and
 * say so in the commit.
 */
class MatchingReplayDigestTest
{
    @ParameterizedTest(name = "{0} seed {1} x{2} {3}")
    @CsvSource({
        "W1, 42, 200000, CANCEL_RESTING, 208a694952f7647b",
        "W2, 42, 100000, CANCEL_RESTING, 2559fbb182e4a623",
        "W3, 42, 200000, CANCEL_RESTING, bd57891c69d81b3b",
        "W3, 7, 100000, CANCEL_INCOMING, 53f145f442233af5",
        "W3, 7, 100000, CANCEL_BOTH, 2951e06862e97956",
    })
    void shouldEmitThePinnedEvents(
        final String name, final long seed, final int commands, final SelfTradePolicy policy, final String pinned)
    {
        final WorkloadSpec spec = switch (name)
        {
            case "W1" -> WorkloadSpec.w1();
            case "W2" -> WorkloadSpec.w2();
            default -> WorkloadSpec.w3();
        };
        final Workload workload = Workload.generate(spec, seed, commands);
        final MatchingCore engine = new MatchingCore(workload.instruments(), policy, 1 << 16);
        final DigestingSink sink = new DigestingSink();
        workload.prefill().applyAll(engine, sink);
        workload.commands().applyAll(engine, sink);
        workload.commands().applyAll(engine, sink); // again: duplicate ids, unknown orders, other prices
        System.out.println(name + " " + policy + ": " + sink);
        assertEquals(pinned, Long.toHexString(sink.digest), sink.toString());
    }
}
