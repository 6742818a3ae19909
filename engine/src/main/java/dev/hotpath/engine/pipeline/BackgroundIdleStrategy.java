package dev.hotpath.engine.pipeline;

import org.agrona.concurrent.IdleStrategy;

import java.util.concurrent.locks.LockSupport;

/**
 * The idle strategy of the engine's background agents (the snapshotter and the journal pretoucher): after a duty
 * cycle that did work it yields the CPU, so that a pipeline thread that has become runnable meanwhile gets it at
 * once; after a cycle with nothing to do it parks for a fixed time. Background agents keep each duty cycle short
 * (tens of microseconds), so between them they never hold a core the matcher needs for longer than that: measured
 * on a 2-core machine, a pretoucher that touched 256 pages per cycle without yielding held a CPU for up to 18 ms
 * of page faults, and the engine thread waited that long for it. After {@link #DOZE_AFTER_IDLE_CYCLES} cycles in
 * a row without work it parks ten times longer, so that an idle engine's background threads hardly wake.
 *
 * <p>Holds the count of idle cycles: one instance per agent thread.
 */
public final class BackgroundIdleStrategy implements IdleStrategy
{
    /** Idle cycles in a row after which the park is ten times longer. */
    static final int DOZE_AFTER_IDLE_CYCLES = 100;
    private final long parkNs;
    private int idleCycles;

    /** @param parkNs how long to park after a duty cycle with no work. */
    public BackgroundIdleStrategy(final long parkNs)
    {
        this.parkNs = parkNs;
    }

    @Override
    public void idle(final int workCount)
    {
        if (workCount > 0)
        {
            idleCycles = 0;
            Thread.yield();
        }
        else
        {
            idle();
        }
    }

    @Override
    public void idle()
    {
        if (idleCycles < DOZE_AFTER_IDLE_CYCLES)
        {
            idleCycles++;
            LockSupport.parkNanos(parkNs);
        }
        else
        {
            LockSupport.parkNanos(parkNs * 10);
        }
    }

    @Override
    public void reset()
    {
        idleCycles = 0;
    }

    @Override
    public String alias()
    {
        return "background";
    }
}
