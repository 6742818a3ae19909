package dev.hotpath.engine.matching;

import dev.hotpath.engine.api.Instrument;
import dev.hotpath.engine.api.SelfTradePolicy;

import java.util.List;

/**
 * The contract of docs/matching-rules.md run against the reference model, so that the model the fast engine is
 * fuzzed against is itself checked against hand-written expectations.
 *
 * <p>Run by JUnit on one test thread.
 */
class ReferenceMatchingEngineTest extends MatchingEngineContractTest
{
    @Override
    protected MatchingEngine newEngine(final List<Instrument> instruments, final SelfTradePolicy policy)
    {
        return new ReferenceMatchingEngine(instruments, policy);
    }
}
