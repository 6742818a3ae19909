/**
 * Snapshots of the whole engine state, so that recovery need not replay the input journal from the start:
 * {@link dev.hotpath.engine.snapshot.SnapshotCodec} turns the state into bytes and back,
 * {@link dev.hotpath.engine.snapshot.SnapshotStore} keeps the snapshot files safely on disk, and
 * {@link dev.hotpath.engine.snapshot.Snapshotter} takes the periodic ones. The snapshotter runs on a thread of its own
 * with its own copy of the state, built from the input journal, so the matching thread never waits for it.
 */
package dev.hotpath.engine.snapshot;
