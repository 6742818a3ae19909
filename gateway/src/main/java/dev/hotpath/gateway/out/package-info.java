/**
 * The way out: the engine's publisher thread copies each command's results into the gateway's own ring
 * ({@link dev.hotpath.gateway.out.ResultHandOff}, preallocated {@link dev.hotpath.gateway.out.ResultSlot}s: no
 * allocation, no lock, no wait), and the {@link dev.hotpath.gateway.out.Responder} takes them from there: it
 * decodes the events, answers the waiting call, keeps the gateway's state ({@link dev.hotpath.gateway.state}:
 * open orders, books, risk) and feeds the streams, batching a batching OrderStream's messages per engine batch.
 * Every server stream goes out through an {@link dev.hotpath.gateway.out.Outbound}, a bounded queue that drops a
 * subscriber too slow to keep up.
 *
 * <p>Threads: {@code ResultHandOff.publish} runs on the engine's publisher thread (and {@code publishStopped} on
 * a failing stage's); the responder runs on the first Netty event loop, as a drain task the publisher hands it
 * at most once per batch, or on its own thread ({@code hotpath-responder}) behind an in-process transport. It is
 * the one writer of the live state. The controlling thread starts and stops the hand-off. An {@code Outbound} is
 * thread-safe (one lock per stream): the responder offers to it, gRPC's threads drain and cancel it.
 */
package dev.hotpath.gateway.out;
