package dev.hotpath.cluster;

import org.agrona.ErrorHandler;

import java.time.Instant;

/**
 * Where a node's Aeron agents report errors: one line each on standard error, with the time and the node, and at
 * most {@link #MAX_LINES_PER_SECOND} a second (a failing peer can raise the same error thousands of times; the
 * count of those left out follows). Aeron also keeps every error in its own error log, which {@code AeronStat} and
 * {@code ClusterTool errors} read.
 *
 * <p>Called on any of the node's agent threads.
 */
final class NodeErrors implements ErrorHandler
{
    static final int MAX_LINES_PER_SECOND = 10;

    private final int nodeId;
    private long windowStartMs;
    private int lines;
    private long suppressed;

    NodeErrors(final int nodeId)
    {
        this.nodeId = nodeId;
    }

    @Override
    public synchronized void onError(final Throwable error)
    {
        final long nowMs = System.currentTimeMillis();
        if (nowMs - windowStartMs >= 1000)
        {
            if (suppressed > 0)
            {
                System.err.println(Instant.ofEpochMilli(nowMs) + " node " + nodeId + ": " + suppressed +
                    " more errors left out");
            }
            windowStartMs = nowMs;
            lines = 0;
            suppressed = 0;
        }
        if (lines++ < MAX_LINES_PER_SECOND)
        {
            System.err.println(Instant.ofEpochMilli(nowMs) + " node " + nodeId + ": " + error);
        }
        else
        {
            suppressed++;
        }
    }
}
