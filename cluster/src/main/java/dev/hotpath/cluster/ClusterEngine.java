package dev.hotpath.cluster;

import dev.hotpath.engine.api.Command;
import dev.hotpath.engine.codec.EventEncoder;
import dev.hotpath.engine.codec.FrameLayout;
import dev.hotpath.engine.core.EngineCore;
import dev.hotpath.engine.journal.EventJournalWriter;
import dev.hotpath.engine.journal.JournalFormat;
import org.agrona.DirectBuffer;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.util.zip.CRC32C;

/**
 * What a node does with one message of the replicated log, without Aeron: decode its commands (the input
 * journal's record layout, each checked by its CRC), give each the next engine sequence and the log's timestamp,
 * apply it to the {@link EngineCore}, append its frame to the node's event journal, and gather the frames of the
 * message's commands into one answer for the client that sent it.
 *
 * <p>Deterministic: every node, and every replay of the log, does exactly the same with the same message, malformed
 * ones included (a record whose length or CRC is wrong is dropped, and with a wrong length the rest of the message
 * too, on every node alike). A replay after a restart applies again the commands the event journal already holds
 * but does not write them again.
 *
 * <p>Allocates nothing per message. Owned by the service container's thread.
 */
final class ClusterEngine
{
    private final EngineCore core;
    private final EventJournalWriter eventJournal;
    private final Command command = new Command();
    private final byte[] recordBytes = new byte[JournalFormat.MAX_COMMAND_RECORD_LENGTH];
    private final UnsafeBuffer record = new UnsafeBuffer(recordBytes);
    private final CRC32C crc = new CRC32C();
    private final ExpandableArrayBuffer events = new ExpandableArrayBuffer(4096);
    private final EventEncoder encoder = new EventEncoder();
    private final ExpandableArrayBuffer answer = new ExpandableArrayBuffer(16 * 1024);
    private long journaledThrough;
    private long malformedRecords;

    /**
     * @param core         the engine, new or loaded from a snapshot.
     * @param eventJournal the node's event journal; it must reach at least the engine's last sequence.
     * @throws IllegalStateException when the event journal ends before the engine's state.
     */
    ClusterEngine(final EngineCore core, final EventJournalWriter eventJournal)
    {
        this.core = core;
        this.eventJournal = eventJournal;
        this.journaledThrough = eventJournal.lastSequence();
        if (journaledThrough < core.lastSequence())
        {
            throw new IllegalStateException("the event journal ends at command " + journaledThrough +
                " but the cluster's snapshot is at " + core.lastSequence() + ": commands " + (journaledThrough + 1) +
                ".." + core.lastSequence() + " would be missing from it. With other nodes holding the log, move this node's " +
                "directory aside and start it again: it is rebuilt from them; a single node needs its events " +
                "directory back (a backup) instead");
        }
    }

    /**
     * Applies one COMMANDS message of the log ({@link ClusterProtocol}) and writes its ANSWER.
     *
     * @param timestampNs the log's timestamp for it (cluster time, epoch nanoseconds).
     * @param origin      the session that sent it.
     * @param buffer      holds the message.
     * @param offset      where it starts (its header).
     * @param length      its length.
     * @return the length of the ANSWER in {@link #answer()}, header included (an answer with no frame when the
     *     message held no valid command).
     */
    int apply(final long timestampNs, final long origin, final DirectBuffer buffer, final int offset,
        final int length)
    {
        final long messageId = ClusterProtocol.first(buffer, offset);
        int at = offset + ClusterProtocol.COMMANDS_HEADER_LENGTH;
        final int end = offset + length;
        int answerLength = ClusterProtocol.ANSWER_HEADER_LENGTH;
        int frames = 0;
        while (at < end)
        {
            final int recordLength = end - at >= JournalFormat.COMMAND_RECORD_LENGTH ?
                JournalFormat.recordLength(buffer, at) : -1;
            if (recordLength < 0 || recordLength > end - at)
            {
                malformedRecords++;
                break;
            }
            buffer.getBytes(at, recordBytes, 0, recordLength);
            at += recordLength;
            if (!JournalFormat.checkRecord(record, 0, recordLength, recordBytes, crc))
            {
                malformedRecords++;
                continue;
            }
            JournalFormat.decodeCommand(record, 0, recordLength, command);
            command.sequence = core.lastSequence() + 1;
            command.timestampNs = timestampNs;
            encoder.wrap(events);
            core.apply(command, encoder);
            final int eventsLength = encoder.length();
            if (command.sequence > journaledThrough)
            {
                eventJournal.append(command, events, eventsLength);
                journaledThrough = command.sequence;
            }
            answerLength = appendFrame(answerLength, eventsLength);
            frames++;
        }
        eventJournal.flush();
        ClusterProtocol.answerHeader(answer, 0, frames, origin, messageId);
        return answerLength;
    }

    /** The frame of the command just applied, as the event journal holds it. */
    private int appendFrame(final int at, final int eventsLength)
    {
        return at + FrameLayout.write(answer, at, command, events, eventsLength);
    }

    /** @return the ANSWER of the last {@link #apply}, from offset 0: its header, then one frame per command. */
    DirectBuffer answer()
    {
        return answer;
    }

    /** @return the engine. */
    EngineCore core()
    {
        return core;
    }

    /** @return records dropped as malformed since this node started. */
    long malformedRecords()
    {
        return malformedRecords;
    }

    /** Closes the event journal. */
    void close()
    {
        eventJournal.close();
    }
}
