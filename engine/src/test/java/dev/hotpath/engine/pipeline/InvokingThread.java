package dev.hotpath.engine.pipeline;

/**
 * For tests of an engine in {@link ThreadingMode#INVOKER}: a thread that invokes its duty cycle until closed, as
 * the gateway's event loop does (named {@code hotpath-engine}, as the engine thread of {@link ThreadingMode#SHARED}
 * is, so that tests find the matching thread by one name). In the other modes it does nothing.
 *
 * <p>Started and closed by the test's thread; close it before closing the engine.
 */
final class InvokingThread
{
    private final Thread thread;
    private volatile boolean running = true;

    private InvokingThread(final EngineInvoker invoker)
    {
        thread = invoker == null ? null : new Thread(() ->
        {
            while (running)
            {
                if (invoker.invoke() == 0)
                {
                    Thread.onSpinWait();
                }
            }
        }, "hotpath-engine");
        if (thread != null)
        {
            thread.setDaemon(true);
            thread.start();
        }
    }

    /**
     * @param engine a started engine.
     * @return its invoking thread, running when the engine is in {@link ThreadingMode#INVOKER}.
     */
    static InvokingThread of(final Engine engine)
    {
        return new InvokingThread(engine.invoker());
    }

    /**
     * Stops invoking and waits for the thread to end.
     *
     * @throws InterruptedException if interrupted while waiting.
     */
    void close() throws InterruptedException
    {
        running = false;
        if (thread != null)
        {
            thread.join();
        }
    }
}
