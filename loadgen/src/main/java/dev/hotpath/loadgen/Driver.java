package dev.hotpath.loadgen;

/**
 * Runs one step of a sweep against a system under test: sends a flow on an open-loop schedule at one rate and
 * measures every command from its intended send time.
 *
 * <p>One step at a time, from one thread.
 */
public interface Driver extends AutoCloseable
{
    /** @return the mode's name in reports ({@code engine}, {@code grpc}). */
    String mode();

    /**
     * @param flow       the commands (the prefill is sent first and not measured).
     * @param rate       commands per second.
     * @param warmupNs   sent on schedule but not measured.
     * @param durationNs measured.
     * @param progress   told how many commands have been sent.
     * @return what was measured.
     */
    StepResult runStep(CommandFlow flow, long rate, long warmupNs, long durationNs, OpenLoop.Progress progress);

    @Override
    default void close()
    {
    }
}
