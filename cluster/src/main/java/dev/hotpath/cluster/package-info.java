/**
 * The engine replicated on Aeron Cluster: {@link dev.hotpath.cluster.EngineService} runs the engine's risk and
 * matching as a clustered service (commands from the replicated log, answers as egress, an event journal per
 * node), {@link dev.hotpath.cluster.ClusterNode} assembles one node, {@link dev.hotpath.cluster.ClusterMain}
 * starts them, and {@link dev.hotpath.cluster.ClusterClient} sends commands and follows the leader.
 *
 * <p>Threads: the engine is touched only by each node's service container thread; Aeron's agents run on their own
 * threads; a client is owned by the thread that polls it.
 */
package dev.hotpath.cluster;
