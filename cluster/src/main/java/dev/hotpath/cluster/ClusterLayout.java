package dev.hotpath.cluster;

import java.nio.file.Path;

/**
 * Where the nodes of a cluster on one machine listen and keep their files: node {@code i} uses the ports
 * {@code basePort + 100 i + 1..5} on 127.0.0.1 (archive control, client ingress, consensus, log, catch-up
 * transfer, as in Aeron's samples) and the directory {@code <dir>/node-i}; its Aeron driver's files live in
 * {@code /dev/shm} (memory, not the disk) under a name that includes the base port, so two clusters on one
 * machine do not meet.
 *
 * <p>Immutable; any thread.
 *
 * @param nodes    how many nodes (1, 3 or 5 make sense: a majority must survive).
 * @param basePort the first port.
 * @param dir      the cluster's directory.
 */
public record ClusterLayout(int nodes, int basePort, Path dir)
{
    /** Ports a node reserves. */
    public static final int PORTS_PER_NODE = 100;
    static final int ARCHIVE_CONTROL_PORT_OFFSET = 1;
    static final int CLIENT_FACING_PORT_OFFSET = 2;
    static final int MEMBER_FACING_PORT_OFFSET = 3;
    static final int LOG_PORT_OFFSET = 4;
    static final int TRANSFER_PORT_OFFSET = 5;
    private static final String HOST = "127.0.0.1";

    /** Checks the values. */
    public ClusterLayout
    {
        if (nodes < 1 || nodes > 9)
        {
            throw new IllegalArgumentException("nodes must be 1 to 9, not " + nodes);
        }
        if (basePort < 1024 || basePort + nodes * PORTS_PER_NODE > 65535)
        {
            throw new IllegalArgumentException("base port " + basePort + " leaves no room for " + nodes + " nodes");
        }
    }

    /**
     * @param node   a node id.
     * @param offset which of its ports.
     * @return the port.
     */
    int port(final int node, final int offset)
    {
        return basePort + node * PORTS_PER_NODE + offset;
    }

    /** @return the members string Aeron's consensus module takes. */
    String clusterMembers()
    {
        final StringBuilder sb = new StringBuilder();
        for (int i = 0; i < nodes; i++)
        {
            sb.append(i)
                .append(',').append(HOST).append(':').append(port(i, CLIENT_FACING_PORT_OFFSET))
                .append(',').append(HOST).append(':').append(port(i, MEMBER_FACING_PORT_OFFSET))
                .append(',').append(HOST).append(':').append(port(i, LOG_PORT_OFFSET))
                .append(',').append(HOST).append(':').append(port(i, TRANSFER_PORT_OFFSET))
                .append(',').append(HOST).append(':').append(port(i, ARCHIVE_CONTROL_PORT_OFFSET))
                .append('|');
        }
        return sb.toString();
    }

    /** @return the ingress endpoints a client connects to ({@code 0=127.0.0.1:port,1=...}). */
    public String ingressEndpoints()
    {
        final StringBuilder sb = new StringBuilder();
        for (int i = 0; i < nodes; i++)
        {
            if (i > 0)
            {
                sb.append(',');
            }
            sb.append(i).append('=').append(HOST).append(':').append(port(i, CLIENT_FACING_PORT_OFFSET));
        }
        return sb.toString();
    }

    /**
     * @param node a node id.
     * @return its directory.
     */
    public Path nodeDir(final int node)
    {
        return dir.resolve("node-" + node);
    }

    /**
     * @param node a node id.
     * @return its event journal.
     */
    public Path eventJournal(final int node)
    {
        return nodeDir(node).resolve("events");
    }

    /**
     * @param node a node id.
     * @return its Aeron driver's directory.
     */
    String aeronDir(final int node)
    {
        return "/dev/shm/hotpath-cluster-" + basePort + "-node-" + node;
    }

    /** @return the host every node listens on. */
    static String host()
    {
        return HOST;
    }
}
