package dev.hotpath.engine.pipeline;

import org.agrona.concurrent.IdleStrategy;

import java.util.concurrent.locks.LockSupport;

/**
 * The idle strategy of the engine's background agents (the snapshotter and the journal pretoucher): after a duty
 * cycle that did work it yields the CPU, so that a pipeline thread that has become runnable meanwhile gets it at
 * once; after a cycle with nothing to do it parks for a fixed time. Background agents keep each duty cycle short
 * (tens of microseconds), so between them they never hold a core the matcher needs for longer than that: measured
 * on a 2-core machine, a pretoucher that touched 256 pages per cycle without yielding held a CPU for up to 18 ms
 * of page faults, and the engine thread waited that long for it.
 *
 * <p>Stateless apart from its park time; one instance per agent thread.
 */
final class BackgroundIdleStrategy implements IdleStrategy
{
    private final long parkNs;

    /** @param parkNs how long to park after a duty cycle with no work. */
    BackgroundIdleStrategy(final long parkNs)
    {
        this.parkNs = parkNs;
    }

    @Override
    public void idle(final int workCount)
    {
        if (workCount > 0)
        {
            Thread.yield();
        }
        else
        {
            LockSupport.parkNanos(parkNs);
        }
    }

    @Override
    public void idle()
    {
        LockSupport.parkNanos(parkNs);
    }

    @Override
    public void reset()
    {
    }

    @Override
    public String alias()
    {
        return "background";
    }
}
