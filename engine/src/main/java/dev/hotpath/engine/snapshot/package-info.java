/**
 * Snapshots of the whole engine state, so that recovery need not replay the input journal from the start:
 * {@link dev.hotpath.engine.snapshot.SnapshotCodec} turns an {@link dev.hotpath.engine.core.EngineCore} into bytes and
 * back, {@link dev.hotpath.engine.snapshot.SnapshotStore} keeps the snapshot files safely on disk (the gateway keeps
 * its own projections' snapshots in one too), and {@link dev.hotpath.engine.snapshot.Snapshotter} takes the periodic
 * ones. The snapshotter runs on a thread of its own with its own copy of the state, built from the input journal, so
 * the matching thread never waits for it. This package depends on {@code core} and {@code journal}, not on the
 * {@code pipeline} that runs it (whose {@code Recovery} loads the snapshots); it needs only a
 * {@link dev.hotpath.engine.core.CoreConfig} to rebuild a state.
 */
package dev.hotpath.engine.snapshot;
