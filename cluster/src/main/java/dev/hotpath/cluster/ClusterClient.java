package dev.hotpath.cluster;

import dev.hotpath.engine.codec.FrameLayout;
import io.aeron.Publication;
import io.aeron.cluster.client.AeronCluster;
import io.aeron.cluster.client.EgressListener;
import io.aeron.driver.MediaDriver;
import io.aeron.driver.ThreadingMode;
import io.aeron.exceptions.AeronException;
import io.aeron.logbuffer.Header;
import org.agrona.DirectBuffer;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.concurrent.BackoffIdleStrategy;

import java.nio.ByteOrder;
import java.util.concurrent.TimeUnit;

/**
 * A client of the replicated engine: its own small Aeron driver (SHARED, in this JVM) and an {@link AeronCluster}
 * session. Commands go as COMMANDS messages ({@link CommandCodec}); each ANSWER holds a frame per command
 * ({@link FrameLayout}: sequence, order, account, type, then the command's events). A simple client takes the frames
 * ({@link Answers}); a gateway takes the whole {@link ClusterProtocol} ({@link Egress}).
 *
 * <p>It follows the leader: when the leader changes, Aeron moves the session to the new one (the session lives in
 * the replicated log); when the session itself is gone (no new leader within the client's message timeout), the
 * next {@link #poll} opens a new one. A command offered to a leader that died before the log took it is lost and
 * never answered: only an answer acknowledges a command.
 *
 * <p>Owned by one thread: {@link #offer} and {@link #poll} on the same one.
 */
public final class ClusterClient implements AutoCloseable
{
    /** How long a connect waits for a leader before it gives up (the next poll tries again). */
    public static final long CONNECT_TIMEOUT_NS = TimeUnit.SECONDS.toNanos(3);
    private static final long KEEP_ALIVE_EVERY_NS = TimeUnit.SECONDS.toNanos(1);

    /** Receives what the cluster sends this session ({@link ClusterProtocol}), and hears of leader changes. */
    public interface Egress
    {
        /**
         * An ANSWER.
         *
         * @param origin    the session whose message it answers.
         * @param messageId that message's id.
         * @param buffer    holds its frames.
         * @param offset    where the first starts.
         * @param length    bytes of frames.
         */
        void onAnswer(long origin, long messageId, DirectBuffer buffer, int offset, int length);

        /**
         * CAUGHT_UP: every answer after the FEED's sequence has been sent.
         *
         * @param requestId    the FEED it answers.
         * @param lastSequence the engine's last sequence when the leader took the FEED.
         */
        void onCaughtUp(long requestId, long lastSequence);

        /**
         * TOO_OLD: the leader no longer holds all the answers after the FEED's sequence.
         *
         * @param requestId         the FEED it answers.
         * @param oldestHeld        the first sequence it holds.
         */
        void onTooOld(long requestId, long oldestHeld);

        /**
         * The session moved to a new leader, or a new session was opened: a message offered before may have been
         * lost with the old leader.
         *
         * @param sessionId the session from now on.
         */
        void onLeaderChange(long sessionId);
    }

    /** Receives the engine's answers, one frame at a time. */
    @FunctionalInterface
    public interface Answers
    {
        /**
         * @param frame  holds the frame.
         * @param offset where it starts.
         * @param length its length.
         */
        void onFrame(DirectBuffer frame, int offset, int length);
    }

    private final ClusterLayout layout;
    private final Egress egress;
    private final MediaDriver driver;
    private final EgressListener listener = new EgressListener()
    {
        @Override
        public void onMessage(final long clusterSessionId, final long timestamp, final DirectBuffer buffer,
            final int offset, final int length, final Header header)
        {
            onEgress(buffer, offset, length);
        }

        @Override
        public void onNewLeader(final long clusterSessionId, final long leadershipTermId, final int leaderMemberId,
            final String ingressEndpoints)
        {
            egress.onLeaderChange(clusterSessionId);
        }
    };
    private final ExpandableArrayBuffer feed = new ExpandableArrayBuffer(ClusterProtocol.FEED_LENGTH);
    private AeronCluster cluster;
    private long lastKeepAliveNs;
    private long reconnects;

    /**
     * Starts the client's driver and connects (waiting up to {@link #CONNECT_TIMEOUT_NS} for a leader, and again
     * on the first polls if there is none yet).
     *
     * @param layout  the cluster.
     * @param answers receives the frames of this session's answers, on the polling thread.
     */
    public ClusterClient(final ClusterLayout layout, final Answers answers)
    {
        this(layout, new FramesOnly(answers));
    }

    /**
     * Starts the client's driver and connects, as {@link #ClusterClient(ClusterLayout, Answers)}.
     *
     * @param layout the cluster.
     * @param egress receives everything the cluster sends, on the polling thread.
     */
    public ClusterClient(final ClusterLayout layout, final Egress egress)
    {
        this.layout = layout;
        this.egress = egress;
        this.driver = MediaDriver.launchEmbedded(new MediaDriver.Context()
            .threadingMode(ThreadingMode.SHARED)
            .sharedIdleStrategy(new BackoffIdleStrategy(10, 5, 1_000, TimeUnit.MILLISECONDS.toNanos(1)))
            .dirDeleteOnStart(true)
            .dirDeleteOnShutdown(true));
        connect();
    }

    private boolean connect()
    {
        try
        {
            cluster = AeronCluster.connect(new AeronCluster.Context()
                .aeronDirectoryName(driver.aeronDirectoryName())
                .egressListener(listener)
                .egressChannel("aeron:udp?endpoint=" + ClusterLayout.host() + ":0")
                .ingressChannel("aeron:udp?term-length=4m")
                .ingressEndpoints(layout.ingressEndpoints())
                .messageTimeoutNs(CONNECT_TIMEOUT_NS));
            lastKeepAliveNs = System.nanoTime();
            egress.onLeaderChange(cluster.clusterSessionId());
            return true;
        }
        catch (final AeronException ex)
        {
            cluster = null; // no leader yet (an election is running): the next poll tries again
            return false;
        }
    }

    /**
     * Offers one ingress message, once.
     *
     * @param buffer holds it.
     * @param offset where it starts.
     * @param length its length.
     * @return true when the cluster's leader took it; false when it is back-pressured or there is no leader now
     *     (poll, then offer again).
     */
    public boolean offer(final DirectBuffer buffer, final int offset, final int length)
    {
        if (cluster == null || cluster.isClosed())
        {
            return false;
        }
        final long result = cluster.offer(buffer, offset, length);
        if (result > 0)
        {
            lastKeepAliveNs = System.nanoTime();
            return true;
        }
        if (result == Publication.CLOSED || result == Publication.MAX_POSITION_EXCEEDED)
        {
            reopen();
        }
        return false;
    }

    /**
     * Reads the answers that have arrived and keeps the session alive; reconnects when it is gone.
     *
     * @return fragments read.
     */
    public int poll()
    {
        if (cluster == null || cluster.isClosed())
        {
            reopen();
            return 0;
        }
        final int fragments = cluster.pollEgress();
        final long nowNs = System.nanoTime();
        if (nowNs - lastKeepAliveNs > KEEP_ALIVE_EVERY_NS && cluster.sendKeepAlive())
        {
            lastKeepAliveNs = nowNs;
        }
        return fragments;
    }

    /**
     * Asks for the feed: every session's answers from now on, after those the leader holds past
     * {@code afterSequence}, then CAUGHT_UP ({@link ClusterProtocol#FEED}).
     *
     * @param requestId     names the request in CAUGHT_UP or TOO_OLD.
     * @param afterSequence the last sequence this client has.
     * @return true when the leader took the request.
     */
    public boolean requestFeed(final long requestId, final long afterSequence)
    {
        final int length = ClusterProtocol.control(feed, 0, ClusterProtocol.FEED, requestId, afterSequence);
        return offer(feed, 0, length);
    }

    /** @return this session's id ({@code -1} when not connected). */
    public long sessionId()
    {
        return cluster == null || cluster.isClosed() ? -1 : cluster.clusterSessionId();
    }

    /**
     * Asks the cluster for a snapshot (the leader's consensus module orders one on every node).
     *
     * @param correlationId names the request in the answer.
     * @return true when the request was sent.
     */
    public boolean requestSnapshot(final long correlationId)
    {
        return cluster != null && !cluster.isClosed() && cluster.sendAdminRequestToTakeASnapshot(correlationId);
    }

    /** @return the node that leads now, as far as this session knows ({@code -1} when not connected). */
    public int leaderMemberId()
    {
        return cluster == null || cluster.isClosed() ? -1 : cluster.leaderMemberId();
    }

    /** @return how many times the session was opened again after it was lost. */
    public long reconnects()
    {
        return reconnects;
    }

    private void reopen()
    {
        if (cluster != null)
        {
            cluster.close();
            cluster = null;
        }
        if (connect())
        {
            reconnects++;
        }
    }

    private void onEgress(final DirectBuffer buffer, final int offset, final int length)
    {
        switch (ClusterProtocol.kind(buffer, offset, length))
        {
            case ClusterProtocol.ANSWER:
                if (length >= ClusterProtocol.ANSWER_HEADER_LENGTH)
                {
                    egress.onAnswer(ClusterProtocol.first(buffer, offset), ClusterProtocol.second(buffer, offset),
                        buffer, offset + ClusterProtocol.ANSWER_HEADER_LENGTH,
                        length - ClusterProtocol.ANSWER_HEADER_LENGTH);
                }
                break;
            case ClusterProtocol.CAUGHT_UP:
                egress.onCaughtUp(ClusterProtocol.first(buffer, offset), ClusterProtocol.second(buffer, offset));
                break;
            case ClusterProtocol.TOO_OLD:
                egress.onTooOld(ClusterProtocol.first(buffer, offset), ClusterProtocol.second(buffer, offset));
                break;
            default:
                break; // nothing this client knows
        }
    }

    /**
     * Calls {@code handler} for each frame of an ANSWER's frames.
     *
     * @param buffer  holds the frames.
     * @param offset  where the first starts.
     * @param length  bytes of frames.
     * @param handler told each frame.
     */
    public static void forEachFrame(final DirectBuffer buffer, final int offset, final int length,
        final Answers handler)
    {
        int at = offset;
        final int end = offset + length;
        while (end - at >= FrameLayout.HEADER_LENGTH)
        {
            final int eventsLength = buffer.getInt(at + FrameLayout.EVENTS_LENGTH_OFFSET, ByteOrder.LITTLE_ENDIAN);
            final int frameLength = FrameLayout.frameLength(eventsLength,
                buffer.getByte(at + FrameLayout.CLIENT_ORDER_ID_LENGTH_OFFSET) & 0xFF);
            handler.onFrame(buffer, at, frameLength);
            at += frameLength;
        }
    }

    /** A client that takes only the frames of its answers. */
    private record FramesOnly(Answers answers) implements Egress
    {
        @Override
        public void onAnswer(final long origin, final long messageId, final DirectBuffer buffer, final int offset,
            final int length)
        {
            forEachFrame(buffer, offset, length, answers);
        }

        @Override
        public void onCaughtUp(final long requestId, final long lastSequence)
        {
        }

        @Override
        public void onTooOld(final long requestId, final long oldestHeld)
        {
        }

        @Override
        public void onLeaderChange(final long sessionId)
        {
        }
    }

    @Override
    public void close()
    {
        if (cluster != null)
        {
            cluster.close();
        }
        driver.close();
    }
}
