/**
 * The open-loop load generator ({@code hotpath loadgen}, {@link dev.hotpath.loadgen.LoadgenMain}): a
 * {@link dev.hotpath.loadgen.Sweep} sends a {@link dev.hotpath.loadgen.CommandFlow} at one fixed rate per step,
 * through an {@link dev.hotpath.loadgen.EngineDriver} (in-process engine) or a {@link dev.hotpath.loadgen.GrpcDriver}
 * (running gateway), times each command from its intended send time and writes a {@link dev.hotpath.loadgen.Report}.
 * A sweep runs on the calling thread; answers are recorded on the engine's publisher thread or on gRPC's threads,
 * and the {@link dev.hotpath.loadgen.HiccupMeter} has a thread of its own.
 */
package dev.hotpath.loadgen;
