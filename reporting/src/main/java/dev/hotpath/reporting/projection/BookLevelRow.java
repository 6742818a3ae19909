package dev.hotpath.reporting.projection;

/**
 * One price level of an instrument's book, as the last {@code LevelChanged} event left it.
 *
 * <p>Immutable; any thread.
 *
 * @param instrumentId the instrument.
 * @param bid          true for the bid side.
 * @param price        the level's price.
 * @param quantity     open quantity (0: the level is gone).
 * @param orderCount   resting orders.
 */
public record BookLevelRow(int instrumentId, boolean bid, long price, long quantity, int orderCount)
{
}
