package dev.hotpath.engine.matching;

import dev.hotpath.engine.api.Instrument;
import dev.hotpath.engine.api.RejectReason;

/**
 * The static validation of an order's price and quantity against its instrument's grid: the checks of
 * docs/matching-rules.md that need no book. Returns a reason instead of throwing, so that the matching
 * thread never uses exceptions for control flow.
 *
 * <p>Stateless; any thread.
 */
public final class OrderChecks
{
    private OrderChecks()
    {
    }

    /**
     * @param instrument the instrument.
     * @param quantity   a quantity in quantity units.
     * @return why it is invalid, or {@code null} when it is fine.
     */
    public static RejectReason checkQuantity(final Instrument instrument, final long quantity)
    {
        if (quantity <= 0)
        {
            return RejectReason.INVALID_QUANTITY;
        }
        final long lot = instrument.lotSize();
        if (lot != 1 && quantity % lot != 0) // a 64-bit division costs tens of cycles: skip it for a lot of 1
        {
            return RejectReason.QUANTITY_OFF_LOT;
        }
        return null;
    }

    /**
     * @param instrument the instrument.
     * @param price      a limit price in price units.
     * @param quantity   a quantity in quantity units.
     * @return why they are invalid, or {@code null} when they are fine.
     */
    public static RejectReason checkPriceAndQuantity(final Instrument instrument, final long price, final long quantity)
    {
        final RejectReason quantityReason = checkQuantity(instrument, quantity);
        if (quantityReason != null)
        {
            return quantityReason;
        }
        if (price <= 0)
        {
            return RejectReason.INVALID_PRICE;
        }
        final long tick = instrument.tickSize();
        if (tick != 1 && price % tick != 0)
        {
            return RejectReason.PRICE_OFF_TICK;
        }
        if (productExceeds(quantity, price, Long.MAX_VALUE)) // the notional does not fit in a long
        {
            return RejectReason.NUMERIC_OVERFLOW;
        }
        return null;
    }

    /**
     * {@code quantity * price > limit} for a positive quantity and price, without a 64-bit division (tens of
     * cycles on every order) and without overflow: a product too large for a long exceeds any limit. The
     * overflow check above and risk's notional limit both use it.
     *
     * @param quantity a positive quantity.
     * @param price    a positive price.
     * @param limit    the largest product allowed.
     * @return whether the product is above the limit.
     */
    public static boolean productExceeds(final long quantity, final long price, final long limit)
    {
        final long product = quantity * price;
        return Math.multiplyHigh(quantity, price) != 0 || product < 0 || product > limit;
    }
}
