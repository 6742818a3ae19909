/**
 * The reporting gRPC API: {@link dev.hotpath.reporting.grpc.ReportingGrpcServer} serves the
 * {@link dev.hotpath.reporting.grpc.ReportingGrpcService} RPCs behind the API-key interceptor the gateway uses too
 * ({@link dev.hotpath.engine.auth.ApiKeyInterceptor}), and {@link dev.hotpath.reporting.grpc.StreamHub} pushes
 * committed changes to streaming clients. RPCs run on gRPC's call threads (virtual threads); the hub is told of
 * commits on the ingest writer thread and sends on its own flusher thread, so a slow client never holds up ingest.
 */
package dev.hotpath.reporting.grpc;
