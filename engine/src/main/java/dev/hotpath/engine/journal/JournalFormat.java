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
 * <p>An input record is little-endian, 84 bytes plus the client order id it carries (new orders from the
 * gateway; 0 bytes otherwise), and ends with a CRC32C of what precedes it, so that a flipped bit is caught
 * with the record's position rather than replayed into a wrong state:
 * <pre>
 *   0 byte type, 1 byte side, 2 byte orderType, 3 byte clientOrderIdLength (0..64), 4 int instrumentId,
 *   8 long sequence, 16 long timestampNs, 24 long orderId, 32 long accountId, 40 long price,
 *  48 long quantity, 56 long stopPrice, 64 long expiresAtNs, 72 long displayQuantity,
 *  80 clientOrderId (clientOrderIdLength ASCII bytes),
 *  then int crc32c(all bytes before it)
 * </pre>
 *
 * <p>Account commands reuse the same fields. A kill switch ({@code 'K'} on, {@code 'k'} off) names only the
 * account (orderId 0, instrumentId -1). A mass cancel ({@code 'M'}) names the account, the instrument (-1: all)
 * and the side (0: both). A set-limits command ({@code 'L'},
 * {@link dev.hotpath.engine.api.CommandType#SET_LIMITS}) carries the account's new limits in the order fields:
 * quantity = max order quantity, price = max order notional, instrumentId = max open orders, orderId = max
 * position (side and orderType 0). Its event frame's orderId is therefore the max position, not an order.
 *
 * <p>A block whose count is {@link #VOID_BLOCK_COUNT} is a void marker: recovery wrote it after a torn last block
 * that was never acknowledged, and readers skip that block (see {@link #encodeVoidMarker}).
 *
 * <p>An event block is {@code int crc32c} of the rest of the block, then the frames
 * ({@link dev.hotpath.engine.codec.FrameLayout}): every reader checks it before handing out a frame.
 *
 * <p>Stateless helpers; any thread (each caller brings its own buffers and CRC).
 */
public final class JournalFormat
{
    /** "HOTPATHJ" as a little-endian long: the first 8 bytes of every journal's header. */
    public static final long MAGIC = 0x4A48544150544F48L;
    /** Bumped whenever a record layout changes; a reader refuses other versions (5: the display quantity). */
    public static final int VERSION = 5;
    /** Header kind byte of an input journal. */
    public static final byte KIND_INPUT = 'I';
    /** Header kind byte of an event journal. */
    public static final byte KIND_EVENTS = 'E';
    /** Header: magic 8, version 4, kind 1. */
    public static final int HEADER_LENGTH = 13;
    /** Size of an input record without a client order id. */
    public static final int COMMAND_RECORD_LENGTH = 84;
    /** Size of the largest input record. */
    public static final int MAX_COMMAND_RECORD_LENGTH = COMMAND_RECORD_LENGTH + Command.MAX_CLIENT_ORDER_ID_LENGTH;
    /** The record count of a void marker block (see {@link #encodeVoidMarker}). */
    public static final int VOID_BLOCK_COUNT = -1;
    /** Length of a void marker block: count, voided index, CRC32C. */
    public static final int VOID_BLOCK_LENGTH = 16;
    /** Bytes before the frames of an event block: their CRC32C. */
    public static final int EVENT_BLOCK_HEADER_LENGTH = 4;
    /** Bytes before the records of an input block: the record count. */
    public static final int BLOCK_HEADER_LENGTH = 4;
    /** Most commands (input journal) or frames (event journal) in one block document. */
    public static final int MAX_BLOCK_COMMANDS = 256;
    /** Largest input block. */
    public static final int MAX_INPUT_BLOCK_LENGTH = BLOCK_HEADER_LENGTH + MAX_BLOCK_COMMANDS * MAX_COMMAND_RECORD_LENGTH;

    private static final ByteOrder ORDER = ByteOrder.LITTLE_ENDIAN;
    private static final int CLIENT_ORDER_ID_LENGTH_OFFSET = 3;
    private static final int CLIENT_ORDER_ID_OFFSET = 80;

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
     * @param offset  where the record starts; {@link #recordLength} of the command bytes are written.
     * @param bytes   the array behind {@code buffer} (for the CRC).
     * @param crc     a CRC32C to reuse.
     * @return the record's length.
     */
    public static int encodeCommand(
        final Command command, final MutableDirectBuffer buffer, final int offset, final byte[] bytes, final CRC32C crc)
    {
        final int idLength = command.clientOrderIdLength;
        buffer.putByte(offset, command.type);
        buffer.putByte(offset + 1, command.side);
        buffer.putByte(offset + 2, command.orderType);
        buffer.putByte(offset + CLIENT_ORDER_ID_LENGTH_OFFSET, (byte)idLength);
        buffer.putInt(offset + 4, command.instrumentId, ORDER);
        buffer.putLong(offset + 8, command.sequence, ORDER);
        buffer.putLong(offset + 16, command.timestampNs, ORDER);
        buffer.putLong(offset + 24, command.orderId, ORDER);
        buffer.putLong(offset + 32, command.accountId, ORDER);
        buffer.putLong(offset + 40, command.price, ORDER);
        buffer.putLong(offset + 48, command.quantity, ORDER);
        buffer.putLong(offset + 56, command.stopPrice, ORDER);
        buffer.putLong(offset + 64, command.expiresAtNs, ORDER);
        buffer.putLong(offset + 72, command.displayQuantity, ORDER);
        if (idLength > 0)
        {
            buffer.putBytes(offset + CLIENT_ORDER_ID_OFFSET, command.clientOrderId, 0, idLength);
        }
        final int crcOffset = CLIENT_ORDER_ID_OFFSET + idLength;
        crc.reset();
        crc.update(bytes, offset, crcOffset);
        buffer.putInt(offset + crcOffset, (int)crc.getValue(), ORDER);
        return crcOffset + 4;
    }

    /**
     * @param command a command.
     * @return the length of its input record.
     */
    public static int recordLength(final Command command)
    {
        return COMMAND_RECORD_LENGTH + command.clientOrderIdLength;
    }

    /**
     * The length of the input record at an offset, from its client-order-id length byte.
     *
     * @param buffer holds the record.
     * @param offset where it starts.
     * @return its length, or -1 when the length byte is out of range.
     */
    public static int recordLength(final DirectBuffer buffer, final int offset)
    {
        final int idLength = buffer.getByte(offset + CLIENT_ORDER_ID_LENGTH_OFFSET) & 0xFF;
        return idLength > Command.MAX_CLIENT_ORDER_ID_LENGTH ? -1 : COMMAND_RECORD_LENGTH + idLength;
    }

    /**
     * Checks an input record's CRC.
     *
     * @param buffer holds the record, backed by {@code bytes}.
     * @param offset where the record starts.
     * @param length its length, from {@link #recordLength(DirectBuffer, int)}.
     * @param bytes  the array behind {@code buffer}.
     * @param crc    a CRC32C to reuse.
     * @return whether the record is intact.
     */
    public static boolean checkRecord(final DirectBuffer buffer, final int offset, final int length, final byte[] bytes,
        final CRC32C crc)
    {
        final int crcOffset = length - 4;
        crc.reset();
        crc.update(bytes, offset, crcOffset);
        return (int)crc.getValue() == buffer.getInt(offset + crcOffset, ORDER);
    }

    /**
     * Reads an input record checked before with {@link #checkRecord}.
     *
     * @param buffer  holds the record.
     * @param offset  where the record starts.
     * @param length  its length.
     * @param command receives the fields.
     */
    public static void decodeCommand(final DirectBuffer buffer, final int offset, final int length, final Command command)
    {
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
        command.stopPrice = buffer.getLong(offset + 56, ORDER);
        command.expiresAtNs = buffer.getLong(offset + 64, ORDER);
        command.displayQuantity = buffer.getLong(offset + 72, ORDER);
        command.clientOrderIdLength = length - 4 - CLIENT_ORDER_ID_OFFSET;
        buffer.getBytes(offset + CLIENT_ORDER_ID_OFFSET, command.clientOrderId, 0, command.clientOrderIdLength);
    }

    /**
     * Writes a void marker: the document that follows a torn last block which recovery cut off, so that every
     * later read skips that block (Chronicle documents cannot be removed from the middle of a queue).
     *
     * @param buffer       destination, {@link #VOID_BLOCK_LENGTH} bytes, backed by {@code bytes}.
     * @param bytes        the array behind it.
     * @param voidedIndex  the Chronicle index of the torn block.
     * @param crc          a CRC32C to reuse.
     */
    public static void encodeVoidMarker(final MutableDirectBuffer buffer, final byte[] bytes, final long voidedIndex,
        final CRC32C crc)
    {
        buffer.putInt(0, VOID_BLOCK_COUNT, ORDER);
        buffer.putLong(4, voidedIndex, ORDER);
        crc.reset();
        crc.update(bytes, 0, 12);
        buffer.putInt(12, (int)crc.getValue(), ORDER);
    }

    /**
     * @param buffer a block of {@link #VOID_BLOCK_LENGTH} bytes whose count is {@link #VOID_BLOCK_COUNT}.
     * @param bytes  the array behind it.
     * @param crc    a CRC32C to reuse.
     * @return the index it voids, or -1 when the marker is damaged.
     */
    public static long decodeVoidMarker(final DirectBuffer buffer, final byte[] bytes, final CRC32C crc)
    {
        crc.reset();
        crc.update(bytes, 0, 12);
        return (int)crc.getValue() == buffer.getInt(12, ORDER) ? buffer.getLong(4, ORDER) : -1;
    }

    /**
     * Computes an event block's checksum.
     *
     * @param bytes  the block, from offset 0.
     * @param length the block's length.
     * @param crc    a CRC32C to reuse.
     * @return the CRC32C of the block after its {@link #EVENT_BLOCK_HEADER_LENGTH}-byte header.
     */
    public static int eventBlockChecksum(final byte[] bytes, final int length, final CRC32C crc)
    {
        crc.reset();
        crc.update(bytes, EVENT_BLOCK_HEADER_LENGTH, length - EVENT_BLOCK_HEADER_LENGTH);
        return (int)crc.getValue();
    }
}
