package dev.hotpath.engine.journal;

import dev.hotpath.engine.api.Command;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

import java.nio.ByteOrder;
import java.util.zip.CRC32C;

/**
 * The on-disk format of hotpath's journals (Chronicle Queue directories). The first document of a journal is
 * a header naming what it is and its format version; then documents that each hold a <em>block</em>: the
 * commands (input journal) or the commands' event frames (event journal, see
 * {@link dev.hotpath.engine.codec.FrameLayout}) of one Disruptor batch, at most {@link #MAX_BLOCK_COMMANDS}.
 * Blocks, not one document per command, because a Chronicle document costs a few hundred nanoseconds of
 * header, index and bounds bookkeeping: per batch that is noise, per command it was most of the journaler's time.
 *
 * <p>An input block is {@code int count} followed by {@code count} records.
 *
 * <p>An input record is fixed-size, little-endian, and ends with a CRC32C of what precedes it, so that a
 * flipped bit is caught with the record's position rather than replayed into a wrong state:
 * <pre>
 *   0 byte type, 1 byte side, 2 byte orderType, 3 byte reserved, 4 int instrumentId,
 *   8 long sequence, 16 long timestampNs, 24 long orderId, 32 long accountId, 40 long price,
 *  48 long quantity, 56 int crc32c(bytes 0..55)
 * </pre>
 *
 * <p>Account commands reuse the same fields. A kill switch ({@code 'K'} on, {@code 'k'} off) names only the
 * account (orderId 0, instrumentId -1). A set-limits command ({@code 'L'},
 * {@link dev.hotpath.engine.api.CommandType#SET_LIMITS}) carries the account's new limits in the order fields:
 * quantity = max order quantity, price = max order notional, instrumentId = max open orders, orderId = max
 * position (side and orderType 0). Its event frame's orderId is therefore the max position, not an order.
 *
 * <p>Stateless helpers; any thread (each caller brings its own buffers and CRC).
 */
public final class JournalFormat
{
    /** "HOTPATHJ" as a little-endian long: the first 8 bytes of every journal's header. */
    public static final long MAGIC = 0x4A48544150544F48L;
    /** Bumped whenever a record layout changes; a reader refuses other versions. */
    public static final int VERSION = 2;
    /** Header kind byte of an input journal. */
    public static final byte KIND_INPUT = 'I';
    /** Header kind byte of an event journal. */
    public static final byte KIND_EVENTS = 'E';
    /** Header: magic 8, version 4, kind 1. */
    public static final int HEADER_LENGTH = 13;
    /** Size of one input record. */
    public static final int COMMAND_RECORD_LENGTH = 60;
    /** Bytes before the records of an input block: the record count. */
    public static final int BLOCK_HEADER_LENGTH = 4;
    /** Most commands (input journal) or frames (event journal) in one block document. */
    public static final int MAX_BLOCK_COMMANDS = 256;
    /** Largest input block. */
    public static final int MAX_INPUT_BLOCK_LENGTH = BLOCK_HEADER_LENGTH + MAX_BLOCK_COMMANDS * COMMAND_RECORD_LENGTH;

    private static final ByteOrder ORDER = ByteOrder.LITTLE_ENDIAN;
    private static final int CRC_OFFSET = 56;

    private JournalFormat()
    {
    }

    /**
     * Writes a journal header.
     *
     * @param buffer destination, at least {@link #HEADER_LENGTH} bytes.
     * @param kind   {@link #KIND_INPUT} or {@link #KIND_EVENTS}.
     */
    public static void encodeHeader(final MutableDirectBuffer buffer, final byte kind)
    {
        buffer.putLong(0, MAGIC, ORDER);
        buffer.putInt(8, VERSION, ORDER);
        buffer.putByte(12, kind);
    }

    /**
     * Checks a journal header.
     *
     * @param buffer holds the header.
     * @param length its length.
     * @param kind   the kind expected.
     * @return {@code null} when fine, else what is wrong.
     */
    public static String checkHeader(final DirectBuffer buffer, final int length, final byte kind)
    {
        if (length != HEADER_LENGTH || buffer.getLong(0, ORDER) != MAGIC)
        {
            return "not a hotpath journal (no header)";
        }
        final int version = buffer.getInt(8, ORDER);
        if (version != VERSION)
        {
            return "journal format version " + version + ", this build reads version " + VERSION;
        }
        final byte actual = buffer.getByte(12);
        if (actual != kind)
        {
            return "journal of kind '" + (char)actual + "', expected '" + (char)kind + "'";
        }
        return null;
    }

    /**
     * Writes a command as an input record.
     *
     * @param command the command.
     * @param buffer  destination, backed by {@code bytes}.
     * @param offset  where the record starts; {@link #COMMAND_RECORD_LENGTH} bytes are written.
     * @param bytes   the array behind {@code buffer} (for the CRC).
     * @param crc     a CRC32C to reuse.
     */
    public static void encodeCommand(
        final Command command, final MutableDirectBuffer buffer, final int offset, final byte[] bytes, final CRC32C crc)
    {
        buffer.putByte(offset, command.type);
        buffer.putByte(offset + 1, command.side);
        buffer.putByte(offset + 2, command.orderType);
        buffer.putByte(offset + 3, (byte)0);
        buffer.putInt(offset + 4, command.instrumentId, ORDER);
        buffer.putLong(offset + 8, command.sequence, ORDER);
        buffer.putLong(offset + 16, command.timestampNs, ORDER);
        buffer.putLong(offset + 24, command.orderId, ORDER);
        buffer.putLong(offset + 32, command.accountId, ORDER);
        buffer.putLong(offset + 40, command.price, ORDER);
        buffer.putLong(offset + 48, command.quantity, ORDER);
        crc.reset();
        crc.update(bytes, offset, CRC_OFFSET);
        buffer.putInt(offset + CRC_OFFSET, (int)crc.getValue(), ORDER);
    }

    /**
     * Reads an input record, checking its CRC.
     *
     * @param buffer  holds the record, backed by {@code bytes}.
     * @param offset  where the record starts ({@link #COMMAND_RECORD_LENGTH} bytes).
     * @param bytes   the array behind {@code buffer}.
     * @param crc     a CRC32C to reuse.
     * @param command receives the fields.
     * @return {@code null} when fine, else what is wrong.
     */
    public static String decodeCommand(
        final DirectBuffer buffer, final int offset, final byte[] bytes, final CRC32C crc, final Command command)
    {
        crc.reset();
        crc.update(bytes, offset, CRC_OFFSET);
        if ((int)crc.getValue() != buffer.getInt(offset + CRC_OFFSET, ORDER))
        {
            return "checksum mismatch";
        }
        command.type = buffer.getByte(offset);
        command.side = buffer.getByte(offset + 1);
        command.orderType = buffer.getByte(offset + 2);
        command.instrumentId = buffer.getInt(offset + 4, ORDER);
        command.sequence = buffer.getLong(offset + 8, ORDER);
        command.timestampNs = buffer.getLong(offset + 16, ORDER);
        command.orderId = buffer.getLong(offset + 24, ORDER);
        command.accountId = buffer.getLong(offset + 32, ORDER);
        command.price = buffer.getLong(offset + 40, ORDER);
        command.quantity = buffer.getLong(offset + 48, ORDER);
        return null;
    }
}
