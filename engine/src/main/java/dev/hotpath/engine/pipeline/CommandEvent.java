package dev.hotpath.engine.pipeline;

import dev.hotpath.engine.api.Command;
import org.agrona.ExpandableArrayBuffer;

/**
 * A slot of the input ring: a command, plus the space where the matcher writes its results for the publisher.
 * Slots are created once when the ring is built and reused for every command.
 *
 * <p>Ownership moves along the pipeline: the producer that claimed the slot fills the command; the journaler
 * and the matcher read it in parallel (the matcher writes only the result fields); the publisher reads
 * everything once both are done.
 */
public final class CommandEvent extends Command
{
    /** Opaque number of the producer's choosing, handed back with the results (e.g. a gateway request id). */
    public long correlationId;
    /** The matcher's output events for this command, in {@link dev.hotpath.engine.codec.EventLayout} form. */
    public final ExpandableArrayBuffer events = new ExpandableArrayBuffer(1024);
    /** Bytes of {@link #events} in use. */
    public int eventsLength;
    /** Chronicle index of the command's input journal record, set by the journaler. */
    public long journalIndex;
}
