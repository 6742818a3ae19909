/**
 * Between the API and the engine: {@link dev.hotpath.gateway.mapping.DecimalUnits} turns exact decimal strings
 * into the engine's integer units and back, {@link dev.hotpath.gateway.mapping.ApiMapping} is the one place the
 * engine's enums become the API's, {@link dev.hotpath.gateway.mapping.Instruments} finds an instrument by symbol
 * or id, and {@link dev.hotpath.gateway.mapping.Errors} answers the gateway's own refusals
 * ({@link dev.hotpath.gateway.mapping.InvalidArgumentException}, {@link dev.hotpath.gateway.mapping.GatewayRefusal})
 * with a gRPC status or an OrderStream error.
 *
 * <p>Threads: stateless or immutable; any thread.
 */
package dev.hotpath.gateway.mapping;
