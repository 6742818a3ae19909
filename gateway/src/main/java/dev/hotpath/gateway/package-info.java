/**
 * The gRPC gateway in front of the engine: {@link dev.hotpath.gateway.GatewayServer} runs an engine with the
 * {@link dev.hotpath.gateway.OrderEntryService}, {@link dev.hotpath.gateway.MarketDataService} and admin RPCs.
 *
 * <p>The way in: {@link dev.hotpath.gateway.OrderGateway} checks each request and publishes it into the engine's
 * ring without waiting, on the transport thread that read it (a Netty event loop, {@link
 * dev.hotpath.gateway.Transport}), with the waiting call as the ring slot's attachment. An OrderStream message may
 * carry a batch of commands ({@link dev.hotpath.gateway.OrderSession}, {@link dev.hotpath.gateway.InboundCredit}).
 *
 * <p>The way out: the engine's publisher thread copies each result into the gateway's own ring ({@code
 * ResultHandOff}); the {@code Responder}, on the event loop, decodes it, answers the call, keeps the open orders,
 * the risk projection and the books, and feeds the streams, batching a batching stream's messages per engine
 * batch. {@link dev.hotpath.gateway.ApiMapping} is the one place engine enums become the API's.
 */
package dev.hotpath.gateway;
