/**
 * The running engine: an LMAX Disruptor pipeline (journaler, matcher, publisher) around the
 * {@link dev.hotpath.engine.pipeline.EngineCore}, built from an {@link dev.hotpath.engine.pipeline.EngineConfig} and
 * run as an {@link dev.hotpath.engine.pipeline.Engine}; {@link dev.hotpath.engine.pipeline.Recovery} and
 * {@link dev.hotpath.engine.pipeline.Replay} rebuild the state from disk. Producers may publish from any thread; the
 * engine state belongs to the matching thread and an {@link dev.hotpath.engine.pipeline.EngineListener} is called on
 * the publisher thread (in {@link dev.hotpath.engine.pipeline.ThreadingMode#SHARED} one thread does all three stages).
 */
package dev.hotpath.engine.pipeline;
