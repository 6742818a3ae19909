package dev.hotpath.cluster;

import dev.hotpath.engine.api.Command;
import dev.hotpath.engine.codec.EventEncoder;
import dev.hotpath.engine.codec.FrameLayout;
import dev.hotpath.engine.journal.EventJournalWriter;
import dev.hotpath.engine.journal.JournalFormat;
import dev.hotpath.engine.pipeline.EngineConfig;
import dev.hotpath.engine.pipeline.EngineCore;
import io.aeron.ExclusivePublication;
import io.aeron.Image;
import io.aeron.cluster.codecs.CloseReason;
import io.aeron.cluster.service.ClientSession;
import io.aeron.cluster.service.Cluster;
import io.aeron.cluster.service.ClusteredService;
import io.aeron.logbuffer.Header;
import org.agrona.DirectBuffer;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.zip.CRC32C;

/**
 * The engine as an Aeron Cluster service: the same {@link EngineCore} (risk and matching) as the local engine,
 * fed by the cluster's replicated log instead of the local input journal. Aeron Cluster hands a message to the
 * service only once a majority of the nodes hold it in their logs, so whatever the service answers can no longer
 * be lost when a node dies: the log replaces the input journal, and a command is acknowledged after it is
 * replicated.
 *
 * <p>One ingress message carries one or more commands in the input journal's record layout
 * ({@link JournalFormat#encodeCommand}, CRC included; {@link CommandCodec} writes them). The service gives each
 * the next engine sequence and the cluster's time (the leader's clock, written into the log, so every node and
 * every replay sees the same time: never a local clock), applies it, appends its frame to this node's own event
 * journal (the local engine's layout, so reporting can tail any node), and answers the session that sent the
 * message with one egress message holding the frames of all its commands ({@link FrameLayout}).
 *
 * <p>Snapshots go through Aeron's mechanism: {@link #onTakeSnapshot} writes the engine snapshot codec's bytes
 * ({@link ServiceSnapshot}), {@link #onStart} loads them, and the cluster replays the log after them. A node's
 * event journal is not rolled back on replay: commands it already holds are applied again but not written again.
 *
 * <p>Every method is called on the service container's thread, the only one that touches the engine.
 */
public final class EngineService implements ClusteredService
{
    private final EngineConfig config;
    private final Path eventJournalDirectory;
    private final StateHashLog stateHashes;
    private final Command command = new Command();
    private final byte[] recordBytes = new byte[JournalFormat.MAX_COMMAND_RECORD_LENGTH];
    private final UnsafeBuffer record = new UnsafeBuffer(recordBytes);
    private final CRC32C crc = new CRC32C();
    private final ExpandableArrayBuffer events = new ExpandableArrayBuffer(4096);
    private final EventEncoder encoder = new EventEncoder();
    private final ExpandableArrayBuffer answer = new ExpandableArrayBuffer(4096);
    private EngineCore core;
    private EventJournalWriter eventJournal;
    private long journaledThrough;
    private Cluster cluster;
    private IdleStrategy idle;
    private long commandsApplied;
    private long malformedMessages;

    /**
     * @param config                instruments, risk limits and self-trade policy (its directories are not used).
     * @param eventJournalDirectory where this node writes its event journal.
     * @param stateHashes           where the state's checksum goes at every snapshot.
     */
    public EngineService(final EngineConfig config, final Path eventJournalDirectory, final StateHashLog stateHashes)
    {
        this.config = config;
        this.eventJournalDirectory = eventJournalDirectory;
        this.stateHashes = stateHashes;
    }

    @Override
    public void onStart(final Cluster cluster, final Image snapshotImage)
    {
        this.cluster = cluster;
        this.idle = cluster.idleStrategy();
        core = snapshotImage == null ? new EngineCore(config) : ServiceSnapshot.load(snapshotImage, config, idle);
        System.out.println("engine service on node " + cluster.memberId() + ": " + (snapshotImage == null ?
            "no snapshot, the log replays from its start" : "snapshot loaded at command " + core.lastSequence() +
            ", the log replays after it"));
        eventJournal = new EventJournalWriter(eventJournalDirectory);
        journaledThrough = eventJournal.lastSequence();
        if (journaledThrough < core.lastSequence())
        {
            throw new IllegalStateException("the event journal " + eventJournalDirectory + " ends at command " +
                journaledThrough + " but the cluster's snapshot is at " + core.lastSequence() + ": commands " +
                (journaledThrough + 1) + ".." + core.lastSequence() + " would be missing from it; move it aside " +
                "and restart the node with an empty cluster directory so that it is written again from the log");
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
        // nothing is kept per session
    }

    @Override
    public void onSessionMessage(final ClientSession session, final long timestamp, final DirectBuffer buffer,
        final int offset, final int length, final Header header)
    {
        int at = offset;
        final int end = offset + length;
        int answerLength = 0;
        while (at < end)
        {
            final int recordLength = end - at >= 4 ? JournalFormat.recordLength(buffer, at) : -1;
            if (recordLength < 0 || recordLength > end - at)
            {
                malformedMessages++; // deterministic on every node: the rest of the message is dropped everywhere
                break;
            }
            buffer.getBytes(at, recordBytes, 0, recordLength);
            at += recordLength;
            if (!JournalFormat.checkRecord(record, 0, recordLength, recordBytes, crc))
            {
                malformedMessages++;
                continue;
            }
            JournalFormat.decodeCommand(record, 0, recordLength, command);
            command.sequence = core.lastSequence() + 1;
            command.timestampNs = timestamp;
            encoder.wrap(events);
            core.apply(command, encoder);
            commandsApplied++;
            final int eventsLength = encoder.length();
            if (command.sequence > journaledThrough)
            {
                eventJournal.append(command, events, eventsLength);
                journaledThrough = command.sequence;
            }
            answerLength = appendFrame(answerLength, eventsLength);
        }
        eventJournal.flush();
        if (session != null && answerLength > 0)
        {
            offer(session, answerLength);
        }
    }

    private int appendFrame(final int at, final int eventsLength)
    {
        final ExpandableArrayBuffer a = answer;
        final int idLength = command.clientOrderIdLength;
        a.putLong(at + FrameLayout.SEQUENCE_OFFSET, command.sequence, ByteOrder.LITTLE_ENDIAN);
        a.putLong(at + FrameLayout.TIMESTAMP_OFFSET, command.timestampNs, ByteOrder.LITTLE_ENDIAN);
        a.putLong(at + FrameLayout.ORDER_ID_OFFSET, command.orderId, ByteOrder.LITTLE_ENDIAN);
        a.putLong(at + FrameLayout.ACCOUNT_ID_OFFSET, command.accountId, ByteOrder.LITTLE_ENDIAN);
        a.putByte(at + FrameLayout.COMMAND_TYPE_OFFSET, command.type);
        a.putByte(at + FrameLayout.CLIENT_ORDER_ID_LENGTH_OFFSET, (byte)idLength);
        a.putShort(at + FrameLayout.COMMAND_TYPE_OFFSET + 2, (short)0);
        a.putInt(at + FrameLayout.EVENTS_LENGTH_OFFSET, eventsLength, ByteOrder.LITTLE_ENDIAN);
        a.putBytes(at + FrameLayout.HEADER_LENGTH, events, 0, eventsLength);
        if (idLength > 0)
        {
            a.putBytes(at + FrameLayout.HEADER_LENGTH + eventsLength, command.clientOrderId, 0, idLength);
        }
        return at + FrameLayout.frameLength(eventsLength, idLength);
    }

    /** Egress to the sender; while the log replays (no client to answer) the session takes it and drops it. */
    private void offer(final ClientSession session, final int length)
    {
        idle.reset();
        long result;
        while ((result = session.offer(answer, 0, length)) < 0)
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
        final byte[] state = ServiceSnapshot.write(core, snapshotPublication, idle);
        stateHashes.record(core.lastSequence(), state);
    }

    @Override
    public void onRoleChange(final Cluster.Role newRole)
    {
        // every role runs the same engine; only the leader's answers reach clients
    }

    @Override
    public void onTerminate(final Cluster cluster)
    {
        if (eventJournal != null)
        {
            eventJournal.close();
            eventJournal = null;
        }
    }

    /** @return the engine's state; the service thread only (tests, after the cluster stopped). */
    EngineCore core()
    {
        return core;
    }

    /** @return commands applied since this service started, replayed ones included. */
    long commandsApplied()
    {
        return commandsApplied;
    }

    /** @return ingress messages, or their tails, dropped as malformed. */
    long malformedMessages()
    {
        return malformedMessages;
    }
}
