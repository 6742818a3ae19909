/**
 * Pre-trade risk: {@link dev.hotpath.engine.risk.RiskEngine} checks each new order against its account's
 * {@link dev.hotpath.engine.risk.RiskLimits} (order size, notional, open orders, position, kill switch), and keeps
 * each account's positions and open quantities in an {@link dev.hotpath.engine.risk.AccountRisk} by watching the
 * matcher's events. The limits are immutable; the risk state is owned by the engine's matching thread.
 */
package dev.hotpath.engine.risk;
