package dev.hotpath.engine.pipeline;

import com.sun.jna.Library;
import com.sun.jna.Native;

import java.util.Locale;

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
    private static final CLibrary LIBC = load();

    /** The one C function used. */
    interface CLibrary extends Library
    {
        /**
         * @param option the operation.
         * @param arg2   its argument.
         * @param arg3   unused.
         * @param arg4   unused.
         * @param arg5   unused.
         * @return 0 on success.
         */
        int prctl(int option, long arg2, long arg3, long arg4, long arg5);
    }

    private ThreadScheduling()
    {
    }

    private static CLibrary load()
    {
        if (!System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("linux"))
        {
            return null;
        }
        try
        {
            return Native.load("c", CLibrary.class);
        }
        catch (final LinkageError ex)
        {
            return null;
        }
    }

    /**
     * Sets the calling thread's timer slack to 1 ns.
     *
     * @return true when the kernel took it.
     */
    public static boolean minimiseTimerSlack()
    {
        return LIBC != null && LIBC.prctl(PR_SET_TIMERSLACK, 1, 0, 0, 0) == 0;
    }
}
