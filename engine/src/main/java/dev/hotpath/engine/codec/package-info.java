/**
 * The binary form of the engine's output events: {@link dev.hotpath.engine.codec.EventEncoder} writes a command's
 * events into a buffer without allocating, {@link dev.hotpath.engine.codec.EventDecoder} turns them back into
 * {@link dev.hotpath.engine.api.EventSink} calls, and {@link dev.hotpath.engine.codec.EventLayout} and
 * {@link dev.hotpath.engine.codec.FrameLayout} give the byte offsets of the events and of the event journal's frame
 * header. An encoder is used by one thread at a time (the matching thread); the decoder and layouts by any thread.
 */
package dev.hotpath.engine.codec;
