/**
 * The engine's public vocabulary, shared by every module: the input {@link dev.hotpath.engine.api.Command}, the
 * {@link dev.hotpath.engine.api.EventSink} that receives the output events, {@link dev.hotpath.engine.api.Instrument},
 * and small enums such as {@link dev.hotpath.engine.api.Side}, {@link dev.hotpath.engine.api.OrderType} and
 * {@link dev.hotpath.engine.api.RejectReason}. The records and enums are immutable and safe on any thread; a
 * {@code Command} belongs to whoever holds its ring slot, and an {@code EventSink} is called on the matching thread.
 */
package dev.hotpath.engine.api;
