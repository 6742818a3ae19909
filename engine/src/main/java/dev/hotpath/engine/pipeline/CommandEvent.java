package dev.hotpath.engine.pipeline;

import dev.hotpath.engine.api.Command;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * A slot of the input ring: a command, plus the space where the matcher writes its results for the publisher.
 * Slots are created once when the ring is built and reused for every command.
 *
 * <p>Ownership moves along the pipeline: the producer that claimed the slot fills the command; the journaler
 * and the matcher read it in parallel (the matcher writes only the result fields, the journaler writes nothing
 * here); the publisher reads everything once both are done.
 */
public final class CommandEvent extends Command
{
    /** Opaque number of the producer's choosing, handed back with the results (e.g. a gateway request id). */
    public long correlationId;
    /**
     * Where the slots keep their attachments: one array for the whole ring, this slot's at {@link #index}. The
     * slots live as long as the ring, in the old generation; a reference to a young object stored in a slot would
     * make every young collection scan that slot's card (512 bytes of heap each, for every slot written since the
     * last one: tens of MB, measured at 15 of a 20 ms pause at 100k orders/s). Stored in one compact array they
     * dirty 1,024 cards at most.
     */
    private final Object[] attachments;
    private final int index;
    /**
     * Bytes of events a slot holds in its own dense region: most commands' events take 60 to 130 bytes. The
     * matcher writes into a slot the ring last visited a whole ring ago, so its memory is never in cache; with
     * the slots' regions 256 bytes apart in one array those writes stream through memory (and the publisher's
     * reads after them), where separate 1 KB buffers per slot did not.
     */
    public static final int COMPACT_EVENT_BYTES = 256;

    /** This slot's dense region for its command's events (a slice of one array shared by the ring). */
    final UnsafeBuffer compactEvents;
    /**
     * A view of where this slot's command's events went because they outgrew {@link #compactEvents} (a big sweep):
     * a region of the {@link OverflowArena}, re-pointed (never reallocated) for each such command.
     */
    final UnsafeBuffer overflowEvents = new UnsafeBuffer(new byte[0]);
    /**
     * The arena position just past this slot's region, while its events are in the arena; {@code -1} when they got
     * an array of their own; {@code 0} when they are in {@link #compactEvents}. Set by the matcher, cleared by the
     * publisher.
     */
    long overflowEnd;

    /**
     * The matcher's output events for this command, in {@link dev.hotpath.engine.codec.EventLayout} form, from
     * index 0: the slot's compact region or, for a command with many events, its large buffer.
     */
    public MutableDirectBuffer events;

    /**
     * A slot whose compact region is {@code [offset, offset + COMPACT_EVENT_BYTES)} of a shared array.
     *
     * @param arena  the ring's array of compact regions.
     * @param offset where this slot's region starts.
     */
    public CommandEvent(final byte[] arena, final int offset)
    {
        this(arena, offset, new Object[1], 0);
    }

    /**
     * A slot of a ring whose attachments share one array.
     *
     * @param arena       the ring's array of compact regions.
     * @param offset      where this slot's region starts.
     * @param attachments the ring's attachments.
     * @param index       this slot's place in {@code attachments}.
     */
    public CommandEvent(final byte[] arena, final int offset, final Object[] attachments, final int index)
    {
        compactEvents = new UnsafeBuffer(arena, offset, COMPACT_EVENT_BYTES);
        events = compactEvents;
        this.attachments = attachments;
        this.index = index;
    }

    /**
     * @return the producer's own object for this command (the gateway's waiting call), handed back with the
     *         results and never journaled: the ring carries it from the producer to the {@link EngineListener}, so
     *         that no map of waiting commands is shared between their threads; {@code null} if none.
     */
    public Object attachment()
    {
        return attachments[index];
    }

    /**
     * @param attachment the producer's object for this command (set by the producer that claimed the slot).
     */
    public void attachment(final Object attachment)
    {
        attachments[index] = attachment;
    }

    /**
     * The listener takes the attachment in {@link EngineListener#onCommandResult}; after a failure
     * {@link Engine#drainAbandoned} hands over those of the commands the engine never finished.
     *
     * @return the attachment, which the slot no longer holds.
     */
    public Object takeAttachment()
    {
        final Object attachment = attachments[index];
        attachments[index] = null;
        return attachment;
    }

    /** Bytes of {@link #events} in use. */
    public int eventsLength;
}
