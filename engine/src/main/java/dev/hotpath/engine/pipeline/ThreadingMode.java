package dev.hotpath.engine.pipeline;

/**
 * How many threads the engine's pipeline runs on, after the threading modes of Aeron's media driver.
 *
 * <p>Every mode keeps the same rule, nothing leaves the engine before its command is in the input journal, and
 * produce byte-identical event journals for the same input; they differ in how much of the machine they need.
 *
 * <p>Immutable; any thread.
 */
public enum ThreadingMode
{
    /**
     * A thread per stage: the journaler and the matcher work on each batch in parallel, the publisher follows
     * both. The most throughput when every stage has a core of its own (4 cores or more, counting the
     * producers); on fewer cores the stages wait for each other's scheduler time slices.
     */
    DEDICATED,
    /**
     * One engine thread runs each batch as one duty cycle: append the batch to the input journal, match it,
     * then publish its events. No hand-off between stages, so nothing waits for a time slice; the choice for
     * machines with fewer than 4 cores, where it gives the producers the other core.
     */
    SHARED,
    /**
     * No engine thread at all: the caller's thread runs each duty cycle of {@link #SHARED} through
     * {@link Engine#invoker()}, as Aeron's media driver does in its INVOKER mode with Agrona's
     * {@code AgentInvoker}. The gateway uses it to run the engine on its network event loop, right after the loop
     * has read and published a turn's commands: no thread to wake per command and none to wake for the answers,
     * the least CPU a command on a small machine. The invoking thread must be one thread at a time, and is then
     * the matching thread: it owns the engine state and both journals' appenders.
     */
    INVOKER;

    /** Below this many cores the default is {@link #SHARED}. */
    public static final int DEDICATED_MIN_CORES = 4;

    /** @return the mode for the cores this JVM may use: {@link #SHARED} below 4, {@link #DEDICATED} from 4. */
    public static ThreadingMode forThisMachine()
    {
        return forCores(Runtime.getRuntime().availableProcessors());
    }

    /**
     * @param cores the cores available.
     * @return {@link #SHARED} below {@link #DEDICATED_MIN_CORES}, else {@link #DEDICATED}.
     */
    public static ThreadingMode forCores(final int cores)
    {
        return cores < DEDICATED_MIN_CORES ? SHARED : DEDICATED;
    }
}
