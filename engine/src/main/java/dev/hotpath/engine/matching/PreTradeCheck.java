package dev.hotpath.engine.matching;

import dev.hotpath.engine.api.OrderType;
import dev.hotpath.engine.api.RejectReason;
import dev.hotpath.engine.api.Side;

/**
 * A check that {@link MatchingCore} runs on each new order and amend after its own validation and before
 * the order is accepted: the hook through which pre-trade risk vetoes orders (rule 12 of
 * docs/matching-rules.md). Returning a reason rejects the command; {@code null} lets it through.
 *
 * <p>Called on the matching thread; must not block, throw or allocate.
 */
public interface PreTradeCheck
{
    /**
     * @param accountId      who places the order.
     * @param instrumentId   the instrument.
     * @param side           buy or sell.
     * @param type           order type.
     * @param referencePrice the limit price, or for a market order the best opposite price (0 if none).
     * @param quantity       the order's quantity.
     * @return why to reject it, or {@code null}.
     */
    RejectReason checkPlace(long accountId, int instrumentId, Side side, OrderType type, long referencePrice,
        long quantity);

    /**
     * @param accountId    who amends.
     * @param instrumentId the order's instrument.
     * @param side         the order's side.
     * @param oldQuantity  its open quantity before the amend.
     * @param newPrice     the new price.
     * @param newQuantity  the new open quantity.
     * @return why to reject it, or {@code null}.
     */
    RejectReason checkAmend(long accountId, int instrumentId, Side side, long oldQuantity, long newPrice,
        long newQuantity);
}
