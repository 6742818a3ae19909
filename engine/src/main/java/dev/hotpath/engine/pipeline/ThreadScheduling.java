package dev.hotpath.engine.pipeline;

import dev.hotpath.engine.linux.LibC;

/**
 * What a thread of the engine (or the load generator's sender) asks of the Linux scheduler, for itself: to wake on
 * time from short sleeps. By default the kernel may wake a sleeping thread up to 50 µs late (its "timer slack",
 * to batch wake-ups and save power), so a thread that parks for 1 µs sleeps about 55 µs; with the slack at 1 ns
 * short parks are short, and a thread can park between commands instead of spinning or yielding on a core the
 * machine does not have to spare.
 *
 * <p>Stateless; does nothing off Linux or where the C library cannot be reached (the calls then return false).
 */
public final class ThreadScheduling
{
    private static final int PR_SET_TIMERSLACK = 29;

    private ThreadScheduling()
    {
    }

    /**
     * Sets the calling thread's timer slack to 1 ns.
     *
     * @return true when the kernel took it.
     */
    public static boolean minimiseTimerSlack()
    {
        final LibC libc = LibC.get();
        return libc != null && libc.prctl(PR_SET_TIMERSLACK, 1, 0, 0, 0) == 0;
    }
}
