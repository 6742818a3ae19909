package dev.hotpath.gateway.link;

import dev.hotpath.engine.pipeline.CommandEvent;
import dev.hotpath.gateway.in.PendingCommand;
import org.agrona.DirectBuffer;

/**
 * What an {@link EngineLink} tells the gateway: each command's results, that the engine stopped, and whether it can
 * take commands now.
 *
 * <p>Called on the link's threads: the engine's publisher (local) or the cluster link's thread; the stop also on a
 * failing stage's.
 */
public interface LinkListener
{
    /**
     * A command's results, in the local engine's ring slot (the slot's attachment is the waiting call).
     *
     * @param event the slot.
     */
    void onResult(CommandEvent event);

    /**
     * A command's results as a frame (the event journal's layout), from a cluster.
     *
     * @param frame   holds it.
     * @param offset  where it starts.
     * @param pending the waiting call, or {@code null} for a command nobody here waits for.
     */
    void onFrame(DirectBuffer frame, int offset, PendingCommand pending);

    /**
     * A command that will get no results: answer its call UNAVAILABLE (it was never acknowledged).
     *
     * @param pending the waiting call.
     * @param reason  why, for the caller.
     */
    void onLost(PendingCommand pending, String reason);

    /**
     * No more results will come.
     *
     * @param cause why.
     */
    void onStopped(Throwable cause);

    /**
     * Whether new commands can go in (a full disk, a failover).
     *
     * @param available true when they can.
     * @param detail    why not, or what changed.
     */
    void onAvailability(boolean available, String detail);
}
