package dev.hotpath.reporting.projection;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * One account's position in one instrument, kept by the average-cost method: buying adds to the open
 * quantity at its price, selling out of a long (or buying back a short) realizes
 * {@code closed quantity x (fill price - average price)} and leaves the average price of what stays open
 * unchanged; a fill that crosses zero closes the old position and opens the rest on the other side at the
 * fill's price.
 *
 * <p>Exact: quantities are {@code long}; the open cost is a {@link BigDecimal} in price-units x quantity-units
 * whose only rounding is in the cost taken out by a partial close (to {@link #SCALE} decimals, half-even).
 * The cost taken out is subtracted from the open cost, so nothing is lost: once the position is flat its
 * realized P&L is exactly the sum of its cash flows.
 *
 * <p>Mutable; owned by the ingest thread that applies the fills.
 */
public final class Position
{
    /** Decimals kept in open cost and P&L. */
    public static final int SCALE = 10;

    private final long accountId;
    private final int instrumentId;
    private long quantity;
    private BigDecimal openCost;
    private BigDecimal realizedPnl;
    private long boughtQuantity;
    private long soldQuantity;
    /** Changed since the projector last handed it over (the projector's bookkeeping). */
    boolean dirty;

    /**
     * A flat position.
     *
     * @param accountId    the account.
     * @param instrumentId the instrument.
     */
    public Position(final long accountId, final int instrumentId)
    {
        this(new PositionRow(accountId, instrumentId, 0, BigDecimal.ZERO, BigDecimal.ZERO, 0, 0));
    }

    /**
     * A position as stored.
     *
     * @param row the stored values.
     */
    public Position(final PositionRow row)
    {
        this.accountId = row.accountId();
        this.instrumentId = row.instrumentId();
        this.quantity = row.quantity();
        this.openCost = row.openCost().setScale(SCALE, RoundingMode.UNNECESSARY);
        this.realizedPnl = row.realizedPnl().setScale(SCALE, RoundingMode.UNNECESSARY);
        this.boughtQuantity = row.boughtQuantity();
        this.soldQuantity = row.soldQuantity();
    }

    /**
     * Applies one fill.
     *
     * @param buy         true when this account bought.
     * @param price       fill price.
     * @param fillQuantity fill quantity (&gt; 0).
     */
    public void fill(final boolean buy, final long price, final long fillQuantity)
    {
        if (buy)
        {
            boughtQuantity += fillQuantity;
        }
        else
        {
            soldQuantity += fillQuantity;
        }
        final long signed = buy ? fillQuantity : -fillQuantity;
        if (quantity == 0 || (quantity > 0) == buy)
        {
            open(signed, price);
            return;
        }
        final long held = Math.abs(quantity);
        final long closing = Math.min(fillQuantity, held);
        final BigDecimal removedCost = closing == held ? openCost :
            openCost.multiply(BigDecimal.valueOf(closing)).divide(BigDecimal.valueOf(held), SCALE, RoundingMode.HALF_EVEN);
        final long closingSigned = quantity > 0 ? closing : -closing;
        final BigDecimal closedValue = BigDecimal.valueOf(price).multiply(BigDecimal.valueOf(closingSigned));
        realizedPnl = realizedPnl.add(closedValue.subtract(removedCost));
        openCost = openCost.subtract(removedCost);
        quantity -= closingSigned;
        final long rest = fillQuantity - closing;
        if (rest > 0)
        {
            open(buy ? rest : -rest, price);
        }
    }

    private void open(final long signed, final long price)
    {
        quantity = Math.addExact(quantity, signed);
        openCost = openCost.add(BigDecimal.valueOf(price).multiply(BigDecimal.valueOf(signed)));
    }

    /** @return the account. */
    public long accountId()
    {
        return accountId;
    }

    /** @return the instrument. */
    public int instrumentId()
    {
        return instrumentId;
    }

    /** @return the values to store. */
    public PositionRow row()
    {
        return new PositionRow(accountId, instrumentId, quantity, openCost, realizedPnl, boughtQuantity, soldQuantity);
    }
}
