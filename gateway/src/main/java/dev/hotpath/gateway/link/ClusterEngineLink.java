package dev.hotpath.gateway.link;

import com.lmax.disruptor.EventPoller;
import com.lmax.disruptor.EventTranslatorTwoArg;
import com.lmax.disruptor.RingBuffer;
import dev.hotpath.cluster.ClusterClient;
import dev.hotpath.cluster.ClusterLayout;
import dev.hotpath.cluster.ClusterProtocol;
import dev.hotpath.cluster.CommandCodec;
import dev.hotpath.engine.api.Command;
import dev.hotpath.engine.codec.FrameLayout;
import dev.hotpath.engine.journal.DirectoryLock;
import dev.hotpath.engine.journal.EventJournalWriter;
import dev.hotpath.engine.risk.AccountRisk;
import dev.hotpath.gateway.GatewayMetrics;
import dev.hotpath.gateway.GatewayServer;
import dev.hotpath.gateway.in.PendingCommand;
import org.agrona.DirectBuffer;
import org.agrona.collections.LongHashSet;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.AgentRunner;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.UnsafeBuffer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Iterator;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

/**
 * The gateway in front of a replicated engine ({@code hotpath cluster}): commands go to the cluster's leader over
 * an Aeron Cluster session, results come back as the cluster's answers, and the gateway keeps every answer of every
 * session (the feed, {@link ClusterProtocol}) in an event journal of its own, so that its books, open orders and
 * snapshots work as in front of a local engine.
 *
 * <p><b>Acknowledgements.</b> A command is answered only from the cluster's answer, which the leader sends once the
 * command is in a majority of the nodes' logs: an acknowledgement can no longer be lost.
 *
 * <p><b>Failover.</b> When the leader changes (or the session is lost and opened again, or the leader has refused
 * messages for {@value #OFFER_STALL_MS} ms, as a dead one does once its flow-control window is full) the link stops sending,
 * and new commands are refused with UNAVAILABLE. It asks the new leader for the feed after the last sequence it
 * has; the leader sends the answers it missed (its own lost answers among them) and then CAUGHT_UP. Raft puts
 * everything the old leader's log kept ahead of that request, so a message still unanswered then never reached the
 * log: the link sends it again, ahead of new ones, and opens the way in. No command is lost or applied twice.
 *
 * <p><b>Threads.</b> The transport threads put commands into a ring ({@link #tryPublish}, never blocking); one
 * thread of its own ({@code hotpath-cluster-link}, an Agrona {@link Agent}) does everything else: it batches the
 * ring's commands into messages (up to {@link CommandCodec#MAX_BATCH}), offers them, polls the answers, writes the
 * journal and hands each result to the {@link LinkListener}. The messages in flight and the sequence are that
 * thread's alone.
 */
public final class ClusterEngineLink implements EngineLink, Agent
{
    /** How long {@link #open} waits for a leader's CAUGHT_UP. */
    public static final long OPEN_TIMEOUT_NS = TimeUnit.SECONDS.toNanos(30);
    private static final Logger LOG = LoggerFactory.getLogger(ClusterEngineLink.class);
    private static final long FEED_RETRY_NS = TimeUnit.SECONDS.toNanos(2);
    private static final long FEED_OFFER_RETRY_NS = TimeUnit.MILLISECONDS.toNanos(10);
    /**
     * How long the leader may refuse a message before the link treats it as gone: a dead leader takes messages until
     * its flow-control window is full, then refuses them until the cluster elects another (a second or two).
     */
    private static final long OFFER_STALL_MS = 200;
    private static final long OFFER_STALL_NS = TimeUnit.MILLISECONDS.toNanos(OFFER_STALL_MS);
    private static final String FAILING_OVER = "the cluster is failing over to a new leader: try again shortly";

    /** What the link is doing. */
    private enum Phase
    {
        /** Before the first session. */
        CONNECTING,
        /** FEED sent, waiting for CAUGHT_UP: new commands are refused. */
        CATCHING_UP,
        /** Commands go in. */
        LIVE,
        /** The gateway can no longer follow the cluster. */
        FAILED
    }

    /** A ring slot: a command from a transport thread, with its waiting call. */
    private static final class Outgoing
    {
        final Command command = new Command();
        Object attachment;
    }

    /** A COMMANDS message, kept until its answer comes. */
    private record Message(long id, byte[] bytes, Object[] attachments)
    {
    }

    private final ClusterLayout layout;
    private final Path directory;
    private final LinkListener listener;
    private final RingBuffer<Outgoing> ring;
    private final EventPoller<Outgoing> poller;
    private final ArrayDeque<Message> outbox = new ArrayDeque<>();
    private final ArrayDeque<Message> sent = new ArrayDeque<>();
    private final LongHashSet ownSessions = new LongHashSet();
    private final CommandCodec codec = new CommandCodec();
    private final Object[] batchAttachments = new Object[CommandCodec.MAX_BATCH];
    private final CountDownLatch opened = new CountDownLatch(1);
    private final ClusterClient.Answers frameHandler = this::onFrame;
    private final UnsafeBuffer outboxBuffer = new UnsafeBuffer(new byte[0]);
    /** Takes ring slots into the codec, up to a full message. */
    private final EventPoller.Handler<Outgoing> batcher = (slot, sequence, endOfBatch) ->
    {
        batchAttachments[codec.count()] = slot.attachment;
        slot.attachment = null;
        codec.add(slot.command);
        return codec.count() < CommandCodec.MAX_BATCH;
    };
    private static final EventTranslatorTwoArg<Outgoing, Command, Object> INTO_SLOT = (slot, sequence, c, a) ->
    {
        slot.command.copyFrom(c);
        slot.attachment = a;
    };
    private DirectoryLock lock;
    private EventJournalWriter journal;
    private ClusterClient client;
    private AgentRunner runner;
    private volatile Phase phase = Phase.CONNECTING;
    private volatile String refusal = "not connected to the cluster yet";
    private volatile Throwable failure;
    private volatile long lastSequence;
    private volatile long failovers;
    private volatile long resent;
    private volatile int leader = -1;
    private long recoveredSequence;
    private long nextMessageId = 1;
    private long feedRequest;
    private boolean feedTaken;
    private long feedSentNs;
    private boolean leaderChanged;
    private long stalledSinceNs;
    private Message answering;
    private int answeringFrame;
    private boolean gap;

    /**
     * @param layout    the cluster's nodes and ports.
     * @param directory the gateway's directory (its event journal, snapshots and lock).
     * @param ringSize  commands the ring holds (a power of two).
     * @param listener  told the results.
     */
    public ClusterEngineLink(final ClusterLayout layout, final Path directory, final int ringSize,
        final LinkListener listener)
    {
        this.layout = layout;
        this.directory = directory;
        this.listener = listener;
        this.ring = RingBuffer.createMultiProducer(Outgoing::new, ringSize);
        this.poller = ring.newPoller();
        ring.addGatingSequences(poller.getSequence());
    }

    @Override
    public void start()
    {
        lock = DirectoryLock.acquire(directory);
        try
        {
            journal = new EventJournalWriter(eventJournalDirectory());
            recoveredSequence = journal.lastSequence();
        }
        catch (final RuntimeException ex)
        {
            lock.close();
            throw ex;
        }
        lastSequence = recoveredSequence;
    }

    @Override
    public void open()
    {
        runner = new AgentRunner(new BackoffIdleStrategy(100, 10, TimeUnit.MICROSECONDS.toNanos(1),
            TimeUnit.MICROSECONDS.toNanos(200)), ex -> LOG.warn("cluster link: {}", ex.toString()), null, this);
        AgentRunner.startOnThread(runner);
        final boolean answered;
        try
        {
            answered = opened.await(OPEN_TIMEOUT_NS, TimeUnit.NANOSECONDS);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            throw new ClusterUnavailableException("interrupted while waiting for the cluster", ex);
        }
        if (failure != null)
        {
            throw new ClusterUnavailableException(failure.getMessage(), failure);
        }
        if (!answered)
        {
            throw new ClusterUnavailableException("no leader of the cluster at " + layout.ingressEndpoints() +
                " let the gateway catch up within " + TimeUnit.NANOSECONDS.toSeconds(OPEN_TIMEOUT_NS) + " s: is it running " +
                "(./hotpath cluster --nodes " + layout.nodes() + " --base-port " + layout.basePort() + ")?", null);
        }
    }

    @Override
    public String roleName()
    {
        return "hotpath-cluster-link";
    }

    @Override
    public void onStart()
    {
        journal.handOverToCurrentThread();
        client = new ClusterClient(layout, new Egress()); // its first session, when it has one, is a leader change
    }

    @Override
    public int doWork()
    {
        int work = client.poll();
        if (leaderChanged)
        {
            leaderChanged = false;
            catchUp();
        }
        final long nowNs = System.nanoTime();
        switch (phase)
        {
            case CONNECTING:
            case CATCHING_UP:
                if (feedRequest != 0 && nowNs - feedSentNs > (feedTaken ? FEED_RETRY_NS : FEED_OFFER_RETRY_NS))
                {
                    catchUp(); // the request or its answer went down with a leader: ask again
                }
                break;
            case LIVE:
                work += send();
                break;
            case FAILED:
                work += failQueued();
                break;
            default:
                break;
        }
        return work;
    }

    /** Stops sending and asks the leader for what this gateway has not seen. */
    private void catchUp()
    {
        if (phase == Phase.FAILED)
        {
            return;
        }
        if (phase == Phase.LIVE)
        {
            refusal = FAILING_OVER;
            phase = Phase.CATCHING_UP;
            listener.onAvailability(false, FAILING_OVER);
        }
        feedRequest = nextMessageId++;
        feedTaken = client.requestFeed(feedRequest, lastSequence);
        feedSentNs = System.nanoTime();
    }

    /** Offers what waits in the outbox, then the ring's commands as new messages. */
    private int send()
    {
        int work = 0;
        while (!outbox.isEmpty())
        {
            final Message m = outbox.peekFirst();
            outboxBuffer.wrap(m.bytes);
            if (!client.offer(outboxBuffer, 0, m.bytes.length))
            {
                final long nowNs = System.nanoTime();
                if (stalledSinceNs == 0)
                {
                    stalledSinceNs = nowNs;
                }
                else if (nowNs - stalledSinceNs > OFFER_STALL_NS)
                {
                    stalledSinceNs = 0;
                    catchUp(); // refuse new commands (UNAVAILABLE) until a leader lets the gateway catch up
                }
                return work;
            }
            stalledSinceNs = 0;
            outbox.pollFirst();
            sent.addLast(m);
            work++;
        }
        codec.reset(nextMessageId);
        try
        {
            poller.poll(batcher);
        }
        catch (final Exception ex)
        {
            throw new IllegalStateException(ex);
        }
        final int count = codec.count();
        if (count == 0)
        {
            return work;
        }
        final Message m = new Message(nextMessageId++, Arrays.copyOf(codec.buffer().byteArray(), codec.length()),
            Arrays.copyOf(batchAttachments, count));
        Arrays.fill(batchAttachments, 0, count, null);
        if (client.offer(codec.buffer(), 0, codec.length()))
        {
            sent.addLast(m);
        }
        else
        {
            outbox.addLast(m);
        }
        return work + count;
    }

    /** What the cluster sends, on this thread (inside {@link ClusterClient#poll}). */
    private final class Egress implements ClusterClient.Egress
    {
        @Override
        public void onAnswer(final long origin, final long messageId, final DirectBuffer buffer, final int offset,
            final int length)
        {
            answer(origin, messageId, buffer, offset, length);
        }

        @Override
        public void onCaughtUp(final long requestId, final long sequence)
        {
            caughtUp(requestId, sequence);
        }

        @Override
        public void onTooOld(final long requestId, final long oldestHeld)
        {
            if (requestId == feedRequest)
            {
                fail(new IllegalStateException("the cluster no longer holds the answers after command " +
                    lastSequence + " that this gateway's event journal (" + eventJournalDirectory() + ") ends at " +
                    "(the leader holds them from " + oldestHeld + " on): stop the gateway and give it a node's " +
                    "event journal (copy <cluster dir>/node-N/events over " + eventJournalDirectory() + ", and " +
                    "remove " + directory.resolve(GatewayServer.SNAPSHOT_DIRECTORY) + ")"));
            }
        }

        @Override
        public void onLeaderChange(final long sessionId)
        {
            ownSessions.add(sessionId);
            leaderChanged = true;
        }
    }

    private void answer(final long origin, final long messageId, final DirectBuffer buffer, final int offset,
        final int length)
    {
        answering = null;
        if (ownSessions.contains(origin))
        {
            while (!sent.isEmpty() && sent.peekFirst().id() < messageId)
            {
                // a message of ours that the log never took, although a later one got in: cannot happen on one
                // session, whose messages the log takes in order; answer it rather than leave it waiting
                lost(sent.pollFirst(), "the cluster lost this command: look the order up before sending it again");
            }
            if (!sent.isEmpty() && sent.peekFirst().id() == messageId)
            {
                answering = sent.peekFirst();
            }
        }
        answeringFrame = 0;
        gap = false;
        ClusterClient.forEachFrame(buffer, offset, length, frameHandler);
        journal.flush();
        if (gap)
        {
            if (phase == Phase.LIVE)
            {
                catchUp(); // frames missing before these: ask for them (these come again with them)
            }
            return;
        }
        if (answering != null)
        {
            sent.pollFirst();
            for (int i = answeringFrame; i < answering.attachments().length; i++)
            {
                lostOne(answering.attachments()[i], "the cluster dropped this command as malformed");
            }
            answering = null;
        }
    }

    private void onFrame(final DirectBuffer frame, final int offset, final int length)
    {
        if (gap)
        {
            return;
        }
        final long sequence = frame.getLong(offset + FrameLayout.SEQUENCE_OFFSET, ByteOrder.LITTLE_ENDIAN);
        final Object attachment = answering != null && answeringFrame < answering.attachments().length ?
            answering.attachments()[answeringFrame] : null;
        if (sequence <= lastSequence)
        {
            answeringFrame++;
            return; // had it already (a feed after a failover repeats what arrived)
        }
        if (sequence != lastSequence + 1)
        {
            gap = true;
            return;
        }
        journal.appendFrame(frame, offset, length);
        listener.onFrame(frame, offset, (PendingCommand)attachment);
        answeringFrame++;
        lastSequence = sequence;
    }

    private void caughtUp(final long requestId, final long sequence)
    {
        if (requestId != feedRequest || phase == Phase.LIVE || phase == Phase.FAILED)
        {
            return;
        }
        if (lastSequence < sequence)
        {
            catchUp(); // something went missing on the way: ask again
            return;
        }
        // everything the log holds up to the FEED has been answered: what is still unanswered never reached it
        final Iterator<Message> unanswered = sent.descendingIterator();
        while (unanswered.hasNext())
        {
            outbox.addFirst(unanswered.next());
        }
        resent += sent.size();
        if (opened.getCount() == 0)
        {
            failovers++;
        }
        sent.clear();
        feedRequest = 0;
        refusal = null;
        phase = Phase.LIVE;
        leader = client.leaderMemberId();
        listener.onAvailability(true, "following the cluster's leader (node " + leader + ")");
        opened.countDown();
    }

    private void fail(final Throwable cause)
    {
        failure = cause;
        refusal = cause.getMessage();
        phase = Phase.FAILED;
        LOG.error("{}", cause.getMessage());
        failQueued();
        listener.onStopped(cause);
        opened.countDown();
    }

    /** Answers every command not answered yet UNAVAILABLE: once failed, or when closing. */
    private int failQueued()
    {
        int work = 0;
        final String reason = refusal != null ? refusal : "the gateway stopped before the cluster answered";
        while (!sent.isEmpty())
        {
            lost(sent.pollFirst(), reason);
            work++;
        }
        while (!outbox.isEmpty())
        {
            lost(outbox.pollFirst(), reason);
            work++;
        }
        try
        {
            work += poller.poll((slot, sequence, endOfBatch) ->
            {
                lostOne(slot.attachment, reason);
                slot.attachment = null;
                return true;
            }) == EventPoller.PollState.PROCESSING ? 1 : 0;
        }
        catch (final Exception ex)
        {
            throw new IllegalStateException(ex);
        }
        return work;
    }

    private void lost(final Message message, final String reason)
    {
        for (final Object attachment : message.attachments())
        {
            lostOne(attachment, reason);
        }
    }

    private void lostOne(final Object attachment, final String reason)
    {
        if (attachment != null)
        {
            listener.onLost((PendingCommand)attachment, reason);
        }
    }

    @Override
    public void onClose()
    {
        if (phase != Phase.FAILED)
        {
            refusal = "the gateway stopped before the cluster answered";
            failQueued();
        }
        if (client != null)
        {
            client.close();
        }
        journal.close();
    }

    /** @return the node that leads, as far as the session knows ({@code -1} when not connected). Any thread. */
    public int leaderMemberId()
    {
        return leader;
    }

    /** @return messages sent again because they were lost with a leader. Any thread. */
    public long resent()
    {
        return resent;
    }

    /** @return times the link caught up again after a change of leader or session. Any thread. */
    public long failovers()
    {
        return failovers;
    }

    /** @return the last command whose results the gateway has. Any thread. */
    public long lastSequence()
    {
        return lastSequence;
    }

    @Override
    public long recoveredSequence()
    {
        return recoveredSequence;
    }

    @Override
    public Path directory()
    {
        return directory;
    }

    @Override
    public Path eventJournalDirectory()
    {
        return directory.resolve("events");
    }

    @Override
    public String describe()
    {
        return "cluster at " + layout.ingressEndpoints() + "; the gateway's event journal held " + recoveredSequence +
            " commands at start";
    }

    @Override
    public boolean tryPublish(final Command command, final Object attachment)
    {
        if (phase != Phase.LIVE)
        {
            return false;
        }
        return ring.tryPublishEvent(INTO_SLOT, command, attachment);
    }

    @Override
    public boolean publish(final Command command)
    {
        final long deadlineNs = System.nanoTime() + OPEN_TIMEOUT_NS;
        while (!tryPublish(command, null))
        {
            if (phase == Phase.FAILED || deadlineNs - System.nanoTime() < 0)
            {
                return false;
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
        }
        return true;
    }

    @Override
    public Throwable failure()
    {
        return failure;
    }

    @Override
    public String intakeRefusal()
    {
        return refusal;
    }

    @Override
    public boolean diskSpaceLow()
    {
        return false;
    }

    @Override
    public void drainAbandoned(final Consumer<Object> abandoned)
    {
        // the link's own thread answers what it holds once failed (failQueued): nothing is left for the caller
    }

    @Override
    public long ringOccupancy()
    {
        return ring.getBufferSize() - ring.remainingCapacity();
    }

    @Override
    public AccountRisk riskAtStart(final long accountId)
    {
        return null;
    }

    @Override
    public boolean knowsRiskAtStart()
    {
        return false;
    }

    @Override
    public void bindMetrics(final GatewayMetrics metrics)
    {
        metrics.bindCluster(() -> failovers, () -> resent, () -> lastSequence);
    }

    @Override
    public void close()
    {
        if (runner != null)
        {
            runner.close();
            runner = null;
        }
        else if (journal != null)
        {
            journal.close();
        }
        if (lock != null)
        {
            lock.close();
            lock = null;
        }
    }
}
