/**
 * The engine's state and its one entry point: {@link dev.hotpath.engine.core.EngineCore} (risk plus matching,
 * applied to one command at a time), built from a {@link dev.hotpath.engine.core.CoreConfig}. It knows nothing of
 * threads, journals or snapshots: the {@code pipeline} runs it on the matching thread, the {@code snapshot} package
 * writes it to disk and reads it back, and the {@code cluster} module runs the same one on every node. It is owned by
 * one thread at a time.
 */
package dev.hotpath.engine.core;
