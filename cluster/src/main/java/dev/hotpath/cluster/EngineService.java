package dev.hotpath.cluster;

import dev.hotpath.engine.codec.FrameLayout;
import dev.hotpath.engine.core.EngineCore;
import dev.hotpath.engine.journal.EventJournalWriter;
import dev.hotpath.engine.journal.JournalFormat;
import dev.hotpath.engine.pipeline.EngineConfig;
import io.aeron.ExclusivePublication;
import io.aeron.Image;
import io.aeron.cluster.codecs.CloseReason;
import io.aeron.cluster.service.ClientSession;
import io.aeron.cluster.service.Cluster;
import io.aeron.cluster.service.ClusteredService;
import io.aeron.logbuffer.Header;
import org.agrona.DirectBuffer;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.collections.Long2ObjectHashMap;
import org.agrona.concurrent.IdleStrategy;

import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * The engine as an Aeron Cluster service: the same {@link EngineCore} (risk and matching) as the local engine,
 * fed by the cluster's replicated log instead of the local input journal. Aeron Cluster hands a message to the
 * service only once a majority of the nodes hold it in their logs, so whatever the service answers can no longer
 * be lost when a node dies: the log replaces the input journal, and a command is acknowledged after it is
 * replicated.
 *
 * <p>A COMMANDS ingress message ({@link ClusterProtocol}) carries one or more commands in the input journal's record
 * layout ({@link JournalFormat#encodeCommand}, CRC included; {@link CommandCodec} writes them). {@link ClusterEngine}
 * gives each the next engine sequence and the cluster's time (the leader's clock, written into the log, so every
 * node and every replay sees the same time: never a local clock), applies it, and appends its frame to this node's
 * own event journal (the local engine's layout, so reporting can tail any node); the service answers the session
 * that sent the message with one ANSWER holding the frames of all its commands ({@link FrameLayout}).
 *
 * <p>A session that sent FEED (a gateway in front of the cluster) gets every session's ANSWER, so that its books
 * and open orders follow every command. Every node keeps its last answers in memory ({@link RecentAnswers}); on
 * FEED the leader first sends those after the sequence the gateway has, then CAUGHT_UP: after a failover or its
 * own restart, a gateway learns what it missed, its own lost answers included. Which sessions get the feed is not
 * engine state; a gateway asks again after every change of leader.
 *
 * <p>Snapshots go through Aeron's mechanism: {@link #onTakeSnapshot} writes the engine snapshot codec's bytes
 * ({@link ServiceSnapshot}), {@link #onStart} loads them, and the cluster replays the log after them. A node's
 * event journal is not rolled back on replay: commands it already holds are applied again but not written again.
 *
 * <p>Every method is called on the service container's thread, the only one that touches the engine.
 */
public final class EngineService implements ClusteredService
{
    private final int nodeId;
    private final EngineConfig config;
    private final Path eventJournalDirectory;
    private final StateHashLog stateHashes;
    private final Consumer<RuntimeException> refused;
    private final int recentAnswerBytes;
    private final Long2ObjectHashMap<ClientSession> feedSessions = new Long2ObjectHashMap<>();
    private final ExpandableArrayBuffer control = new ExpandableArrayBuffer(ClusterProtocol.CONTROL_LENGTH);
    private ClusterEngine engine;
    private RecentAnswers recent;
    private Cluster cluster;
    private IdleStrategy idle;
    private long malformedMessages;

    /**
     * @param nodeId                the node it runs on (for its log lines).
     * @param config                instruments, risk limits and self-trade policy (its directories are not used).
     * @param eventJournalDirectory where this node writes its event journal.
     * @param stateHashes           where the state's checksum goes at every snapshot.
     * @param refused               told when the service refuses to start (a damaged snapshot, a short event
     *                              journal), so that the node stops instead of running without its engine.
     * @param recentAnswerBytes     memory for the last answers a gateway may ask for again.
     */
    public EngineService(final int nodeId, final EngineConfig config, final Path eventJournalDirectory,
        final StateHashLog stateHashes, final Consumer<RuntimeException> refused, final int recentAnswerBytes)
    {
        this.recentAnswerBytes = recentAnswerBytes;
        this.refused = refused;
        this.nodeId = nodeId;
        this.config = config;
        this.eventJournalDirectory = eventJournalDirectory;
        this.stateHashes = stateHashes;
    }

    @Override
    public void onStart(final Cluster cluster, final Image snapshotImage)
    {
        try
        {
            start(cluster, snapshotImage);
        }
        catch (final RuntimeException ex)
        {
            refused.accept(ex);
            throw ex;
        }
    }

    private void start(final Cluster cluster, final Image snapshotImage)
    {
        this.cluster = cluster;
        this.idle = cluster.idleStrategy();
        final EngineCore core = snapshotImage == null ? new EngineCore(config) :
            ServiceSnapshot.load(snapshotImage, config, idle);
        System.out.println("engine service on node " + nodeId + ": " + (snapshotImage == null ?
            "no snapshot, the log replays from its start" : "snapshot loaded at command " + core.lastSequence() +
            ", the log replays after it"));
        final EventJournalWriter journal = new EventJournalWriter(eventJournalDirectory);
        try
        {
            engine = new ClusterEngine(core, journal);
            recent = new RecentAnswers(recentAnswerBytes, core.lastSequence());
        }
        catch (final IllegalStateException ex)
        {
            journal.close();
            throw new IllegalStateException(eventJournalDirectory + ": " + ex.getMessage(), ex);
        }
    }

    @Override
    public void onSessionOpen(final ClientSession session, final long timestamp)
    {
        // any session may send commands: authentication is the gateway's, in front of the cluster
    }

    @Override
    public void onSessionClose(final ClientSession session, final long timestamp, final CloseReason closeReason)
    {
        feedSessions.remove(session.id());
    }

    @Override
    public void onSessionMessage(final ClientSession session, final long timestamp, final DirectBuffer buffer,
        final int offset, final int length, final Header header)
    {
        final int kind = ClusterProtocol.kind(buffer, offset, length);
        if (kind == ClusterProtocol.COMMANDS && length >= ClusterProtocol.COMMANDS_HEADER_LENGTH)
        {
            final long first = engine.core().lastSequence() + 1;
            final int answerLength = engine.apply(timestamp, session == null ? 0 : session.id(), buffer, offset,
                length);
            recent.add(first, engine.core().lastSequence(), engine.answer(), answerLength);
            answer(session, engine.answer(), answerLength);
        }
        else if (kind == ClusterProtocol.FEED && length >= ClusterProtocol.FEED_LENGTH && session != null)
        {
            feed(session, ClusterProtocol.first(buffer, offset), ClusterProtocol.second(buffer, offset));
        }
        else
        {
            malformedMessages++; // dropped alike on every node
        }
    }

    /** The sender gets its answer, and every feed session gets it too (the sender once, if it is one). */
    private void answer(final ClientSession sender, final DirectBuffer answer, final int length)
    {
        if (!isLeader())
        {
            return; // a follower's sessions are no one's: only the leader answers
        }
        if (sender != null && !feedSessions.containsKey(sender.id()))
        {
            offer(sender, answer, length);
        }
        for (final ClientSession feedSession : feedSessions.values()) // Agrona reuses the iterator: no allocation
        {
            offer(feedSession, answer, length);
        }
    }

    /**
     * FEED: the session gets every answer from now on; the leader first sends those it holds after
     * {@code afterSequence}, then CAUGHT_UP (or TOO_OLD when it no longer holds them all).
     */
    private void feed(final ClientSession session, final long requestId, final long afterSequence)
    {
        feedSessions.put(session.id(), session);
        if (!isLeader())
        {
            return;
        }
        final long lastSequence = engine.core().lastSequence();
        if (afterSequence < lastSequence && afterSequence + 1 < recent.heldFrom())
        {
            offer(session, control, ClusterProtocol.control(control, 0, ClusterProtocol.TOO_OLD, requestId,
                recent.heldFrom()));
            return;
        }
        recent.forEachAfter(afterSequence, (answer, at, length) -> offerAt(session, answer, at, length));
        offer(session, control, ClusterProtocol.control(control, 0, ClusterProtocol.CAUGHT_UP, requestId,
            lastSequence));
    }

    private boolean isLeader()
    {
        return cluster != null && cluster.role() == Cluster.Role.LEADER;
    }

    private void offer(final ClientSession session, final DirectBuffer answer, final int length)
    {
        offerAt(session, answer, 0, length);
    }

    /** Egress to a session; while the log replays (no client to answer) the session takes it and drops it. */
    private void offerAt(final ClientSession session, final DirectBuffer answer, final int offset, final int length)
    {
        idle.reset();
        long result;
        while ((result = session.offer(answer, offset, length)) < 0)
        {
            if (result == io.aeron.Publication.NOT_CONNECTED || result == io.aeron.Publication.CLOSED ||
                result == io.aeron.Publication.MAX_POSITION_EXCEEDED || session.isClosing())
            {
                return; // the client has gone: what it was owed is in the event journal
            }
            idle.idle(); // back pressure: a slow client slows the cluster, as a slow reader slows its client
        }
    }

    @Override
    public void onTimerEvent(final long correlationId, final long timestamp)
    {
        // no timers: expiries run on the time the commands carry
    }

    @Override
    public void onTakeSnapshot(final ExclusivePublication snapshotPublication)
    {
        final byte[] state = ServiceSnapshot.write(engine.core(), snapshotPublication, idle);
        stateHashes.record(engine.core().lastSequence(), state);
    }

    @Override
    public void onRoleChange(final Cluster.Role newRole)
    {
        // every role runs the same engine; only the leader's answers reach clients
    }

    @Override
    public void onTerminate(final Cluster cluster)
    {
        if (engine != null)
        {
            engine.close();
            engine = null;
        }
    }
}
