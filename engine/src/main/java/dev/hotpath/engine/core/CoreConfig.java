package dev.hotpath.engine.core;

import dev.hotpath.engine.api.Instrument;
import dev.hotpath.engine.api.SelfTradePolicy;
import dev.hotpath.engine.risk.RiskLimits;

import java.util.List;
import java.util.Map;

/**
 * What an {@link EngineCore} is built from: the instruments, the matching rules and the risk limits, and nothing
 * about where or how it runs. The pipeline's {@code EngineConfig} is one; the snapshot codec needs no more than
 * this to rebuild a state, so it does not depend on the pipeline.
 *
 * <p>Implementations are immutable; any thread. Replay must use the same values as the run that wrote the journal.
 */
public interface CoreConfig
{
    /** @return the instruments traded. */
    List<Instrument> instruments();

    /** @return the self-trade prevention policy. */
    SelfTradePolicy selfTradePolicy();

    /** @return limits of accounts without their own. */
    RiskLimits defaultLimits();

    /** @return limits of particular accounts. */
    Map<Long, RiskLimits> accountLimits();

    /** @return open orders to preallocate for. */
    int expectedOrders();
}
