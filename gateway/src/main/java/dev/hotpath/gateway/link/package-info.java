/**
 * What the gateway sends its commands to, behind one interface ({@link dev.hotpath.gateway.link.EngineLink}): the
 * engine in this process ({@link dev.hotpath.gateway.link.LocalEngineLink}, the default) or a replicated engine on
 * Aeron Cluster ({@link dev.hotpath.gateway.link.ClusterEngineLink}, {@code engine: cluster} in the config). Commands
 * go in from the transport threads without blocking; results come back to the gateway's result hand-off, from the
 * engine's publisher thread or from the cluster link's own thread.
 */
package dev.hotpath.gateway.link;
