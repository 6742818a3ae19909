package dev.hotpath.gateway.link;

import dev.hotpath.engine.api.Command;
import dev.hotpath.engine.risk.AccountRisk;
import dev.hotpath.gateway.GatewayMetrics;

import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * The gateway's way to an engine: in this process ({@link LocalEngineLink}) or replicated on a cluster
 * ({@link ClusterEngineLink}). Commands go in with the waiting call as their attachment; each command's results
 * come back to the {@link LinkListener} with it.
 *
 * <p>{@link #start}, {@link #open} and {@link #close} on the gateway's controlling thread; {@link #tryPublish} and
 * the queries on any thread (the transport threads).
 */
public interface EngineLink
{
    /** Builds a link around the gateway's listener. */
    @FunctionalInterface
    interface Factory
    {
        /**
         * @param listener told the results.
         * @param loop     the gateway's event loop, where the responder runs (and an engine in
         *                 {@code ThreadingMode.INVOKER} too), or {@code null} behind an in-process transport.
         * @return the link, not yet started.
         */
        EngineLink create(LinkListener listener, java.util.concurrent.Executor loop);
    }

    /**
     * Recovers what is local: the in-process engine's state from its journals, or the gateway's own event journal
     * in front of a cluster. Nothing is published yet.
     */
    void start();

    /** Starts the results' flow; in front of a cluster, returns once the gateway has caught up with it. */
    void open();

    /** @return the last command whose results the event journal of {@link #eventJournalDirectory} holds at start. */
    long recoveredSequence();

    /** @return the directory of the gateway's files (its snapshots, the config's limits). */
    Path directory();

    /** @return the event journal the gateway rebuilds its state from. */
    Path eventJournalDirectory();

    /** @return what {@link #start} recovered, for the log. */
    String describe();

    /**
     * Puts a command in without waiting.
     *
     * @param command    the command (copied).
     * @param attachment the waiting call, handed back with the results, or {@code null}.
     * @return false when it cannot be taken now (full, stopped, failing over): see {@link #intakeRefusal}.
     */
    boolean tryPublish(Command command, Object attachment);

    /**
     * Puts a command in, waiting for room. Start-up only.
     *
     * @param command the command.
     * @return false when the engine cannot take commands.
     */
    boolean publish(Command command);

    /** @return why the engine stopped for good, or {@code null}. */
    Throwable failure();

    /** @return why commands are refused now, or {@code null} when they are taken. */
    String intakeRefusal();

    /** @return whether the disk the journal is on is nearly full. */
    boolean diskSpaceLow();

    /**
     * After {@link #failure}: hands over, once each, the attachments of the commands taken but never answered.
     *
     * @param abandoned told each.
     */
    void drainAbandoned(Consumer<Object> abandoned);

    /** @return commands taken and not yet sent on. */
    long ringOccupancy();

    /**
     * @param accountId an account.
     * @return its risk state in the engine at start, or {@code null} when unknown (a cluster's is not known here).
     */
    AccountRisk riskAtStart(long accountId);

    /** @return whether {@link #riskAtStart} knows the engine's state. */
    boolean knowsRiskAtStart();

    /**
     * Registers the link's own meters.
     *
     * @param metrics the gateway's.
     */
    void bindMetrics(GatewayMetrics metrics);

    /** Stops: the local engine drains, journals and snapshots; the cluster link closes its session. */
    void close();
}
