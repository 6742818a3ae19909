package dev.hotpath.engine.matching;

import dev.hotpath.engine.api.Instrument;
import dev.hotpath.engine.api.SelfTradePolicy;

import java.util.List;

/**
 * The contract of docs/matching-rules.md run against {@link MatchingCore}, the engine of the hot path.
 *
 * <p>Run by JUnit on one test thread.
 */
class MatchingCoreTest extends MatchingEngineContractTest
{
    @Override
    protected MatchingEngine newEngine(final List<Instrument> instruments, final SelfTradePolicy policy)
    {
        return new MatchingCore(instruments, policy);
    }
}
