package dev.hotpath.engine.risk;

/**
 * The pre-trade limits of one account. Quantities and prices are in the instrument's units; positions are
 * signed quantities (long is positive).
 *
 * <p>Immutable; any thread.
 *
 * @param maxOrderQuantity largest quantity of a single order.
 * @param maxOrderNotional largest price x quantity of a single order.
 * @param maxOpenOrders    most orders open at once, across instruments.
 * @param maxPosition      largest absolute position per instrument the account could reach if all its open
 *                         orders on one side filled.
 */
public record RiskLimits(long maxOrderQuantity, long maxOrderNotional, int maxOpenOrders, long maxPosition)
{
    /**
     * The largest position limit: a quarter of {@code Long.MAX_VALUE}, so that position plus open quantity plus
     * an order's quantity, each at most this, cannot overflow in the position check.
     */
    public static final long MAX_POSITION = Long.MAX_VALUE / 4;

    /** Limits so high they never bite: for benchmarks that measure matching alone. */
    public static final RiskLimits UNLIMITED = new RiskLimits(Long.MAX_VALUE, Long.MAX_VALUE, Integer.MAX_VALUE,
        MAX_POSITION);

    /** Validates the fields. */
    public RiskLimits
    {
        if (maxOrderQuantity <= 0 || maxOrderNotional <= 0 || maxOpenOrders <= 0 || maxPosition <= 0 ||
            maxPosition > MAX_POSITION)
        {
            throw new IllegalArgumentException("risk limits must be positive (and maxPosition at most " +
                MAX_POSITION + "): " + maxOrderQuantity + ", " + maxOrderNotional + ", " + maxOpenOrders + ", " +
                maxPosition);
        }
    }
}
