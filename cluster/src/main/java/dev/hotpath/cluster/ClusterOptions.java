package dev.hotpath.cluster;

import picocli.CommandLine.Option;

import java.nio.file.Path;

/**
 * The options that say which cluster: shared by {@code hotpath cluster} (which starts every node) and
 * {@code hotpath cluster node} (which runs one), as a picocli mixin, so that both read them the same way.
 *
 * <p>Filled by picocli on the main thread.
 */
final class ClusterOptions
{
    @Option(names = "--nodes", defaultValue = "3", description = "Nodes (default: ${DEFAULT-VALUE}).")
    int nodes;

    @Option(names = "--dir", defaultValue = "data/cluster",
        description = "The cluster's directory: node-N/ for each node (default: ${DEFAULT-VALUE}).")
    Path dir;

    @Option(names = "--base-port", defaultValue = "20000",
        description = "Node N listens on BASE + 100 N + 1..5 (default: ${DEFAULT-VALUE}).")
    int basePort;

    @Option(names = "--snapshot-every", defaultValue = "60",
        description = "Seconds between snapshots the leader asks for (0: only on request; default: ${DEFAULT-VALUE}).")
    long snapshotEverySeconds;

    /** @return the cluster these options name. */
    ClusterLayout layout()
    {
        return new ClusterLayout(nodes, basePort, dir);
    }
}
