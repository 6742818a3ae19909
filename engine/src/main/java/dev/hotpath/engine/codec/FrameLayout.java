package dev.hotpath.engine.codec;

/**
 * The header in front of one command's events in the event journal: which command it was, when it was
 * sent, and how many bytes of events follow. A reader can thus tell gaps (sequence numbers count up by
 * one) and attribute every event to its command.
 *
 * <pre>
 *   0  long  sequence       engine command sequence, from 1
 *   8  long  timestampNs    the command's own timestamp: epoch nanoseconds, nanosecond resolution, stamped by
 *                           its sender with {@link dev.hotpath.engine.api.CommandClock} ({@code Command.timestampNs})
 *  16  long  orderId        the order the command named (0 for a kill switch; for a set-limits command
 *                           the max position it sets, see {@link dev.hotpath.engine.journal.JournalFormat})
 *  24  long  accountId      the account that sent it
 *  32  byte  commandType    {@link dev.hotpath.engine.api.CommandType#code()}
 *  33  byte  clientOrderIdLength  bytes of the client order id after the events (0..64; new orders only)
 *  34  short reserved
 *  36  int   eventsLength   bytes of events that follow the header
 *  40        events         see {@link EventLayout}
 *  40 + eventsLength        clientOrderId, printable ASCII
 * </pre>
 *
 * <p>A frame is thus {@link #frameLength} bytes long. Frames travel in blocks whose checksum the reader checks
 * (see {@link dev.hotpath.engine.journal.JournalFormat}).
 *
 * <p>Constants only; any thread.
 */
public final class FrameLayout
{
    /** Offset of the command sequence. */
    public static final int SEQUENCE_OFFSET = 0;
    /** Offset of the timestamp. */
    public static final int TIMESTAMP_OFFSET = 8;
    /** Offset of the order id. */
    public static final int ORDER_ID_OFFSET = 16;
    /** Offset of the account id. */
    public static final int ACCOUNT_ID_OFFSET = 24;
    /** Offset of the command type code. */
    public static final int COMMAND_TYPE_OFFSET = 32;
    /** Offset of the client order id's length. */
    public static final int CLIENT_ORDER_ID_LENGTH_OFFSET = 33;
    /** Offset of the reserved short (written as 0). */
    public static final int RESERVED_OFFSET = 34;
    /** Offset of the events' length. */
    public static final int EVENTS_LENGTH_OFFSET = 36;
    /** Size of the header. */
    public static final int HEADER_LENGTH = 40;

    private FrameLayout()
    {
    }

    /**
     * @param frame a frame from offset 0.
     * @return the length of its events.
     */
    public static int eventsLength(final org.agrona.DirectBuffer frame)
    {
        return frame.getInt(EVENTS_LENGTH_OFFSET, java.nio.ByteOrder.LITTLE_ENDIAN);
    }

    /**
     * @param frame a frame from offset 0.
     * @return its client order id ({@code null} when it carries none); allocates, so not for a hot path.
     */
    public static String clientOrderId(final org.agrona.DirectBuffer frame)
    {
        final int length = frame.getByte(CLIENT_ORDER_ID_LENGTH_OFFSET) & 0xFF;
        return length == 0 ? null : frame.getStringWithoutLengthAscii(HEADER_LENGTH + eventsLength(frame), length);
    }

    /**
     * @param eventsLength        bytes of events.
     * @param clientOrderIdLength bytes of client order id.
     * @return the frame's whole length.
     */
    public static int frameLength(final int eventsLength, final int clientOrderIdLength)
    {
        return HEADER_LENGTH + eventsLength + clientOrderIdLength;
    }

    /**
     * Writes one command's frame: the header from the command, then its events and its client order id. The event
     * journal's writer and a cluster node's answers both use it, so both hold the same bytes.
     *
     * @param buffer       destination, with room for {@link #frameLength} bytes from {@code at}.
     * @param at           where the frame starts.
     * @param command      the command (sequence, timestamp, order, account, type, client order id).
     * @param events       its encoded events, from offset 0.
     * @param eventsLength their length.
     * @return the frame's length.
     */
    public static int write(final org.agrona.MutableDirectBuffer buffer, final int at,
        final dev.hotpath.engine.api.Command command, final org.agrona.DirectBuffer events, final int eventsLength)
    {
        final int idLength = command.clientOrderIdLength;
        final java.nio.ByteOrder order = java.nio.ByteOrder.LITTLE_ENDIAN;
        buffer.putLong(at + SEQUENCE_OFFSET, command.sequence, order);
        buffer.putLong(at + TIMESTAMP_OFFSET, command.timestampNs, order);
        buffer.putLong(at + ORDER_ID_OFFSET, command.orderId, order);
        buffer.putLong(at + ACCOUNT_ID_OFFSET, command.accountId, order);
        buffer.putByte(at + COMMAND_TYPE_OFFSET, command.type);
        buffer.putByte(at + CLIENT_ORDER_ID_LENGTH_OFFSET, (byte)idLength);
        buffer.putShort(at + RESERVED_OFFSET, (short)0);
        buffer.putInt(at + EVENTS_LENGTH_OFFSET, eventsLength, order);
        buffer.putBytes(at + HEADER_LENGTH, events, 0, eventsLength);
        if (idLength > 0)
        {
            buffer.putBytes(at + HEADER_LENGTH + eventsLength, command.clientOrderId, 0, idLength);
        }
        return frameLength(eventsLength, idLength);
    }
}
