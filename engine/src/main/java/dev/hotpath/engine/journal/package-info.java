/**
 * The engine's two Chronicle Queue journals: the input journal, the record of truth, written before any result
 * leaves the engine and replayed on recovery ({@link dev.hotpath.engine.journal.InputJournalWriter},
 * {@link dev.hotpath.engine.journal.InputJournalReader}); and the event journal of output events that other processes
 * tail ({@link dev.hotpath.engine.journal.EventJournalWriter}, {@link dev.hotpath.engine.journal.EventJournalReader}).
 * {@link dev.hotpath.engine.journal.JournalFormat} describes the bytes on disk. Each writer belongs to one pipeline
 * thread (the journaler or the publisher) and each reader to the one thread that reads with it.
 */
package dev.hotpath.engine.journal;
