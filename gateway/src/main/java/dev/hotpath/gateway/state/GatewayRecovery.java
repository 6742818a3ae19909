package dev.hotpath.gateway.state;

import dev.hotpath.engine.codec.FrameLayout;
import dev.hotpath.engine.journal.EventJournalReader;
import dev.hotpath.engine.journal.JournalCorruptedException;
import dev.hotpath.engine.snapshot.SnapshotCorruptedException;
import dev.hotpath.engine.snapshot.SnapshotStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Rebuilds the gateway's state at start: loads the newest usable gateway snapshot taken at or before the
 * engine's recovered sequence, then replays the event journal after it (the whole journal when there is no usable
 * snapshot), and checks that the journal ends where the engine recovered to.
 *
 * <p>A snapshot is passed over, with a warning, when it is damaged (it is then renamed {@code .damaged}), of
 * another format version, built for other instruments or accounts, or when the journal no longer continues right
 * after it (the event journal was moved aside and written again); the result is then the same as a full replay,
 * only slower. Starting thread only: public for the gateway's assembly ({@code GatewayServer}), which recovers
 * with it once per start.
 */
public final class GatewayRecovery
{
    private static final Logger LOG = LoggerFactory.getLogger(GatewayRecovery.class);

    private final Path eventJournal;
    private final SnapshotStore store;
    private final int fingerprint;

    /**
     * @param eventJournal the event journal directory.
     * @param store        the gateway's snapshots.
     * @param fingerprint  of the config now (see {@link GatewaySnapshot#fingerprint}).
     */
    public GatewayRecovery(final Path eventJournal, final SnapshotStore store, final int fingerprint)
    {
        this.eventJournal = eventJournal;
        this.store = store;
        this.fingerprint = fingerprint;
    }

    /**
     * What a start did.
     *
     * @param snapshot the position of the snapshot it started from ({@link GatewaySnapshot.Position#START}: none).
     * @param end      where the state stands after the replay.
     * @param replayed frames replayed after the snapshot.
     */
    public record Outcome(GatewaySnapshot.Position snapshot, GatewaySnapshot.Position end, long replayed)
    {
        /** @return one line for the start-up log: the snapshot started from, and how much was replayed after it. */
        public String describe()
        {
            return (snapshot.sequence() > 0 ? "from its snapshot at sequence " + snapshot.sequence() :
                "with no snapshot") + ", then " + replayed + " commands of the event journal, to sequence " +
                end.sequence();
        }
    }

    /**
     * @param state             an empty state (see {@link GatewayState#empty}), rebuilt here.
     * @param replay            applies frames to {@code state}.
     * @param recoveredSequence the engine's last sequence (nothing is published before serving).
     * @return what was done.
     * @throws JournalCorruptedException when the journal is damaged or ends before the engine's sequence.
     */
    public Outcome recover(final GatewayState state, final EventJournalReplay replay, final long recoveredSequence)
    {
        final GatewaySnapshot.Position from = loadSnapshot(state, recoveredSequence);
        replay.resumeAt(from);
        long replayed = 0;
        try (EventJournalReader reader = new EventJournalReader(eventJournal))
        {
            if (from.sequence() > 0)
            {
                reader.seekAfter(from.eventIndex(), from.sequence());
            }
            int n;
            while ((n = reader.poll(replay, 4096)) > 0)
            {
                replayed += n;
            }
            if (replay.lastSequence() != recoveredSequence)
            {
                throw new JournalCorruptedException("event journal " + eventJournal, null, reader.lastIndex(),
                    "it ends at sequence " + replay.lastSequence() + ", but the engine recovered to sequence " +
                    recoveredSequence + " (a damaged or truncated file): move the event journal directory aside " +
                    "and restart, and the engine writes it again from the input journal", null);
            }
        }
        return new Outcome(from, replay.position(), replayed);
    }

    /** Loads the newest usable snapshot into the state; START (state untouched) when there is none. */
    private GatewaySnapshot.Position loadSnapshot(final GatewayState state, final long recoveredSequence)
    {
        long before = recoveredSequence;
        while (true)
        {
            final Optional<Path> file = store.latestAtOrBefore(before);
            if (file.isEmpty())
            {
                return GatewaySnapshot.Position.START;
            }
            before = store.sequenceOf(file.get()) - 1;
            final byte[] bytes;
            try
            {
                bytes = SnapshotStore.readChecked(file.get());
            }
            catch (final SnapshotCorruptedException ex)
            {
                LOG.warn("gateway snapshot {} is damaged ({}); moved aside to {}, trying an older one",
                    file.get(), ex.getMessage(), store.setAside(file.get()));
                continue;
            }
            final GatewaySnapshot.Position position;
            try
            {
                position = GatewaySnapshot.position(bytes, file.get().toString());
                if (!continuesAfter(position, recoveredSequence))
                {
                    LOG.warn("gateway snapshot {} not used: the event journal does not continue right after its " +
                        "sequence {} (written again since?); trying an older one", file.get(), position.sequence());
                    continue;
                }
                // checks all of it before changing the state: a refused snapshot leaves it empty
                GatewaySnapshot.load(bytes, file.get().toString(), fingerprint, state);
            }
            catch (final SnapshotCorruptedException ex)
            {
                LOG.warn("gateway snapshot not used: {}; trying an older one", ex.getMessage());
                continue;
            }
            return position;
        }
    }
    /** True when the journal holds the snapshot's block and the frame after it is the next sequence. */
    private boolean continuesAfter(final GatewaySnapshot.Position position, final long recoveredSequence)
    {
        try (EventJournalReader reader = new EventJournalReader(eventJournal))
        {
            reader.seekAfter(position.eventIndex(), position.sequence());
            final long[] next = {0};
            reader.poll((frame, length, index) ->
                next[0] = frame.getLong(FrameLayout.SEQUENCE_OFFSET, ByteOrder.LITTLE_ENDIAN), 1);
            return position.sequence() == recoveredSequence ? next[0] == 0 : next[0] == position.sequence() + 1;
        }
        catch (final JournalCorruptedException ex)
        {
            return false;
        }
    }
}
