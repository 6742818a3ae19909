package dev.hotpath.engine.pipeline;

import dev.hotpath.engine.api.Instrument;
import dev.hotpath.engine.api.SelfTradePolicy;
import dev.hotpath.engine.core.CoreConfig;
import dev.hotpath.engine.journal.Durability;
import dev.hotpath.engine.risk.RiskLimits;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Everything an engine is built from: instruments, rules, risk limits, where it keeps its journals and
 * snapshots, and how its pipeline runs. Build one with {@link #builder()}.
 *
 * <p>Immutable once built; any thread. Recovery must use the same instruments, policy and limits as the run
 * that wrote the journal, or replay would not reproduce it.
 */
public final class EngineConfig implements CoreConfig
{
    /** Commands between periodic snapshots unless configured otherwise. */
    public static final long DEFAULT_SNAPSHOT_INTERVAL = 1_000_000;
    /**
     * Free space the journals' disk keeps in reserve: below it new commands are refused. At 1M commands/s the
     * journals grow by about 200 MB/s, so this covers about a second of full rate beyond the watch's 50 ms checks
     * and the pretoucher's 16 MB ahead of each journal.
     */
    public static final long DEFAULT_MIN_FREE_DISK_BYTES = 256L << 20;

    private final List<Instrument> instruments;
    private final SelfTradePolicy selfTradePolicy;
    private final RiskLimits defaultLimits;
    private final Map<Long, RiskLimits> accountLimits;
    private final int expectedOrders;
    private final Path directory;
    private final int ringSize;
    private final WaitStrategyKind waitStrategy;
    private final Durability durability;
    private final long snapshotInterval;
    private final boolean pinThreads;
    private final ThreadingMode threadingMode;
    private final boolean pretouchJournals;
    private final long minFreeDiskBytes;

    private EngineConfig(final Builder b)
    {
        this.instruments = List.copyOf(b.instruments);
        this.selfTradePolicy = b.selfTradePolicy;
        this.defaultLimits = b.defaultLimits;
        this.accountLimits = Map.copyOf(b.accountLimits);
        this.expectedOrders = b.expectedOrders;
        this.directory = b.directory;
        this.ringSize = b.ringSize;
        this.waitStrategy = b.waitStrategy;
        this.durability = b.durability;
        this.snapshotInterval = b.snapshotInterval;
        this.pinThreads = b.pinThreads;
        this.threadingMode = b.threadingMode;
        this.pretouchJournals = b.pretouchJournals;
        this.minFreeDiskBytes = b.minFreeDiskBytes;
    }

    /** @return a builder with the defaults. */
    public static Builder builder()
    {
        return new Builder();
    }

    /** @return the instruments traded. */
    @Override
    public List<Instrument> instruments()
    {
        return instruments;
    }

    /** @return the self-trade prevention policy. */
    @Override
    public SelfTradePolicy selfTradePolicy()
    {
        return selfTradePolicy;
    }

    /** @return limits of accounts without their own. */
    @Override
    public RiskLimits defaultLimits()
    {
        return defaultLimits;
    }

    /** @return limits of particular accounts. */
    @Override
    public Map<Long, RiskLimits> accountLimits()
    {
        return accountLimits;
    }

    /** @return open orders to preallocate for. */
    @Override
    public int expectedOrders()
    {
        return expectedOrders;
    }

    /** @return where journals ({@code input/}, {@code events/}) and {@code snapshots/} live. */
    public Path directory()
    {
        return directory;
    }

    /** @return the input journal's directory. */
    public Path inputJournalDirectory()
    {
        return directory.resolve("input");
    }

    /** @return the event journal's directory. */
    public Path eventJournalDirectory()
    {
        return directory.resolve("events");
    }

    /** @return the snapshots' directory. */
    public Path snapshotDirectory()
    {
        return directory.resolve("snapshots");
    }

    /** @return slots in the input ring (a power of two). */
    public int ringSize()
    {
        return ringSize;
    }

    /** @return how pipeline threads wait. */
    public WaitStrategyKind waitStrategy()
    {
        return waitStrategy;
    }

    /** @return when a journal write counts as done. */
    public Durability durability()
    {
        return durability;
    }

    /**
     * @return true when a background thread makes the first write to each journal page ahead of the appenders
     *         ({@link dev.hotpath.engine.journal.JournalPretoucher}).
     */
    public boolean pretouchJournals()
    {
        return pretouchJournals;
    }

    /** @return free bytes the journals' disk keeps in reserve; below it, new commands are refused. */
    public long minFreeDiskBytes()
    {
        return minFreeDiskBytes;
    }

    /** @return how many threads the pipeline runs on. */
    public ThreadingMode threadingMode()
    {
        return threadingMode;
    }

    /**
     * @return a snapshot every this many commands, taken by the snapshotter thread from the input journal
     *         (0: only at shutdown).
     */
    public long snapshotInterval()
    {
        return snapshotInterval;
    }

    /** @return true to pin each pipeline thread to a CPU core. */
    public boolean pinThreads()
    {
        return pinThreads;
    }

    /**
     * Fills in an {@link EngineConfig}; every setting has a default but the directory.
     *
     * <p>Not thread-safe.
     */
    public static final class Builder
    {
        private List<Instrument> instruments = List.of(Instrument.simple(0, "DEMO"));
        private SelfTradePolicy selfTradePolicy = SelfTradePolicy.CANCEL_RESTING;
        private RiskLimits defaultLimits = RiskLimits.UNLIMITED;
        private final Map<Long, RiskLimits> accountLimits = new HashMap<>();
        private int expectedOrders = 1 << 16;
        private Path directory;
        private int ringSize = 1 << 16;
        private WaitStrategyKind waitStrategy = WaitStrategyKind.SLEEPING;
        private Durability durability = Durability.PROCESS_CRASH;
        private long snapshotInterval = DEFAULT_SNAPSHOT_INTERVAL;
        private boolean pinThreads;
        private ThreadingMode threadingMode = ThreadingMode.forThisMachine();
        private boolean pretouchJournals = true;
        private long minFreeDiskBytes = DEFAULT_MIN_FREE_DISK_BYTES;

        private Builder()
        {
        }

        /**
         * @param instruments the instruments traded.
         * @return this.
         */
        public Builder instruments(final List<Instrument> instruments)
        {
            this.instruments = List.copyOf(instruments);
            return this;
        }

        /**
         * @param policy the self-trade prevention policy.
         * @return this.
         */
        public Builder selfTradePolicy(final SelfTradePolicy policy)
        {
            this.selfTradePolicy = Objects.requireNonNull(policy);
            return this;
        }

        /**
         * @param limits limits of accounts without their own. They, and {@link #accountLimits}, must stay the same
         *               over a journal's life (the journal does not record them, so a replay uses today's): to
         *               change limits, journal {@code SET_LIMITS} commands, as the gateway does with its config's.
         * @return this.
         */
        public Builder defaultLimits(final RiskLimits limits)
        {
            this.defaultLimits = Objects.requireNonNull(limits);
            return this;
        }

        /**
         * @param accountId an account.
         * @param limits    its limits.
         * @return this.
         */
        public Builder accountLimits(final long accountId, final RiskLimits limits)
        {
            this.accountLimits.put(accountId, Objects.requireNonNull(limits));
            return this;
        }

        /**
         * @param count open orders to preallocate for.
         * @return this.
         */
        public Builder expectedOrders(final int count)
        {
            this.expectedOrders = count;
            return this;
        }

        /**
         * @param directory where journals and snapshots live.
         * @return this.
         */
        public Builder directory(final Path directory)
        {
            this.directory = directory;
            return this;
        }

        /**
         * @param size slots in the input ring, a power of two.
         * @return this.
         */
        public Builder ringSize(final int size)
        {
            if (Integer.bitCount(size) != 1)
            {
                throw new IllegalArgumentException("ring size must be a power of two: " + size);
            }
            this.ringSize = size;
            return this;
        }

        /**
         * @param kind how pipeline threads wait.
         * @return this.
         */
        public Builder waitStrategy(final WaitStrategyKind kind)
        {
            this.waitStrategy = Objects.requireNonNull(kind);
            return this;
        }

        /**
         * @param durability when a journal write counts as done.
         * @return this.
         */
        public Builder durability(final Durability durability)
        {
            this.durability = Objects.requireNonNull(durability);
            return this;
        }

        /**
         * @param commands a snapshot every this many commands (0: only at shutdown).
         * @return this.
         */
        public Builder snapshotInterval(final long commands)
        {
            this.snapshotInterval = commands;
            return this;
        }

        /**
         * @param pin true to pin each pipeline thread to a core.
         * @return this.
         */
        public Builder pinThreads(final boolean pin)
        {
            this.pinThreads = pin;
            return this;
        }

        /**
         * @param mode how many threads the pipeline runs on (default: {@link ThreadingMode#forThisMachine()}).
         * @return this.
         */
        public Builder threadingMode(final ThreadingMode mode)
        {
            this.threadingMode = Objects.requireNonNull(mode);
            return this;
        }

        /**
         * @param bytes free space the journals' disk keeps (default {@link #DEFAULT_MIN_FREE_DISK_BYTES}); below
         *              it new commands are refused; 0 turns the check off.
         * @return this.
         */
        public Builder minFreeDiskBytes(final long bytes)
        {
            if (bytes < 0)
            {
                throw new IllegalArgumentException("minFreeDiskBytes must be >= 0: " + bytes);
            }
            this.minFreeDiskBytes = bytes;
            return this;
        }

        /**
         * @param pretouch true (the default) to make the first write to each journal page on a background thread,
         *                 ahead of the appenders; false leaves it to them (for comparison).
         * @return this.
         */
        public Builder pretouchJournals(final boolean pretouch)
        {
            this.pretouchJournals = pretouch;
            return this;
        }

        /** @return the config. */
        public EngineConfig build()
        {
            Objects.requireNonNull(directory, "directory");
            return new EngineConfig(this);
        }
    }
}
