package dev.hotpath.gateway.out;

import dev.hotpath.gateway.in.PendingCommand;
import org.agrona.ExpandableArrayBuffer;

/**
 * A slot of the gateway's result ring: one command's results, copied off the engine's ring slot, with the waiting
 * call that sent it. Slots are created once when the ring is built and reused.
 *
 * <p>Filled on the engine's publisher thread by {@link ResultHandOff}, read on the responder thread by
 * {@link Responder}; the ring's sequences order the two.
 */
final class ResultSlot
{
    /** What a slot carries. */
    enum Kind
    {
        /** One command's results. */
        RESULT,
        /** The engine stopped after a failure: no more results will come. */
        ENGINE_STOPPED
    }

    /**
     * What the slot carries. Written only when it changes: the slots live in the old generation, and every store of
     * a reference into one (even of an enum constant) dirties its card for the next young collection to scan.
     */
    Kind kind = Kind.RESULT;
    long sequence;
    long timestampNs;
    byte type;
    long orderId;
    long accountId;
    /**
     * The ring's waiting calls, this slot's at {@link #index}: kept in one compact array instead of a field of each
     * slot, so that storing a young call dirties few cards (see {@code CommandEvent#attachment()}).
     */
    private final PendingCommand[] pendings;
    private final int index;
    /** The command's encoded events, from index 0. */
    final ExpandableArrayBuffer events = new ExpandableArrayBuffer(256);
    int eventsLength;
    /**
     * @param pendings the ring's waiting calls.
     * @param index    this slot's place in them.
     */
    ResultSlot(final PendingCommand[] pendings, final int index)
    {
        this.pendings = pendings;
        this.index = index;
    }

    /** @param kind what the slot carries now. */
    void kind(final Kind kind)
    {
        if (this.kind != kind)
        {
            this.kind = kind;
        }
    }

    /** @return the waiting call, or {@code null} for commands nobody waits for. */
    PendingCommand pending()
    {
        return pendings[index];
    }

    /** @param pending the waiting call, or {@code null}. */
    void pending(final PendingCommand pending)
    {
        pendings[index] = pending;
    }

    /** Why the engine stopped ({@link Kind#ENGINE_STOPPED}). */
    Throwable cause;
}
