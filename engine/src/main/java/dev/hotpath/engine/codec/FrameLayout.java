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
 *  16  long  orderId        the order the command named (0 for account commands)
 *  24  long  accountId      the account that sent it
 *  32  byte  commandType    {@link dev.hotpath.engine.api.CommandType#code()}
 *  33  byte  reserved
 *  34  short reserved
 *  36  int   eventsLength   bytes of events that follow the header
 *  40        events         see {@link EventLayout}
 * </pre>
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
    /** Offset of the events' length. */
    public static final int EVENTS_LENGTH_OFFSET = 36;
    /** Size of the header. */
    public static final int HEADER_LENGTH = 40;

    private FrameLayout()
    {
    }
}
