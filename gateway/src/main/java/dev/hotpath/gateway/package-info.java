/**
 * The gRPC gateway in front of the engine: {@link dev.hotpath.gateway.GatewayServer} runs an engine with the
 * {@link dev.hotpath.gateway.OrderEntryService} and {@link dev.hotpath.gateway.MarketDataService} RPCs;
 * {@link dev.hotpath.gateway.OrderGateway} checks requests and publishes them into the engine, and
 * {@link dev.hotpath.gateway.ResultDispatcher} turns the engine's results into answers and stream messages.
 * The services run on gRPC's call threads (virtual threads); results arrive on the engine's publisher thread and
 * are handled on the gateway's own dispatcher thread ({@code hotpath-dispatcher}).
 */
package dev.hotpath.gateway;
