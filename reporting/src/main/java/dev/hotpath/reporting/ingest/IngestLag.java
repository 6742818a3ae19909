package dev.hotpath.reporting.ingest;

/**
 * How far the reporting database is behind the engine's event journal, as last looked up.
 *
 * <p>Immutable; any thread.
 *
 * @param journalSequence   the newest frame in the event journal.
 * @param committedSequence the last frame committed to the database.
 * @param commands          frames (one per command) in the journal but not yet in the database.
 * @param millis            command time they span: the newest frame's timestamp less the last committed
 *                          frame's (0 when caught up; never negative; 0 also while a restart is still
 *                          replaying the book, before the time of the stored position is known).
 */
public record IngestLag(long journalSequence, long committedSequence, long commands, long millis)
{
}
