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
import org.agrona.concurrent.BackoffIdleStrategy;

import java.nio.ByteOrder;
import java.util.concurrent.TimeUnit;

/**
 * A client of the replicated engine: its own small Aeron driver (SHARED, in this JVM) and an {@link AeronCluster}
 * session. Commands go as ingress messages ({@link CommandCodec}); each answer is a frame per command
 * ({@link FrameLayout}: sequence, order, account, type, then the command's events), handed to {@link Answers}.
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
    private final Answers answers;
    private final MediaDriver driver;
    private final EgressListener listener = this::onEgress;
    private AeronCluster cluster;
    private long lastKeepAliveNs;
    private long reconnects;

    /**
     * Starts the client's driver and connects (waiting up to {@link #CONNECT_TIMEOUT_NS} for a leader, and again
     * on the first polls if there is none yet).
     *
     * @param layout  the cluster.
     * @param answers receives the answers, on the polling thread.
     */
    public ClusterClient(final ClusterLayout layout, final Answers answers)
    {
        this.layout = layout;
        this.answers = answers;
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

    private void onEgress(final long clusterSessionId, final long timestamp, final DirectBuffer buffer,
        final int offset, final int length, final Header header)
    {
        int at = offset;
        final int end = offset + length;
        while (end - at >= FrameLayout.HEADER_LENGTH)
        {
            final int eventsLength = buffer.getInt(at + FrameLayout.EVENTS_LENGTH_OFFSET, ByteOrder.LITTLE_ENDIAN);
            final int frameLength = FrameLayout.frameLength(eventsLength,
                buffer.getByte(at + FrameLayout.CLIENT_ORDER_ID_LENGTH_OFFSET) & 0xFF);
            answers.onFrame(buffer, at, frameLength);
            at += frameLength;
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
