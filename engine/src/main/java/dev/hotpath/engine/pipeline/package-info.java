/**
 * The running engine: an LMAX Disruptor pipeline (journaler, matcher, publisher) around the
 * {@link dev.hotpath.engine.core.EngineCore}, built from an {@link dev.hotpath.engine.pipeline.EngineConfig} and
 * run as an {@link dev.hotpath.engine.pipeline.Engine}; {@link dev.hotpath.engine.pipeline.Recovery} (the latest
 * snapshot of the {@code snapshot} package, then the input journal) and {@link dev.hotpath.engine.pipeline.Replay}
 * rebuild the state from disk. This package depends on {@code core}, {@code journal} and {@code snapshot}; none of them
 * depends on it. Producers may publish from any thread; the engine state belongs to the matching thread and an
 * {@link dev.hotpath.engine.pipeline.EngineListener} is called on the publisher thread (in
 * {@link dev.hotpath.engine.pipeline.ThreadingMode#SHARED} one thread does all three stages).
 */
package dev.hotpath.engine.pipeline;
