package dev.hotpath.engine.linux;

import com.sun.jna.Library;
import com.sun.jna.Native;

import java.util.Locale;

/**
 * The few C library calls the engine makes on Linux, through JNA, loaded once: {@code prctl} (a thread's timer
 * slack) and {@code madvise} (how a mapping will be used). Off Linux, or where the library cannot be loaded,
 * {@link #get()} is {@code null} and callers skip the call.
 *
 * <p>Stateless; any thread.
 */
public interface LibC extends Library
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

    /**
     * @param address start of the range, page aligned.
     * @param length  its length.
     * @param advice  the advice.
     * @return 0 on success.
     */
    int madvise(long address, long length, int advice);

    /** @return the C library, or {@code null} off Linux or when it cannot be loaded. */
    static LibC get()
    {
        return Loaded.LIBC;
    }

    /** Loads the library once, on first use. */
    final class Loaded
    {
        static final LibC LIBC = load();

        private Loaded()
        {
        }

        private static LibC load()
        {
            if (!System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("linux"))
            {
                return null;
            }
            try
            {
                return Native.load("c", LibC.class);
            }
            catch (final LinkageError ex)
            {
                return null;
            }
        }
    }
}
