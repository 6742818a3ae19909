package dev.hotpath.engine.pipeline;

import com.lmax.disruptor.BlockingWaitStrategy;
import com.lmax.disruptor.BusySpinWaitStrategy;
import com.lmax.disruptor.PhasedBackoffWaitStrategy;
import com.lmax.disruptor.WaitStrategy;
import com.lmax.disruptor.YieldingWaitStrategy;

import java.util.concurrent.TimeUnit;

/**
 * How the pipeline's threads wait for work: the trade-off between latency and the CPU a waiting thread
 * burns. On a laptop or a 2-core machine a spinning thread steals the core the matcher needs, so the default
 * ({@link #SLEEPING}) gives the core back within a few hundred loop iterations; spinning is for dedicated,
 * isolated cores. {@code docs/benchmarks.md} and {@code docs/walkthrough.md} give the figures behind this choice.
 *
 * <p>Immutable; any thread.
 */
public enum WaitStrategyKind
{
    /**
     * Disruptor's PhasedBackoffWaitStrategy: spin for 10 µs, yield until 100 µs, then sleep. It reads the
     * clock only every 10,000 spins, so in practice it busy-spins for tens of microseconds before yielding:
     * fine on spare cores, but on 2 cores four such threads keep each other waiting for scheduler time slices.
     */
    BACKOFF
    {
        @Override
        public WaitStrategy create()
        {
            return PhasedBackoffWaitStrategy.withSleep(10, 100, TimeUnit.MICROSECONDS);
        }
    },
    /**
     * The default. Spin 100 times, yield 100 times, then park (100 ns asked, ~50 µs on Linux) until work
     * arrives, as Disruptor's SleepingWaitStrategy does, and after 50 ms without work park 1 ms at a time
     * ({@link SleepThenDozeWaitStrategy}): microseconds of latency under load, under 1% of a core when idle.
     */
    SLEEPING
    {
        @Override
        public WaitStrategy create()
        {
            return new SleepThenDozeWaitStrategy();
        }
    },
    /**
     * Spin a little, then park from 1 µs doubling to 100 µs, never yielding ({@link SpinThenParkWaitStrategy}):
     * a waiting thread costs almost no CPU, so on a small machine the cores go to the threads with work.
     */
    PARKING
    {
        @Override
        public WaitStrategy create()
        {
            return new SpinThenParkWaitStrategy();
        }
    },
    /** Spin 100 times then {@code Thread.yield()}: needs a core per waiting thread. */
    YIELDING
    {
        @Override
        public WaitStrategy create()
        {
            return new YieldingWaitStrategy();
        }
    },
    /**
     * Spin a few microseconds, then sleep until a producer publishes; the producer pays for a wake-up only when
     * the thread sleeps ({@link SpinThenBlockWaitStrategy}). The least CPU for a trickle of commands (a gateway at
     * 10,000 orders a second) and none when idle; but where an idle CPU halts and is slow to wake (a VM guest
     * without a halt-polling idle driver) its tail under load is worse than {@link #SLEEPING}'s.
     */
    SPIN_THEN_BLOCK
    {
        @Override
        public WaitStrategy create()
        {
            return new SpinThenBlockWaitStrategy();
        }
    },
    /** Lock and condition: least CPU, highest latency. */
    BLOCKING
    {
        @Override
        public WaitStrategy create()
        {
            return new BlockingWaitStrategy();
        }
    },
    /** Pure busy spin: lowest latency, burns a whole core per thread; only on dedicated, isolated cores. */
    BUSY_SPIN
    {
        @Override
        public WaitStrategy create()
        {
            return new BusySpinWaitStrategy();
        }
    };

    /** @return a new Disruptor wait strategy of this kind. */
    public abstract WaitStrategy create();
}
