package dev.hotpath.gateway.state;

import dev.hotpath.engine.api.Instrument;
import dev.hotpath.engine.api.Side;
import dev.hotpath.engine.risk.RiskLimits;
import dev.hotpath.engine.snapshot.SnapshotCorruptedException;
import dev.hotpath.gateway.GatewayConfig;
import dev.hotpath.gateway.auth.AccountState;
import dev.hotpath.gateway.in.ClientOrder;
import dev.hotpath.gateway.marketdata.BookView;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.zip.CRC32C;

/**
 * The gateway's snapshot format: a {@link GatewayState} at one event-journal position, so that a start reads the
 * snapshot and replays only the journal after it instead of the whole history.
 *
 * <p>Layout (big-endian, {@code DataOutput}): magic {@code HPGW}, version; the position (sequence of the last
 * frame applied, the Chronicle index of its block, the highest order id seen); the config fingerprint (the
 * instruments and accounts the state was built for); the open orders in ascending id (order id, account id,
 * instrument id, client order id or none); per instrument slot its book (level-change count, then bids best first
 * and asks best first as price, quantity, order count); per account in ascending id its risk state (kill switch,
 * open orders, limits, position per instrument slot). The encoding is canonical: equal states give equal bytes,
 * which is how the tests compare a start from a snapshot with a replay of the whole journal.
 *
 * <p>Stateless; any thread (encode while the state's writer is not changing it).
 */
public final class GatewaySnapshot
{
    /** {@code HPGW}. */
    static final int MAGIC = 0x48504757;
    /** Bumped whenever the layout changes; an older file is not used (the journal is replayed instead). */
    static final int VERSION = 1;

    private GatewaySnapshot()
    {
    }

    /**
     * Where a state stands in the event journal.
     *
     * @param sequence       the last frame applied (0: none).
     * @param eventIndex     the Chronicle index of that frame's block (-1: none).
     * @param highestOrderId the highest engine order id a new order named so far.
     */
    public record Position(long sequence, long eventIndex, long highestOrderId)
    {
        /** Before the first frame. */
        public static final Position START = new Position(0, -1, 0);
    }

    /**
     * @param config the gateway's config.
     * @return a checksum of what a state depends on besides the journal: the instruments (ids, symbols, grids) and
     *         the accounts (ids and starting limits). A snapshot built under another config is not used.
     */
    public static int fingerprint(final GatewayConfig config)
    {
        final StringBuilder b = new StringBuilder();
        for (final Instrument i : config.engineInstruments())
        {
            b.append(i).append('\n');
        }
        for (final GatewayConfig.Account a : config.accounts())
        {
            b.append(a.id()).append(' ').append(config.limitsOf(a)).append('\n');
        }
        final CRC32C crc = new CRC32C();
        crc.update(b.toString().getBytes(StandardCharsets.UTF_8));
        return (int)crc.getValue();
    }

    /**
     * @param state       the state (not being changed meanwhile).
     * @param position    where it stands.
     * @param fingerprint {@link #fingerprint} of the config it was built under.
     * @return the snapshot's bytes.
     */
    public static byte[] encode(final GatewayState state, final Position position, final int fingerprint)
    {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream(4096 + state.orders().size() * 48);
        try (DataOutputStream out = new DataOutputStream(bytes))
        {
            out.writeInt(MAGIC);
            out.writeInt(VERSION);
            out.writeLong(position.sequence());
            out.writeLong(position.eventIndex());
            out.writeLong(position.highestOrderId());
            out.writeInt(fingerprint);

            final long[] ids = state.orders().keySet().stream().mapToLong(Long::longValue).sorted().toArray();
            out.writeInt(ids.length);
            for (final long id : ids)
            {
                final OrderRecord order = state.orders().get(id);
                out.writeLong(id);
                out.writeLong(order.accountId());
                out.writeInt(order.instrumentId());
                out.writeBoolean(order.clientOrderId() != null);
                if (order.clientOrderId() != null)
                {
                    out.writeUTF(order.clientOrderId());
                }
            }

            out.writeInt(state.books().length);
            for (final BookView book : state.books())
            {
                out.writeBoolean(book != null);
                if (book != null)
                {
                    out.writeLong(book.changeCount());
                    writeLevels(out, book.levels(Side.BUY));
                    writeLevels(out, book.levels(Side.SELL));
                }
            }

            final List<AccountRiskView.Snapshot> accounts = state.risk().snapshots();
            out.writeInt(accounts.size());
            for (final AccountRiskView.Snapshot a : accounts)
            {
                out.writeLong(a.accountId());
                out.writeBoolean(a.killSwitch());
                out.writeInt(a.openOrders());
                out.writeLong(a.limits().maxOrderQuantity());
                out.writeLong(a.limits().maxOrderNotional());
                out.writeInt(a.limits().maxOpenOrders());
                out.writeLong(a.limits().maxPosition());
                out.writeInt(a.positions().length);
                for (final long p : a.positions())
                {
                    out.writeLong(p);
                }
            }
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex); // a byte array does not fail
        }
        return bytes.toByteArray();
    }

    private static void writeLevels(final DataOutputStream out, final long[] levels) throws IOException
    {
        out.writeInt(levels.length / 3);
        for (final long v : levels)
        {
            out.writeLong(v);
        }
    }

    /**
     * @param bytes the snapshot's bytes (checksum checked already).
     * @param name  the file, for messages.
     * @return the position its header gives.
     * @throws SnapshotCorruptedException when the bytes are not a snapshot of this version.
     */
    public static Position position(final byte[] bytes, final String name)
    {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes)))
        {
            return readHeader(in, name);
        }
        catch (final IOException ex)
        {
            throw new SnapshotCorruptedException(name + ": cannot be read (" + ex + ")");
        }
    }

    private static Position readHeader(final DataInputStream in, final String name) throws IOException
    {
        if (in.readInt() != MAGIC)
        {
            throw new SnapshotCorruptedException(name + ": not a gateway snapshot");
        }
        final int version = in.readInt();
        if (version != VERSION)
        {
            throw new SnapshotCorruptedException(name + ": format version " + version + ", this gateway reads " +
                VERSION);
        }
        return new Position(in.readLong(), in.readLong(), in.readLong());
    }

    /**
     * Reads a snapshot and loads it into an empty state, after checking all of it: nothing is changed when the
     * bytes are damaged or were written for another config.
     *
     * @param bytes       the snapshot's bytes (checksum checked already).
     * @param name        the file, for messages.
     * @param fingerprint {@link #fingerprint} of the config now.
     * @param target      an empty state (see {@link GatewayState#empty}) of that config.
     * @return the snapshot's position.
     * @throws SnapshotCorruptedException when the bytes are not a snapshot of this version, or it was built for
     *                                    other instruments or accounts (the message says which).
     */
    public static Position load(final byte[] bytes, final String name, final int fingerprint,
        final GatewayState target)
    {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes)))
        {
            final Position position = readHeader(in, name);
            if (in.readInt() != fingerprint)
            {
                throw new SnapshotCorruptedException(name + ": built for other instruments or accounts than the " +
                    "config's now");
            }
            final int orderCount = count(in, name);
            final long[] orderIds = new long[orderCount];
            final OrderRecord[] orders = new OrderRecord[orderCount];
            for (int i = 0; i < orderCount; i++)
            {
                orderIds[i] = in.readLong();
                final long accountId = in.readLong();
                final int instrumentId = in.readInt();
                orders[i] = new OrderRecord(accountId, in.readBoolean() ? in.readUTF() : null, instrumentId, null);
            }
            final int slots = in.readInt();
            if (slots != target.books().length)
            {
                throw new SnapshotCorruptedException(name + ": " + slots + " instrument slots, the config has " +
                    target.books().length);
            }
            final long[] changeCounts = new long[slots];
            final long[][] bids = new long[slots][];
            final long[][] asks = new long[slots][];
            for (int i = 0; i < slots; i++)
            {
                if (in.readBoolean() != (target.books()[i] != null))
                {
                    throw new SnapshotCorruptedException(name + ": instrument " + i + " differs from the config");
                }
                if (target.books()[i] != null)
                {
                    changeCounts[i] = in.readLong();
                    bids[i] = readLevels(in, name);
                    asks[i] = readLevels(in, name);
                }
            }
            final int accountCount = count(in, name);
            final AccountRiskView.Snapshot[] accounts = new AccountRiskView.Snapshot[accountCount];
            for (int i = 0; i < accountCount; i++)
            {
                final long accountId = in.readLong();
                final boolean killSwitch = in.readBoolean();
                final int openOrders = in.readInt();
                final RiskLimits limits = new RiskLimits(in.readLong(), in.readLong(), in.readInt(), in.readLong());
                final long[] positions = new long[count(in, name)];
                for (int p = 0; p < positions.length; p++)
                {
                    positions[p] = in.readLong();
                }
                if (target.risk().find(accountId) == null || positions.length != slots)
                {
                    throw new SnapshotCorruptedException(name + ": account " + accountId + " differs from the config");
                }
                accounts[i] = new AccountRiskView.Snapshot(accountId, null, killSwitch, openOrders, limits, positions);
            }
            if (in.available() != 0)
            {
                throw new SnapshotCorruptedException(name + ": " + in.available() + " bytes after the end");
            }

            // all of it read and checked: now load it
            for (int i = 0; i < orderCount; i++)
            {
                final OrderRecord order = orders[i];
                target.orders().put(orderIds[i], order);
                final AccountState account = target.accounts().byId(order.accountId());
                if (order.clientOrderId() != null && account != null)
                {
                    account.clientOrderIds().put(order.clientOrderId(), new ClientOrder(orderIds[i],
                        order.instrumentId()));
                }
            }
            for (int i = 0; i < slots; i++)
            {
                if (target.books()[i] != null)
                {
                    target.books()[i].restore(changeCounts[i], bids[i], asks[i]);
                }
            }
            for (final AccountRiskView.Snapshot a : accounts)
            {
                target.risk().find(a.accountId()).restore(a);
            }
            return position;
        }
        catch (final IOException | RuntimeException ex)
        {
            if (ex instanceof SnapshotCorruptedException corrupted)
            {
                throw corrupted;
            }
            throw new SnapshotCorruptedException(name + ": cannot be read (" + ex + ")");
        }
    }

    private static int count(final DataInputStream in, final String name) throws IOException
    {
        final int n = in.readInt();
        if (n < 0 || n > in.available())
        {
            throw new SnapshotCorruptedException(name + ": a count of " + n + " does not fit the file");
        }
        return n;
    }

    private static long[] readLevels(final DataInputStream in, final String name) throws IOException
    {
        final long[] levels = new long[count(in, name) * 3];
        for (int i = 0; i < levels.length; i++)
        {
            levels[i] = in.readLong();
        }
        return levels;
    }

    /**
     * @param a one state.
     * @param b another.
     * @return true when both encode to the same bytes (for tests and checks).
     */
    public static boolean sameState(final GatewayState a, final GatewayState b)
    {
        return Arrays.equals(encode(a, Position.START, 0), encode(b, Position.START, 0));
    }
}
