package dev.hotpath.gateway.state;

import dev.hotpath.engine.api.CommandType;
import dev.hotpath.engine.codec.FrameLayout;
import dev.hotpath.engine.journal.EventJournalReader;
import dev.hotpath.gateway.out.Responder;
import org.agrona.DirectBuffer;

import java.nio.ByteOrder;

/**
 * Applies event-journal frames to a {@link GatewayState} through a {@link Responder} in replay mode (the state
 * only: no report for anybody), and remembers where it is: the last frame's sequence and journal index, and the
 * highest engine order id a new order has named (where the gateway's order ids must start above).
 *
 * <p>Owned by one thread: the starting thread, or the gateway snapshotter's. Public for the gateway's assembly
 * ({@code GatewayServer}), which builds one for the start and one for the snapshotter.
 */
public final class EventJournalReplay implements EventJournalReader.FrameHandler
{
    private final Responder responder;
    private long highestOrderId;
    private long lastSequence;
    private long lastIndex = -1;

    /**
     * @param responder a responder over the state to rebuild, not answering anybody.
     */
    public EventJournalReplay(final Responder responder)
    {
        this.responder = responder;
    }

    /**
     * Continues from a snapshot's position.
     *
     * @param point where the snapshot was taken.
     */
    public void resumeAt(final GatewaySnapshot.Position point)
    {
        highestOrderId = point.highestOrderId();
        lastSequence = point.sequence();
        lastIndex = point.eventIndex();
    }

    @Override
    public void onFrame(final DirectBuffer frame, final int length, final long index)
    {
        final byte type = frame.getByte(FrameLayout.COMMAND_TYPE_OFFSET);
        final long orderId = frame.getLong(FrameLayout.ORDER_ID_OFFSET, ByteOrder.LITTLE_ENDIAN);
        if (type == CommandType.PLACE.code())
        {
            // only new orders bring order ids (a set-limits frame's order id field is a limit)
            highestOrderId = Math.max(highestOrderId, orderId);
        }
        lastSequence = frame.getLong(FrameLayout.SEQUENCE_OFFSET, ByteOrder.LITTLE_ENDIAN);
        lastIndex = index;
        responder.replay(lastSequence, frame.getLong(FrameLayout.TIMESTAMP_OFFSET, ByteOrder.LITTLE_ENDIAN), type,
            orderId, frame.getLong(FrameLayout.ACCOUNT_ID_OFFSET, ByteOrder.LITTLE_ENDIAN),
            FrameLayout.clientOrderId(frame), frame, FrameLayout.HEADER_LENGTH, FrameLayout.eventsLength(frame));
    }

    /** @return where the state is now: the last frame applied, and the highest order id seen. */
    GatewaySnapshot.Position position()
    {
        return new GatewaySnapshot.Position(lastSequence, lastIndex, highestOrderId);
    }

    /** @return the sequence of the last frame applied (0: none). */
    long lastSequence()
    {
        return lastSequence;
    }
}
