/**
 * What the gateway rebuilds from the event journal and snapshots: a {@link dev.hotpath.gateway.state.GatewayState}
 * holds the open orders ({@link dev.hotpath.gateway.state.OrderRecord}), the accounts' client order ids, the
 * market-data books and the accounts' risk ({@link dev.hotpath.gateway.state.RiskProjection},
 * {@link dev.hotpath.gateway.state.AccountRiskView}). At start {@link dev.hotpath.gateway.state.GatewayRecovery}
 * loads the newest usable {@link dev.hotpath.gateway.state.GatewaySnapshot} and replays only the journal after it
 * ({@link dev.hotpath.gateway.state.EventJournalReplay}, through the responder's own rules in replay mode); while
 * the gateway runs, the {@link dev.hotpath.gateway.state.GatewaySnapshotter} keeps a copy of its own from the
 * journal and writes it every {@code snapshotInterval} commands and at a clean stop.
 *
 * <p>Threads: the starting thread rebuilds the live state before anything is served; from then on the responder
 * ({@link dev.hotpath.gateway.out.Responder}) is its one writer, and the transport and gRPC threads read it (the
 * open orders are a concurrent map, an account's risk view and a book are synchronized). The snapshotter's copy
 * belongs to its agent's thread ({@code hotpath-gateway-snapshotter}), and to the stopping thread once that has
 * ended; it shares nothing with the live state.
 */
package dev.hotpath.gateway.state;
