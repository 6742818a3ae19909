package dev.hotpath.engine.api;

/**
 * What the matcher does when an incoming order would trade with a resting order of the same account.
 * Either way no trade happens between them; the removed order ends with
 * {@link DoneReason#SELF_TRADE_PREVENTED}.
 *
 * <p>Immutable; any thread.
 */
public enum SelfTradePolicy
{
    /** Remove the resting order and keep matching the incoming one (the default). */
    CANCEL_RESTING,
    /** Stop matching and remove what is left of the incoming order. */
    CANCEL_INCOMING,
    /** Remove the resting order and what is left of the incoming one. */
    CANCEL_BOTH
}
