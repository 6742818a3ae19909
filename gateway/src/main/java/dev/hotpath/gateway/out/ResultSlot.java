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

    Kind kind = Kind.RESULT;
    long sequence;
    long timestampNs;
    byte type;
    long orderId;
    long accountId;
    /** The waiting call, or {@code null} for commands nobody waits for. */
    PendingCommand pending;
    /** The command's encoded events, from index 0. */
    final ExpandableArrayBuffer events = new ExpandableArrayBuffer(256);
    int eventsLength;
    /** Why the engine stopped ({@link Kind#ENGINE_STOPPED}). */
    Throwable cause;
}
