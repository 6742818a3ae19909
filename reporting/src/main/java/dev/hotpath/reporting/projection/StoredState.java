package dev.hotpath.reporting.projection;

import java.util.List;

/**
 * What the database holds that the {@link Projector} needs to go on where it stopped: the journal position
 * and the state the next events may change.
 *
 * <p>Immutable; any thread.
 *
 * @param lastIndex    Chronicle index of the last frame applied (-1: none).
 * @param lastSequence its command sequence (0: none).
 * @param positions    every position.
 * @param instruments  every instrument's totals.
 * @param currentBars  each instrument's newest bar of each width.
 * @param orderStats   every account's order statistics.
 * @param bookIndex    Chronicle index of the last frame the stored book checkpoint includes (-1: none).
 * @param bookSequence its command sequence (0: none); never above {@code lastSequence}.
 * @param book         the book checkpoint: every level of every book at {@code bookSequence}.
 */
public record StoredState(
    long lastIndex,
    long lastSequence,
    List<PositionRow> positions,
    List<InstrumentRow> instruments,
    List<BarRow> currentBars,
    List<OrderStatsRow> orderStats,
    long bookIndex,
    long bookSequence,
    List<BookLevelRow> book)
{
    /** Nothing ingested yet. */
    public static final StoredState EMPTY = new StoredState(-1, 0, List.of(), List.of(), List.of(), List.of(), -1, 0,
        List.of());
}
