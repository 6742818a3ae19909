package dev.hotpath.cluster;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

import java.nio.ByteOrder;

/**
 * The messages between a client and the replicated engine, each behind a fixed header (little-endian):
 *
 * <pre>
 * ingress  COMMANDS   int kind=1, int 0, long messageId      then command records (the input journal's layout)
 * ingress  FEED       int kind=2, int 0, long requestId, long afterSequence
 * egress   ANSWER     int kind=1, int frames, long origin session, long messageId   then one frame per command
 * egress   CAUGHT_UP  int kind=2, int 0, long requestId, long lastSequence
 * egress   TOO_OLD    int kind=3, int 0, long requestId, long oldestSequenceHeld
 * </pre>
 *
 * <p>A session that sends COMMANDS gets one ANSWER per message, with the client's message id, so that it can tell
 * which of its messages an answer is for. A session that sends FEED (a gateway, which keeps books and open orders
 * from every command, not only its own) gets from then on the ANSWER of every message of every session, the
 * origin telling which are its own; first the answers after {@code afterSequence} that the leader still holds in
 * memory ({@link RecentAnswers}), then CAUGHT_UP, or TOO_OLD when the leader no longer holds them all.
 *
 * <p>Stateless; any thread.
 */
public final class ClusterProtocol
{
    /** COMMANDS (ingress) and ANSWER (egress). */
    public static final int COMMANDS = 1;
    /** FEED (ingress). */
    public static final int FEED = 2;
    /** ANSWER (egress). */
    public static final int ANSWER = 1;
    /** CAUGHT_UP (egress). */
    public static final int CAUGHT_UP = 2;
    /** TOO_OLD (egress). */
    public static final int TOO_OLD = 3;

    /** Bytes before a COMMANDS message's records. */
    public static final int COMMANDS_HEADER_LENGTH = 16;
    /** Length of a FEED message. */
    public static final int FEED_LENGTH = 24;
    /** Bytes before an ANSWER's frames. */
    public static final int ANSWER_HEADER_LENGTH = 24;
    /** Length of a CAUGHT_UP or TOO_OLD message. */
    public static final int CONTROL_LENGTH = 24;

    private static final int KIND_OFFSET = 0;
    private static final int COUNT_OFFSET = 4;
    private static final int FIRST_OFFSET = 8;
    private static final int SECOND_OFFSET = 16;
    private static final ByteOrder ORDER = ByteOrder.LITTLE_ENDIAN;

    private ClusterProtocol()
    {
    }

    /**
     * @param buffer holds a message.
     * @param offset where it starts.
     * @param length its length.
     * @return its kind, or 0 when it is too short to have one.
     */
    public static int kind(final DirectBuffer buffer, final int offset, final int length)
    {
        return length < FIRST_OFFSET ? 0 : buffer.getInt(offset + KIND_OFFSET, ORDER);
    }

    /** @return the count field (an ANSWER's frames). */
    public static int count(final DirectBuffer buffer, final int offset)
    {
        return buffer.getInt(offset + COUNT_OFFSET, ORDER);
    }

    /** @return the first long field (COMMANDS: message id; FEED, CAUGHT_UP, TOO_OLD: request id; ANSWER: origin). */
    public static long first(final DirectBuffer buffer, final int offset)
    {
        return buffer.getLong(offset + FIRST_OFFSET, ORDER);
    }

    /** @return the second long field (FEED: after sequence; ANSWER: message id; CAUGHT_UP, TOO_OLD: sequence). */
    public static long second(final DirectBuffer buffer, final int offset)
    {
        return buffer.getLong(offset + SECOND_OFFSET, ORDER);
    }

    /**
     * Writes a COMMANDS header.
     *
     * @param buffer    destination.
     * @param offset    where the message starts.
     * @param messageId the client's id for the message, echoed in its ANSWER.
     */
    public static void commandsHeader(final MutableDirectBuffer buffer, final int offset, final long messageId)
    {
        buffer.putInt(offset + KIND_OFFSET, COMMANDS, ORDER);
        buffer.putInt(offset + COUNT_OFFSET, 0, ORDER);
        buffer.putLong(offset + FIRST_OFFSET, messageId, ORDER);
    }

    /**
     * Writes an ANSWER header.
     *
     * @param buffer    destination.
     * @param offset    where the message starts.
     * @param frames    how many frames follow.
     * @param origin    the session whose message it answers.
     * @param messageId that message's id.
     */
    public static void answerHeader(final MutableDirectBuffer buffer, final int offset, final int frames,
        final long origin, final long messageId)
    {
        buffer.putInt(offset + KIND_OFFSET, ANSWER, ORDER);
        buffer.putInt(offset + COUNT_OFFSET, frames, ORDER);
        buffer.putLong(offset + FIRST_OFFSET, origin, ORDER);
        buffer.putLong(offset + SECOND_OFFSET, messageId, ORDER);
    }

    /**
     * Writes a message of three fields: FEED, CAUGHT_UP or TOO_OLD.
     *
     * @param buffer    destination.
     * @param offset    where the message starts.
     * @param kind      which.
     * @param requestId the FEED request it belongs to.
     * @param sequence  the sequence it names.
     * @return its length.
     */
    public static int control(final MutableDirectBuffer buffer, final int offset, final int kind,
        final long requestId, final long sequence)
    {
        buffer.putInt(offset + KIND_OFFSET, kind, ORDER);
        buffer.putInt(offset + COUNT_OFFSET, 0, ORDER);
        buffer.putLong(offset + FIRST_OFFSET, requestId, ORDER);
        buffer.putLong(offset + SECOND_OFFSET, sequence, ORDER);
        return CONTROL_LENGTH;
    }
}
