package dev.hotpath.engine.pipeline;

/**
 * Receives each command's results in the engine process (the gateway implements it), after the command is
 * in the input journal. Decode the events with {@link dev.hotpath.engine.codec.EventDecoder}.
 *
 * <p>Called on the publisher thread, in sequence order. It must return quickly and must not keep the event:
 * the slot is reused as soon as the call returns. Copy what you need and hand it to your own threads.
 */
@FunctionalInterface
public interface EngineListener
{
    /** A listener that ignores everything. */
    EngineListener NONE = event -> { };

    /**
     * @param event the command (with its correlation id) and its encoded events ({@code events},
     *              {@code eventsLength}).
     */
    void onCommandResult(CommandEvent event);
}
