package dev.hotpath.engine.pipeline;

import dev.hotpath.engine.api.Command;
import dev.hotpath.engine.api.EventSink;
import dev.hotpath.engine.codec.EventEncoder;
import dev.hotpath.engine.journal.EventJournalWriter;
import dev.hotpath.engine.journal.InputJournalReader;
import dev.hotpath.engine.snapshot.SnapshotCodec;
import dev.hotpath.engine.snapshot.SnapshotStore;
import org.agrona.ExpandableArrayBuffer;

import java.nio.file.Files;
import java.util.Optional;

/**
 * Rebuilds the engine state from disk: the latest snapshot, then every input journal record after it. The
 * event journal is brought up to date on the way: events of commands that were journaled but not yet
 * published when the engine stopped are published now, so that its readers miss nothing and see nothing
 * twice.
 *
 * <p>Runs on the thread that starts the engine, before the pipeline's threads exist.
 */
public final class Recovery
{
    private Recovery()
    {
    }

    /**
     * The result of a recovery.
     *
     * @param core             the rebuilt engine.
     * @param lastJournalIndex Chronicle index of the last input record (-1 when none).
     * @param replayed         commands replayed from the journal (after the snapshot).
     * @param fromSnapshot     the sequence of the snapshot used (0 when none).
     */
    public record Result(EngineCore core, long lastJournalIndex, long replayed, long fromSnapshot)
    {
    }

    /**
     * Recovers from the config's directory. With no files it returns an empty engine.
     *
     * @param config       the engine's config.
     * @param eventJournal the event journal to bring up to date, or {@code null} to skip that.
     * @return the rebuilt engine.
     */
    public static Result recover(final EngineConfig config, final EventJournalWriter eventJournal)
    {
        final Optional<java.nio.file.Path> snapshot =
            new SnapshotStore(config.snapshotDirectory(), Integer.MAX_VALUE).latest();
        EngineCore core = new EngineCore(config);
        long journalIndex = -1;
        if (snapshot.isPresent())
        {
            final SnapshotCodec.Loaded loaded = SnapshotStore.load(snapshot.get(), config);
            core = loaded.core();
            journalIndex = loaded.journalIndex();
        }
        final long fromSnapshot = core.lastSequence();
        if (!Files.isDirectory(config.inputJournalDirectory()))
        {
            return new Result(core, journalIndex, 0, fromSnapshot);
        }
        final long published = eventJournal == null ? Long.MAX_VALUE : eventJournal.lastSequence();
        final ExpandableArrayBuffer events = new ExpandableArrayBuffer(4096);
        final EventEncoder encoder = new EventEncoder();
        final Command command = new Command();
        long replayed = 0;
        try (InputJournalReader reader = new InputJournalReader(config.inputJournalDirectory()))
        {
            if (journalIndex >= 0)
            {
                reader.seek(journalIndex, 0);
                if (reader.next(command) && command.sequence != fromSnapshot)
                {
                    throw new IllegalStateException("snapshot " + snapshot.get() + " is at sequence " +
                        fromSnapshot + " but the journal has sequence " + command.sequence + " at its index");
                }
            }
            while (reader.next(command))
            {
                if (command.sequence <= fromSnapshot)
                {
                    continue;
                }
                final EventSink sink = encoder.wrap(events);
                core.apply(command, sink);
                if (command.sequence > published)
                {
                    eventJournal.append(command, events.byteArray(), encoder.length());
                }
                replayed++;
            }
            return new Result(core, Math.max(journalIndex, reader.lastIndex()), replayed, fromSnapshot);
        }
    }
}
