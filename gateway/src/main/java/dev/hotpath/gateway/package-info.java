/**
 * The gateway's assembly: {@link dev.hotpath.gateway.GatewayServer} builds an engine and everything in front of it
 * through its constructor (route_guide style) and {@link dev.hotpath.gateway.GatewayServer#start()} only starts
 * it; {@link dev.hotpath.gateway.ServerMain} is {@code hotpath server}; {@link dev.hotpath.gateway.GatewayConfig}
 * is the YAML file, {@link dev.hotpath.gateway.ConfiguredLimits} puts its risk limits into the input journal,
 * {@link dev.hotpath.gateway.Transport} picks the network threads and {@link dev.hotpath.gateway.GatewayMetrics}
 * holds the meters.
 *
 * <p>The packages under this one, in the order a request meets them:
 * <ul>
 *   <li>{@link dev.hotpath.gateway.guard}: what every call passes through (bytes that are no message, exceptions
 *   no handler caught);</li>
 *   <li>{@link dev.hotpath.gateway.auth}: who may call (API keys, accounts, admins, rate limits);</li>
 *   <li>{@link dev.hotpath.gateway.in}: the way in, requests checked and published into the engine's ring;</li>
 *   <li>{@link dev.hotpath.gateway.out}: the way out, results from the engine back to the calls and streams;</li>
 *   <li>{@link dev.hotpath.gateway.state}: what the way out keeps, rebuilt from the event journal at start and
 *   snapshotted;</li>
 *   <li>{@link dev.hotpath.gateway.marketdata} and {@link dev.hotpath.gateway.admin}: the other two services;</li>
 *   <li>{@link dev.hotpath.gateway.mapping}: between the API and the engine (decimals, enums, symbols, refusals).</li>
 * </ul>
 *
 * <p>Threads: the controlling thread (main, or the shutdown hook) constructs, starts and stops the server; the
 * transport threads (Netty event loops, {@code hotpath-net-N}) run order entry, market data and health; the
 * responder runs on the first event loop too (on a thread of its own, {@code hotpath-responder}, behind an
 * in-process transport); admin and reflection calls run on virtual threads; the gateway snapshotter on
 * {@code hotpath-gateway-snapshotter}. Nothing of the gateway runs on the engine's matching thread.
 */
package dev.hotpath.gateway;
