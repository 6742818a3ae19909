/**
 * The matching rules: price-time priority over the books of many instruments, as docs/matching-rules.md says.
 * {@link dev.hotpath.engine.matching.MatchingEngine} is the contract, {@link dev.hotpath.engine.matching.MatchingCore}
 * the fast allocation-free implementation, {@link dev.hotpath.engine.matching.OrderChecks} the price and quantity
 * checks, and {@link dev.hotpath.engine.matching.PreTradeCheck} the hook through which risk can veto an order.
 * Single-threaded: only the engine's matching thread may call a matching engine. Bad input is rejected, never thrown.
 */
package dev.hotpath.engine.matching;
