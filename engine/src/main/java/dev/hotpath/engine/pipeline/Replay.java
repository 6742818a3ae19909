package dev.hotpath.engine.pipeline;

import dev.hotpath.engine.api.Command;
import dev.hotpath.engine.api.NoOpEventSink;
import dev.hotpath.engine.codec.EventEncoder;
import dev.hotpath.engine.core.EngineCore;
import dev.hotpath.engine.journal.InputJournalReader;
import org.agrona.ExpandableArrayBuffer;

import java.nio.file.Path;

/**
 * Replays an input journal from the beginning into a fresh engine, with no snapshot: the reference that
 * recovery and determinism are checked against ({@link #replay}, with every command's events), and the
 * replay benchmark ({@link #replay} and {@link #rebuild}, state only).
 *
 * <p>Runs on the calling thread, which owns the engine it builds.
 */
public final class Replay
{
    private Replay()
    {
    }

    /** Receives each replayed command with its encoded events. */
    @FunctionalInterface
    public interface Output
    {
        /**
         * @param command      the command.
         * @param events       its events in {@link dev.hotpath.engine.codec.EventLayout} form.
         * @param eventsLength their length.
         */
        void onCommand(Command command, byte[] events, int eventsLength);
    }

    /**
     * @param config       the config the journal was written with.
     * @param inputJournal the input journal directory.
     * @param output       receives every command's events.
     * @return the engine after the last command.
     */
    public static EngineCore replay(final EngineConfig config, final Path inputJournal, final Output output)
    {
        final EngineCore core = new EngineCore(config);
        final Command command = new Command();
        final ExpandableArrayBuffer events = new ExpandableArrayBuffer(4096);
        final EventEncoder encoder = new EventEncoder();
        try (InputJournalReader reader = new InputJournalReader(inputJournal))
        {
            while (reader.next(command))
            {
                core.apply(command, encoder.wrap(events));
                output.onCommand(command, events.byteArray(), encoder.length());
            }
        }
        return core;
    }

    /**
     * Rebuilds the engine state from an input journal without encoding any events: what recovery does for
     * the commands whose events the event journal already holds, and the replay benchmark's figure.
     *
     * @param config       the config the journal was written with.
     * @param inputJournal the input journal directory.
     * @return the engine after the last command.
     */
    public static EngineCore rebuild(final EngineConfig config, final Path inputJournal)
    {
        final EngineCore core = new EngineCore(config);
        final Command command = new Command();
        try (InputJournalReader reader = new InputJournalReader(inputJournal))
        {
            while (reader.next(command))
            {
                core.apply(command, NoOpEventSink.INSTANCE);
            }
        }
        return core;
    }
}
