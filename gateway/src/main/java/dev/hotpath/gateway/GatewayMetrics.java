package dev.hotpath.gateway;

import dev.hotpath.engine.api.CommandType;
import dev.hotpath.engine.api.RejectReason;
import dev.hotpath.engine.metrics.DutyCycleStallTracker;
import dev.hotpath.engine.metrics.EngineMetrics;
import dev.hotpath.engine.pipeline.Engine;
import dev.hotpath.engine.snapshot.Snapshotter;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;

/**
 * The gateway's meters, in a Prometheus registry: commands by type, rejects by reason (the engine's and the
 * gateway's own), ring occupancy, commands in flight, receive-to-result latency percentiles, open streams.
 *
 * <p>Thread-safe (Micrometer meters are).
 */
public final class GatewayMetrics
{
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private LongSupplier[] clusterMeters;
    private final Map<CommandType, Counter> commands = new EnumMap<>(CommandType.class);
    private final Map<RejectReason, Counter> engineRejects = new EnumMap<>(RejectReason.class);
    private final Map<String, Counter> gatewayRejects = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> streams = new ConcurrentHashMap<>();
    private final Timer latency;

    /** Creates the meters. */
    public GatewayMetrics()
    {
        for (final CommandType type : CommandType.values())
        {
            commands.put(type, Counter.builder("hotpath.gateway.commands").description("commands sent to the engine")
                .tag("type", type.name()).register(registry));
        }
        for (final RejectReason reason : RejectReason.values())
        {
            engineRejects.put(reason, Counter.builder("hotpath.gateway.rejects")
                .description("commands refused, by the engine (source=engine) or the gateway (source=gateway)")
                .tag("source", "engine").tag("reason", reason.name()).register(registry));
        }
        latency = Timer.builder("hotpath.gateway.latency")
            .description("gateway receive to engine result sent back")
            .publishPercentiles(0.5, 0.9, 0.99, 0.999)
            .distributionStatisticExpiry(java.time.Duration.ofSeconds(30))
            .register(registry);
    }

    private LongSupplier snapshotsWritten;

    /**
     * @param occupancy the ring's used slots.
     * @param inFlight  commands waiting for their results.
     */
    public void bindEngine(final LongSupplier occupancy, final LongSupplier inFlight)
    {
        Gauge.builder("hotpath.engine.ring.occupancy", occupancy, s -> s.getAsLong()).strongReference(true)
            .description("slots of the engine's input ring in use").register(registry);
        Gauge.builder("hotpath.gateway.inflight", inFlight, s -> s.getAsLong()).strongReference(true)
            .description("commands published and waiting for their results").register(registry);
    }

    /**
     * Exports the engine's own stall trackers: per pipeline thread and per journal, the longest duty cycle or
     * block write since the start (ns) and how many took over 1 ms; the overflow arena's spills; and the
     * snapshotter's progress.
     *
     * @param engine the started engine.
     */
    public void bindStalls(final Engine engine)
    {
        final EngineMetrics stalls = engine.metrics();
        final List<DutyCycleStallTracker> trackers = new ArrayList<>(stalls.threadCycles());
        trackers.add(stalls.inputJournalWrites());
        trackers.add(stalls.eventJournalWrites());
        for (final DutyCycleStallTracker tracker : trackers)
        {
            Gauge.builder("hotpath.engine.cycle.max.ns", tracker, DutyCycleStallTracker::maxNs).strongReference(true)
                .description("longest duty cycle (a batch) or journal block write since the start")
                .tag("what", tracker.name()).register(registry);
            FunctionCounter.builder("hotpath.engine.cycle.stalls", tracker, DutyCycleStallTracker::overThreshold)
                .description("duty cycles or journal block writes longer than 1 ms")
                .tag("what", tracker.name()).register(registry);
        }
        FunctionCounter.builder("hotpath.engine.overflow.spills", stalls, EngineMetrics::overflowSpills)
            .description("commands whose events found no room in the overflow arena and were given an array of their own")
            .register(registry);
        final Snapshotter snapshotter = engine.snapshotter();
        if (snapshotter != null)
        {
            FunctionCounter.builder("hotpath.engine.snapshots", snapshotter, Snapshotter::snapshotsWritten)
                .description("periodic snapshots written by the snapshotter").register(registry);
            Gauge.builder("hotpath.engine.snapshotter.sequence", snapshotter, Snapshotter::appliedSequence)
                .description("last command applied to the snapshotter's copy of the state").register(registry);
        }
    }

    /**
     * The cluster link's meters (a gateway in front of a cluster).
     *
     * @param failovers times it caught up again after a change of leader or session.
     * @param resent    messages it sent again.
     * @param sequence  the last command whose results it has.
     */
    public void bindCluster(final LongSupplier failovers, final LongSupplier resent, final LongSupplier sequence)
    {
        clusterMeters = new LongSupplier[] {failovers, resent, sequence}; // function counters hold them weakly
        FunctionCounter.builder("hotpath.cluster.failovers", failovers, s -> s.getAsLong())
            .description("times the gateway caught up with the cluster again (a new leader, a lost session)")
            .register(registry);
        FunctionCounter.builder("hotpath.cluster.resent", resent, s -> s.getAsLong())
            .description("messages of commands sent again because they were lost with a leader").register(registry);
        Gauge.builder("hotpath.cluster.sequence", sequence, s -> s.getAsLong()).strongReference(true)
            .description("sequence of the last command whose results the gateway has from the cluster")
            .register(registry);
    }

    /**
     * @param written       the gateway's snapshots written since the start.
     * @param lastSequence  the sequence of its newest snapshot.
     */
    public void bindGatewaySnapshots(final LongSupplier written, final LongSupplier lastSequence)
    {
        snapshotsWritten = written; // a function counter holds its object weakly
        FunctionCounter.builder("hotpath.gateway.snapshots", written, s -> s.getAsLong())
            .description("snapshots of the gateway's projections written since the start").register(registry);
        Gauge.builder("hotpath.gateway.snapshot.sequence", lastSequence, s -> s.getAsLong()).strongReference(true)
            .description("sequence of the gateway's newest snapshot").register(registry);
    }

    /**
     * @param type a command sent to the engine.
     */
    public void command(final CommandType type)
    {
        commands.get(type).increment();
    }

    /**
     * @param type a command type.
     * @return how many of that type were sent to the engine so far.
     */
    public long commands(final CommandType type)
    {
        return (long)commands.get(type).count();
    }

    /**
     * @param reason the engine's reject reason.
     */
    public void engineReject(final RejectReason reason)
    {
        engineRejects.get(reason).increment();
    }

    /**
     * @param reason the gateway's own reason (invalid_argument, rate_limited, busy, ...).
     */
    public void gatewayReject(final String reason)
    {
        gatewayRejects.computeIfAbsent(reason, r -> Counter.builder("hotpath.gateway.rejects")
            .tag("source", "gateway").tag("reason", r).register(registry)).increment();
    }

    /**
     * @param nanos receive to result.
     */
    public void latency(final long nanos)
    {
        latency.record(nanos, TimeUnit.NANOSECONDS);
    }

    /**
     * @param kind the stream's RPC.
     * @return the counter of that kind's open streams, to increment and decrement.
     */
    public AtomicInteger streams(final String kind)
    {
        return streams.computeIfAbsent(kind, k ->
        {
            final AtomicInteger n = new AtomicInteger();
            Gauge.builder("hotpath.gateway.streams", n, AtomicInteger::get).description("open streams")
                .tag("rpc", k).register(registry);
            return n;
        });
    }

    /** @return the Prometheus text exposition of every meter. */
    public String scrape()
    {
        return registry.scrape();
    }
}
