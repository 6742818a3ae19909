package dev.hotpath.engine.snapshot;

import dev.hotpath.engine.api.Instrument;
import dev.hotpath.engine.api.Side;
import dev.hotpath.engine.book.Order;
import dev.hotpath.engine.core.CoreConfig;
import dev.hotpath.engine.core.EngineCore;
import dev.hotpath.engine.risk.RiskEngine;
import dev.hotpath.engine.risk.RiskLimits;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * Writes an engine's whole state to bytes and reads it back: instruments (to check the config matches),
 * the last sequence and trade id, every open order in queue order, and every account's risk state (with the
 * limits set at run time by {@link dev.hotpath.engine.api.CommandType#SET_LIMITS}; the others come from the
 * config). The
 * encoding is deterministic (accounts sorted by id, orders in book order), so two engines in the same state
 * produce the same bytes: comparing snapshots is comparing states.
 *
 * <p>Stateless; call it on the thread that owns the engine.
 */
public final class SnapshotCodec
{
    /** "HPSNAP01". */
    static final long MAGIC = 0x48505348_4E415031L;
    /**
     * 2: each account carries whether its limits were set at run time and, if so, the limits (version 1 had no
     * limits: they could only come from the config). 3: the engine's time, and each order's expiry and stop price
     * (untriggered stops are listed after each instrument's book orders, buy stops then sell stops). 4: each order's
     * display quantity and hidden quantity (icebergs).
     */
    static final int VERSION = 4;

    private SnapshotCodec()
    {
    }

    /**
     * A deep copy of an engine state, through the codec (so the copy is exactly what a snapshot would restore).
     *
     * @param core   the state to copy; read on the calling thread.
     * @param config the config it was built with.
     * @return a new engine in the same state, owned by whoever takes it.
     */
    public static EngineCore copy(final EngineCore core, final CoreConfig config)
    {
        try
        {
            return decode(new DataInputStream(new java.io.ByteArrayInputStream(encode(core, -1))), config, "a copy")
                .core();
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    /**
     * @param core         the engine state.
     * @param journalIndex Chronicle index of the input record of {@code core.lastSequence()} (-1 if none).
     * @return the encoded state (without checksum; see {@link SnapshotStore}).
     */
    public static byte[] encode(final EngineCore core, final long journalIndex)
    {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream(1 << 16);
        try (DataOutputStream out = new DataOutputStream(bytes))
        {
            out.writeLong(MAGIC);
            out.writeInt(VERSION);
            out.writeLong(core.lastSequence());
            out.writeLong(journalIndex);
            out.writeLong(core.matching().lastTradeId());
            out.writeLong(core.matching().nowNs());
            final List<Instrument> instruments = core.instruments();
            out.writeInt(instruments.size());
            for (final Instrument instrument : instruments)
            {
                out.writeInt(instrument.id());
                out.writeUTF(instrument.symbol());
                out.writeLong(instrument.tickSize());
                out.writeLong(instrument.lotSize());
            }
            out.writeInt(core.matching().openOrderCount());
            core.matching().forEachOrder((orderId, accountId, instrumentId, side, typeCode, price, remaining, visible,
                filled) ->
            {
                try
                {
                    out.writeLong(orderId);
                    out.writeLong(accountId);
                    out.writeInt(instrumentId);
                    out.writeByte(side.code());
                    out.writeByte(typeCode);
                    out.writeLong(price);
                    out.writeLong(remaining);
                    out.writeLong(filled);
                    final Order order = core.matching().openOrder(orderId);
                    out.writeLong(order.expiresAtNs());
                    out.writeLong(order.stopPrice());
                    out.writeLong(order.displayQuantity());
                    out.writeLong(order.hiddenQuantity());
                }
                catch (final IOException ex)
                {
                    throw new UncheckedIOException(ex);
                }
            });
            final RiskEngine risk = core.risk();
            final int slots = risk.instrumentSlots();
            final int[] accountCount = {0};
            risk.forEachAccount(account -> accountCount[0]++);
            out.writeInt(slots);
            out.writeInt(accountCount[0]);
            risk.forEachAccount(account ->
            {
                try
                {
                    out.writeLong(account.accountId());
                    out.writeBoolean(account.limitsSetAtRunTime());
                    if (account.limitsSetAtRunTime())
                    {
                        final RiskLimits limits = account.limits();
                        out.writeLong(limits.maxOrderQuantity());
                        out.writeLong(limits.maxOrderNotional());
                        out.writeInt(limits.maxOpenOrders());
                        out.writeLong(limits.maxPosition());
                    }
                    out.writeBoolean(account.killSwitch());
                    out.writeInt(account.openOrders());
                    for (int i = 0; i < slots; i++)
                    {
                        out.writeLong(account.position(i));
                        out.writeLong(account.openBuyQuantity(i));
                        out.writeLong(account.openSellQuantity(i));
                    }
                }
                catch (final IOException ex)
                {
                    throw new UncheckedIOException(ex);
                }
            });
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
        return bytes.toByteArray();
    }

    /**
     * Rebuilds an engine from encoded state.
     *
     * @param in     the encoded state.
     * @param config the engine's config; its instruments must match the snapshot's.
     * @param source name for error messages.
     * @return the engine and the journal index the snapshot covers.
     * @throws IOException on a malformed snapshot or a config that does not match it.
     */
    public static Loaded decode(final DataInputStream in, final CoreConfig config, final String source)
        throws IOException
    {
        if (in.readLong() != MAGIC)
        {
            throw new IOException(source + ": not a hotpath snapshot");
        }
        final int version = in.readInt();
        if (version != VERSION)
        {
            throw new IOException(source + ": snapshot version " + version + ", this build reads " + VERSION +
                (version < VERSION ? " (an older build wrote it: move the snapshot files aside to recover by"
                    + " replaying the input journal)" : ""));
        }
        final EngineCore core = new EngineCore(config);
        final long sequence = in.readLong();
        final long journalIndex = in.readLong();
        core.matching().restoreLastTradeId(in.readLong());
        core.matching().restoreNowNs(in.readLong());
        final int instrumentCount = in.readInt();
        if (instrumentCount != config.instruments().size())
        {
            throw new IOException(source + ": snapshot has " + instrumentCount + " instruments, config has " +
                config.instruments().size());
        }
        for (int i = 0; i < instrumentCount; i++)
        {
            final int id = in.readInt();
            final String symbol = in.readUTF();
            final long tick = in.readLong();
            final long lot = in.readLong();
            final Instrument configured = core.matching().instrument(id);
            if (configured == null || !configured.symbol().equals(symbol) || configured.tickSize() != tick ||
                configured.lotSize() != lot)
            {
                throw new IOException(source + ": instrument " + id + " " + symbol + " differs from the config");
            }
        }
        final int orders = in.readInt();
        for (int i = 0; i < orders; i++)
        {
            final long orderId = in.readLong();
            final long accountId = in.readLong();
            final int instrumentId = in.readInt();
            final Side side = Side.fromCode(in.readByte());
            final byte type = in.readByte();
            core.matching().restoreOrder(orderId, accountId, instrumentId, side, type, in.readLong(), in.readLong(),
                in.readLong(), in.readLong(), in.readLong(), in.readLong(), in.readLong());
        }
        final int slots = in.readInt();
        final int accounts = in.readInt();
        final long[] position = new long[slots];
        final long[] openBuy = new long[slots];
        final long[] openSell = new long[slots];
        for (int i = 0; i < accounts; i++)
        {
            final long accountId = in.readLong();
            final RiskLimits limits = in.readBoolean() ? readLimits(in, source, accountId) : null;
            final boolean killSwitch = in.readBoolean();
            final int openOrders = in.readInt();
            for (int s = 0; s < slots; s++)
            {
                position[s] = in.readLong();
                openBuy[s] = in.readLong();
                openSell[s] = in.readLong();
            }
            core.risk().restoreAccount(accountId, limits, killSwitch, openOrders, position, openBuy, openSell);
        }
        core.restoreLastSequence(sequence);
        return new Loaded(core, journalIndex);
    }

    private static RiskLimits readLimits(final DataInputStream in, final String source, final long accountId)
        throws IOException
    {
        final long maxOrderQuantity = in.readLong();
        final long maxOrderNotional = in.readLong();
        final int maxOpenOrders = in.readInt();
        final long maxPosition = in.readLong();
        try
        {
            return new RiskLimits(maxOrderQuantity, maxOrderNotional, maxOpenOrders, maxPosition);
        }
        catch (final IllegalArgumentException ex)
        {
            throw new IOException(source + ": account " + accountId + " has invalid limits: " + ex.getMessage(), ex);
        }
    }

    /**
     * An engine loaded from a snapshot.
     *
     * @param core         the engine, at the snapshot's sequence.
     * @param journalIndex Chronicle index of the input record of that sequence (-1 if none).
     */
    public record Loaded(EngineCore core, long journalIndex)
    {
    }
}
