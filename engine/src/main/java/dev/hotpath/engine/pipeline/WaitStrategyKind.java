package dev.hotpath.engine.pipeline;

import com.lmax.disruptor.BlockingWaitStrategy;
import com.lmax.disruptor.BusySpinWaitStrategy;
import com.lmax.disruptor.PhasedBackoffWaitStrategy;
import com.lmax.disruptor.SleepingWaitStrategy;
import com.lmax.disruptor.WaitStrategy;
import com.lmax.disruptor.YieldingWaitStrategy;

import java.util.concurrent.TimeUnit;

/**
 * How the pipeline's threads wait for work: the trade-off between latency and the CPU a waiting thread
 * burns. On a laptop or a 2-core machine a spinning thread steals the core the matcher needs, so the default
 * backs off; spinning is for dedicated, isolated cores.
 *
 * <p>Immutable; any thread.
 */
public enum WaitStrategyKind
{
    /** Spin ~10 µs, yield ~100 µs, then sleep briefly: low latency under load, little CPU when idle. */
    BACKOFF
    {
        @Override
        public WaitStrategy create()
        {
            return PhasedBackoffWaitStrategy.withSleep(10, 100, TimeUnit.MICROSECONDS);
        }
    },
    /** Spin a little, then yield, then park 100 ns at a time (Disruptor's SleepingWaitStrategy). */
    SLEEPING
    {
        @Override
        public WaitStrategy create()
        {
            return new SleepingWaitStrategy();
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
