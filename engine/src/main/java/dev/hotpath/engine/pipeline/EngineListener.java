package dev.hotpath.engine.pipeline;

/**
 * Receives each command's results in the engine process (the gateway implements it), after the command is
 * in the input journal. Decode the events with {@link dev.hotpath.engine.codec.EventDecoder}.
 *
 * <p>Called on the publisher thread, in sequence order. It must return quickly and must not keep the event:
 * the slot is reused as soon as the call returns. Copy what you need and hand it to your own threads, and take
 * the producer's {@link CommandEvent#attachment} (setting it to {@code null}) if it used one.
 */
@FunctionalInterface
public interface EngineListener
{
    /** A listener that ignores everything. */
    EngineListener NONE = event ->
    {
    };

    /**
     * @param event the command (with its correlation id) and its encoded events ({@code events},
     *              {@code eventsLength}).
     */
    void onCommandResult(CommandEvent event);

    /**
     * The pipeline stopped after a stage failed (a journal write on a full disk, a bug): no more results will
     * come, and the commands in flight will never be answered by the engine. Called once, on the failing stage's
     * thread, after the results of every command before the failure.
     *
     * @param cause what failed.
     */
    default void onEngineStopped(final Throwable cause)
    {
    }

    /**
     * The journals' disk went below its reserve (the engine now refuses new commands) or came back above it.
     * Called on a background thread.
     *
     * @param low    whether the disk is below the reserve.
     * @param detail the disk and its figures, for users.
     */
    default void onDiskSpace(final boolean low, final String detail)
    {
    }
}
