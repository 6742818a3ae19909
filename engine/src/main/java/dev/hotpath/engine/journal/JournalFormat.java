package dev.hotpath.engine.journal;

import dev.hotpath.engine.api.Command;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

import java.nio.ByteOrder;
import java.util.zip.CRC32C;

/**
 * The on-disk format of hotpath's journals (Chronicle Queue directories). The first document of a journal is
 * a header naming what it is and its format version; then one document per command (input journal) or per
 * command's events (event journal, see {@link dev.hotpath.engine.codec.FrameLayout}).
 *
 * <p>An input record is fixed-size, little-endian, and ends with a CRC32C of what precedes it, so that a
 * flipped bit is caught with the record's position rather than replayed into a wrong state:
 * <pre>
 *   0 byte type, 1 byte side, 2 byte orderType, 3 byte reserved, 4 int instrumentId,
 *   8 long sequence, 16 long timestampNs, 24 long orderId, 32 long accountId, 40 long price,
 *  48 long quantity, 56 int crc32c(bytes 0..55)
 * </pre>
 *
 * <p>Stateless helpers; any thread (each caller brings its own buffers and CRC).
 */
public final class JournalFormat
{
    /** "HOTPATHJ" as a little-endian long: the first 8 bytes of every journal's header. */
    public static final long MAGIC = 0x4A48544150544F48L;
    /** Bumped whenever a record layout changes; a reader refuses other versions. */
    public static final int VERSION = 1;
    /** Header kind byte of an input journal. */
    public static final byte KIND_INPUT = 'I';
    /** Header kind byte of an event journal. */
    public static final byte KIND_EVENTS = 'E';
    /** Header: magic 8, version 4, kind 1. */
    public static final int HEADER_LENGTH = 13;
    /** Size of one input record. */
    public static final int COMMAND_RECORD_LENGTH = 60;

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
     * @param buffer  destination, at least {@link #COMMAND_RECORD_LENGTH} bytes, backed by {@code bytes}.
     * @param bytes   the array behind {@code buffer} (for the CRC).
     * @param crc     a CRC32C to reuse.
     */
    public static void encodeCommand(
        final Command command, final MutableDirectBuffer buffer, final byte[] bytes, final CRC32C crc)
    {
        buffer.putByte(0, command.type);
        buffer.putByte(1, command.side);
        buffer.putByte(2, command.orderType);
        buffer.putByte(3, (byte)0);
        buffer.putInt(4, command.instrumentId, ORDER);
        buffer.putLong(8, command.sequence, ORDER);
        buffer.putLong(16, command.timestampNs, ORDER);
        buffer.putLong(24, command.orderId, ORDER);
        buffer.putLong(32, command.accountId, ORDER);
        buffer.putLong(40, command.price, ORDER);
        buffer.putLong(48, command.quantity, ORDER);
        crc.reset();
        crc.update(bytes, 0, CRC_OFFSET);
        buffer.putInt(CRC_OFFSET, (int)crc.getValue(), ORDER);
    }

    /**
     * Reads an input record, checking its length and CRC.
     *
     * @param buffer  holds the record, backed by {@code bytes}.
     * @param bytes   the array behind {@code buffer}.
     * @param length  the record's length.
     * @param crc     a CRC32C to reuse.
     * @param command receives the fields.
     * @return {@code null} when fine, else what is wrong.
     */
    public static String decodeCommand(
        final DirectBuffer buffer, final byte[] bytes, final int length, final CRC32C crc, final Command command)
    {
        if (length != COMMAND_RECORD_LENGTH)
        {
            return "record of " + length + " bytes, expected " + COMMAND_RECORD_LENGTH;
        }
        crc.reset();
        crc.update(bytes, 0, CRC_OFFSET);
        if ((int)crc.getValue() != buffer.getInt(CRC_OFFSET, ORDER))
        {
            return "checksum mismatch";
        }
        command.type = buffer.getByte(0);
        command.side = buffer.getByte(1);
        command.orderType = buffer.getByte(2);
        command.instrumentId = buffer.getInt(4, ORDER);
        command.sequence = buffer.getLong(8, ORDER);
        command.timestampNs = buffer.getLong(16, ORDER);
        command.orderId = buffer.getLong(24, ORDER);
        command.accountId = buffer.getLong(32, ORDER);
        command.price = buffer.getLong(40, ORDER);
        command.quantity = buffer.getLong(48, ORDER);
        return null;
    }
}
