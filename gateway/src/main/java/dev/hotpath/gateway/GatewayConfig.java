package dev.hotpath.gateway;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.hotpath.engine.api.Instrument;
import dev.hotpath.engine.auth.ApiKeys;
import dev.hotpath.engine.pipeline.EngineConfig;
import dev.hotpath.engine.pipeline.ThreadingMode;
import dev.hotpath.engine.risk.RiskLimits;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The gateway's configuration, read from a YAML file (see {@code config/hotpath.yaml}); command-line flags
 * override single values with the {@code with*} methods.
 *
 * <p>Immutable; any thread.
 *
 * @param host           address to listen on.
 * @param port           gRPC port (0: any free port).
 * @param metricsPort    Prometheus HTTP port (0: any free port, -1: no metrics endpoint).
 * @param journalDir     the engine's journal and snapshot directory.
 * @param ringSize       input ring slots (a power of two).
 * @param waitStrategy   the engine's wait strategy name (a {@code WaitStrategyKind}: SLEEPING, PARKING, SPIN_THEN_BLOCK, ...).
 * @param threading      the engine's threading mode: AUTO (INVOKER below 4 cores, else DEDICATED), SHARED,
 *                       DEDICATED or INVOKER (the engine on the gateway's event loop).
 * @param snapshotInterval commands between the engine's and the gateway's periodic snapshots (0: only at shutdown; default
 *                       1,000,000).
 * @param minFreeDiskMb  MiB the journal disk keeps free: below it new commands are refused with RESOURCE_EXHAUSTED
 *                       and health turns NOT_SERVING (0: no check; default 256).
 * @param maxInFlight    commands the gateway lets wait for their result at once before answering busy.
 * @param streamQueue    messages queued per stream subscriber before it is dropped as a slow consumer.
 * @param rateLimit      per-account command rate limit.
 * @param shutdownMs     the most time a graceful shutdown waits for in-flight commands.
 * @param instruments    the instruments traded.
 * @param accounts       the trading accounts, their API keys and (optionally) their own risk limits.
 * @param defaultLimits  the risk limits of accounts without their own ({@link #BUILT_IN_LIMITS} when absent).
 * @param admins         the admin keys: they may call AdminService and nothing else.
 * @param transportThreads the network event loop threads (0 or absent: 1 below four cores, else half the cores);
 *                       see {@link Transport}.
 * @param engine         where the engine runs: {@code local} (in this process, the default) or {@code cluster} (the
 *                       replicated engine of {@code ./hotpath cluster}, at {@code cluster:}).
 * @param cluster        the cluster's nodes and base port, for {@code engine: cluster}.
 */
@JsonIgnoreProperties(ignoreUnknown = false)
public record GatewayConfig(
    String host,
    int port,
    int metricsPort,
    String journalDir,
    int ringSize,
    String waitStrategy,
    String threading,
    Long snapshotInterval,
    Long minFreeDiskMb,
    int maxInFlight,
    int streamQueue,
    RateLimit rateLimit,
    long shutdownMs,
    List<InstrumentEntry> instruments,
    List<Account> accounts,
    Limits defaultLimits,
    List<Admin> admins,
    Integer transportThreads,
    String engine,
    Cluster cluster)
{
    /**
     * The default limits when the file has no {@code defaultLimits:}: finite, generous enough for the tests and
     * the load generator, small enough that a 100,000,000-unit order is refused (units: see {@link Limits}).
     */
    public static final Limits BUILT_IN_LIMITS = new Limits(1_000_000_000L, 1_000_000_000_000_000L, 100_000,
        100_000_000_000L);

    /** Checks the values and fills in defaults. */
    public GatewayConfig
    {
        host = host == null ? "127.0.0.1" : host;
        journalDir = journalDir == null ? "data/journal" : journalDir;
        ringSize = ringSize == 0 ? 1 << 16 : ringSize;
        waitStrategy = waitStrategy == null ? "SPIN_THEN_BLOCK" : waitStrategy; // see config/hotpath.yaml
        threading = threading == null ? "AUTO" : threading.toUpperCase(Locale.ROOT);
        if (!threading.equals("AUTO") && !threading.equals("SHARED") && !threading.equals("DEDICATED") &&
            !threading.equals("INVOKER"))
        {
            throw new IllegalArgumentException("config: threading must be AUTO, SHARED, DEDICATED or INVOKER, not " +
                threading);
        }
        snapshotInterval = snapshotInterval == null ? EngineConfig.DEFAULT_SNAPSHOT_INTERVAL : snapshotInterval;
        if (snapshotInterval < 0)
        {
            throw new IllegalArgumentException("config: snapshotInterval must be 0 (off) or more: " + snapshotInterval);
        }
        minFreeDiskMb = minFreeDiskMb == null ? EngineConfig.DEFAULT_MIN_FREE_DISK_BYTES >> 20 : minFreeDiskMb;
        if (minFreeDiskMb < 0)
        {
            throw new IllegalArgumentException("config: minFreeDiskMb must be 0 (no check) or more: " + minFreeDiskMb);
        }
        maxInFlight = maxInFlight == 0 ? 1 << 16 : maxInFlight;
        streamQueue = streamQueue == 0 ? 4096 : streamQueue;
        rateLimit = rateLimit == null ? new RateLimit(10_000, 20_000) : rateLimit;
        shutdownMs = shutdownMs == 0 ? 10_000 : shutdownMs;
        instruments = instruments == null ? List.of() : List.copyOf(instruments);
        accounts = accounts == null ? List.of() : List.copyOf(accounts);
        defaultLimits = defaultLimits == null ? BUILT_IN_LIMITS : defaultLimits;
        admins = admins == null ? List.of() : List.copyOf(admins);
        transportThreads = transportThreads == null ? 0 : transportThreads;
        engine = engine == null ? "local" : engine.toLowerCase(Locale.ROOT);
        if (!engine.equals("local") && !engine.equals("cluster"))
        {
            throw new IllegalArgumentException("config: engine must be local or cluster, not " + engine);
        }
        cluster = cluster == null ? new Cluster(3, 20_000) : cluster;
        if (transportThreads < 0)
        {
            throw new IllegalArgumentException("config: transportThreads must be 0 (default) or more: " + transportThreads);
        }
        defaultLimits.toRiskLimits("defaultLimits");
        if (instruments.isEmpty())
        {
            throw new IllegalArgumentException("config: at least one instrument is needed");
        }
        if (accounts.isEmpty())
        {
            throw new IllegalArgumentException("config: at least one account is needed");
        }
        final ApiKeys.Builder<Object> keys = ApiKeys.builder(); // the key rules, and unique across accounts and admins
        final Set<Long> ids = new HashSet<>();
        for (final Account a : accounts)
        {
            keys.add(a.key(), a, "config: account " + a.id());
            if (!ids.add(a.id()) || a.id() <= 0)
            {
                throw new IllegalArgumentException("config: account ids must be > 0 and unique: " + a.id());
            }
            if (a.limits() != null)
            {
                a.limits().toRiskLimits("account " + a.id() + " limits");
            }
        }
        for (final Admin admin : admins)
        {
            if (admin.name() == null || admin.name().isEmpty())
            {
                throw new IllegalArgumentException("config: every admin needs a name");
            }
            keys.add(admin.key(), admin, "config: admin " + admin.name());
        }
        if (maxInFlight < 1 || streamQueue < 1)
        {
            throw new IllegalArgumentException("config: maxInFlight and streamQueue must be >= 1");
        }
    }

    /**
     * The cluster a gateway with {@code engine: cluster} fronts ({@code ./hotpath cluster}'s {@code --nodes} and
     * {@code --base-port}).
     *
     * @param nodes    how many nodes.
     * @param basePort node N listens on basePort + 100 N + 1..5.
     */
    public record Cluster(int nodes, int basePort)
    {
        /** Checks the values. */
        public Cluster
        {
            if (nodes < 1 || basePort < 1024)
            {
                throw new IllegalArgumentException("config: cluster needs nodes >= 1 and basePort >= 1024");
            }
        }
    }

    /**
     * @return whether the engine is a cluster's ({@code engine: cluster}).
     */
    public boolean isCluster()
    {
        return engine.equals("cluster");
    }

    /**
     * @param kind    {@code local} or {@code cluster}.
     * @param address the cluster's nodes and base port (kept when {@code null}).
     * @return a copy with these.
     */
    public GatewayConfig withEngineKind(final String kind, final Cluster address)
    {
        return new GatewayConfig(host, port, metricsPort, journalDir, ringSize, waitStrategy, threading,
            snapshotInterval, minFreeDiskMb, maxInFlight, streamQueue, rateLimit, shutdownMs, instruments, accounts,
            defaultLimits, admins, transportThreads, kind, address != null ? address : cluster);
    }

    /**
     * A per-account token bucket.
     *
     * @param perSecond commands a second.
     * @param burst     commands allowed at once.
     */
    public record RateLimit(long perSecond, long burst)
    {
    }

    /**
     * A trading account.
     *
     * @param id     the engine account id (> 0).
     * @param name   a human name.
     * @param key    its API key, sent as {@code x-api-key}.
     * @param limits its own risk limits, or {@code null} for the config's {@code defaultLimits}.
     */
    public record Account(long id, String name, String key, Limits limits)
    {
        @Override
        public String toString()
        {
            return "Account{id=" + id + ", name=" + name + "}";
        }
    }

    /**
     * An administrator: may call AdminService (limits, kill switches, positions), may not trade.
     *
     * @param name a human name, for logs.
     * @param key  its API key, sent as {@code x-api-key}.
     */
    public record Admin(String name, String key)
    {
        @Override
        public String toString()
        {
            return "Admin{name=" + name + "}";
        }
    }

    /**
     * Pre-trade risk limits as written in the file. One set per account, for all instruments, each compared with
     * an order in the integer engine units of that order's instrument: quantities in quantity units
     * ({@code 10^-quantityScale}), notional in price units x quantity units ({@code 10^-(priceScale +
     * quantityScale)} of the quote currency). With {@code config/hotpath.yaml}'s BTC-USD (scales 2 and 4) a
     * maxOrderQuantity of 1,000,000 is 100 BTC and a maxOrderNotional of 10^12 is 1,000,000 USD.
     *
     * @param maxOrderQuantity largest quantity of one order, in quantity units.
     * @param maxOrderNotional largest price x quantity of one order, in price units x quantity units.
     * @param maxOpenOrders    most orders open at once, across instruments.
     * @param maxPosition      largest absolute position per instrument, counting open orders, in quantity units.
     */
    public record Limits(long maxOrderQuantity, long maxOrderNotional, int maxOpenOrders, long maxPosition)
    {
        /**
         * @param where what the limits belong to, for the error message.
         * @return the engine's limits.
         * @throws IllegalArgumentException naming {@code where} when a limit is not positive or too large.
         */
        public RiskLimits toRiskLimits(final String where)
        {
            if (maxOrderQuantity <= 0 || maxOrderNotional <= 0 || maxOpenOrders <= 0 || maxPosition <= 0)
            {
                throw new IllegalArgumentException("config: " + where + ": maxOrderQuantity, maxOrderNotional," +
                    " maxOpenOrders and maxPosition are all required and must be greater than zero");
            }
            if (maxPosition > RiskLimits.MAX_POSITION)
            {
                throw new IllegalArgumentException("config: " + where + ": maxPosition must be at most " +
                    RiskLimits.MAX_POSITION);
            }
            return new RiskLimits(maxOrderQuantity, maxOrderNotional, maxOpenOrders, maxPosition);
        }
    }

    /**
     * An instrument as written in the file: tick and lot in engine units.
     *
     * @param id            dense id from 0.
     * @param symbol        its symbol.
     * @param tickSize      price step in price units.
     * @param lotSize       quantity step in quantity units.
     * @param priceScale    decimals of a price unit.
     * @param quantityScale decimals of a quantity unit.
     */
    public record InstrumentEntry(int id, String symbol, long tickSize, long lotSize, int priceScale,
        int quantityScale)
    {
        /** @return the engine's instrument. */
        public Instrument toInstrument()
        {
            return new Instrument(id, symbol, tickSize, lotSize, priceScale, quantityScale);
        }
    }

    /**
     * @param file a YAML file.
     * @return the config in it.
     * @throws IOException when it cannot be read or parsed.
     */
    public static GatewayConfig load(final Path file) throws IOException
    {
        final ObjectMapper mapper = new ObjectMapper(new YAMLFactory())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        return mapper.readValue(file.toFile(), GatewayConfig.class);
    }

    /**
     * @param account a trading account of this config.
     * @return the limits the engine starts it with: its own, else the default ones.
     */
    public RiskLimits limitsOf(final Account account)
    {
        return account.limits() != null ? account.limits().toRiskLimits("account " + account.id() + " limits") :
            defaultLimits.toRiskLimits("defaultLimits");
    }

    /** @return the instruments as the engine's. */
    public List<Instrument> engineInstruments()
    {
        return instruments.stream().map(InstrumentEntry::toInstrument).toList();
    }

    /**
     * @param newHost address to listen on.
     * @param newPort gRPC port.
     * @param newMetricsPort metrics port.
     * @return a copy with these.
     */
    public GatewayConfig withListen(final String newHost, final int newPort, final int newMetricsPort)
    {
        return new GatewayConfig(newHost, newPort, newMetricsPort, journalDir, ringSize, waitStrategy, threading,
            snapshotInterval, minFreeDiskMb, maxInFlight, streamQueue, rateLimit, shutdownMs, instruments, accounts, defaultLimits,
            admins, transportThreads, engine, cluster);
    }

    /**
     * @param dir the journal directory.
     * @param strategy wait strategy name.
     * @param limit rate limit.
     * @return a copy with these.
     */
    public GatewayConfig withEngine(final String dir, final String strategy, final RateLimit limit)
    {
        return new GatewayConfig(host, port, metricsPort, dir, ringSize, strategy, threading, snapshotInterval,
            minFreeDiskMb, maxInFlight, streamQueue, limit, shutdownMs, instruments, accounts, defaultLimits, admins,
            transportThreads, engine, cluster);
    }

    /**
     * @param mode the engine's threading mode (AUTO, SHARED, DEDICATED, INVOKER).
     * @return a copy with it.
     */
    public GatewayConfig withThreading(final String mode)
    {
        return new GatewayConfig(host, port, metricsPort, journalDir, ringSize, waitStrategy, mode, snapshotInterval,
            minFreeDiskMb, maxInFlight, streamQueue, rateLimit, shutdownMs, instruments, accounts, defaultLimits, admins,
            transportThreads, engine, cluster);
    }

    /**
     * @param interval commands between periodic snapshots, the engine's and the gateway's (0: only at shutdown).
     * @return a copy with it.
     */
    public GatewayConfig withSnapshotInterval(final long interval)
    {
        return new GatewayConfig(host, port, metricsPort, journalDir, ringSize, waitStrategy, threading, interval,
            minFreeDiskMb, maxInFlight, streamQueue, rateLimit, shutdownMs, instruments, accounts, defaultLimits, admins,
            transportThreads, engine, cluster);
    }

    /**
     * @return the engine's threading mode, AUTO resolved for this machine's cores: below 4 cores
     *         {@link ThreadingMode#INVOKER} (the engine runs on the gateway's event loop, no thread of its own), else
     *         {@link ThreadingMode#DEDICATED}.
     */
    public ThreadingMode engineThreading()
    {
        if (!threading.equals("AUTO"))
        {
            return ThreadingMode.valueOf(threading);
        }
        return ThreadingMode.forThisMachine() == ThreadingMode.DEDICATED ? ThreadingMode.DEDICATED :
            ThreadingMode.INVOKER;
    }
}
