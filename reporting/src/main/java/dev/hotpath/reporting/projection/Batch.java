package dev.hotpath.reporting.projection;

import java.util.List;

/**
 * What one batch of journal frames changed: the rows to write, all in one transaction with the journal
 * position after the batch, so that the database always holds the projections of exactly the frames up to
 * that position.
 *
 * <p>Immutable; handed from the tailer thread to the writer thread, then to update listeners.
 *
 * @param lastIndex    Chronicle index of the batch's last frame.
 * @param lastSequence that frame's command sequence.
 * @param lastTimestampNs that frame's command timestamp, epoch nanoseconds (0: no frame).
 * @param frames       frames in the batch.
 * @param events       events in the batch.
 * @param trades       new trades.
 * @param positions    positions as they are after the batch (only those that changed).
 * @param bars         bars as they are after the batch (only those that changed).
 * @param instruments  instrument totals after the batch (only those that changed).
 * @param orderStats   order statistics after the batch (only the accounts that changed).
 * @param levels       book levels after the batch (only those that changed; quantity 0: gone).
 * @param bookCheckpoint every level of every book after the batch, to be stored in place of the previous
 *                     checkpoint; {@code null} for most batches, which store no book.
 */
public record Batch(
    long lastIndex,
    long lastSequence,
    long lastTimestampNs,
    int frames,
    long events,
    List<TradeRow> trades,
    List<PositionRow> positions,
    List<BarRow> bars,
    List<InstrumentRow> instruments,
    List<OrderStatsRow> orderStats,
    List<BookLevelRow> levels,
    List<BookLevelRow> bookCheckpoint)
{
    /** @return true when the batch carries a book checkpoint. */
    public boolean hasBookCheckpoint()
    {
        return bookCheckpoint != null;
    }
}
