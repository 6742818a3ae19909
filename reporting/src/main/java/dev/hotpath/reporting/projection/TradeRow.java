package dev.hotpath.reporting.projection;

/**
 * One trade as the event journal reported it.
 *
 * <p>Immutable; any thread.
 *
 * @param tradeId        engine-wide trade id.
 * @param sequence       the command that caused it.
 * @param timestampNs    that command's timestamp.
 * @param instrumentId   the instrument.
 * @param makerOrderId   the resting order.
 * @param makerAccountId its owner.
 * @param takerOrderId   the incoming order.
 * @param takerAccountId its owner.
 * @param aggressorBuy   true when the incoming order bought.
 * @param price          trade price.
 * @param quantity       traded quantity.
 */
public record TradeRow(
    long tradeId,
    long sequence,
    long timestampNs,
    int instrumentId,
    long makerOrderId,
    long makerAccountId,
    long takerOrderId,
    long takerAccountId,
    boolean aggressorBuy,
    long price,
    long quantity)
{
}
