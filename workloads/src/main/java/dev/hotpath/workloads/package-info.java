/**
 * Seeded, repeatable test workloads (the reference W1, W2 and W3) for the benchmarks and the load generator: a
 * {@link dev.hotpath.workloads.WorkloadSpec} describes one, {@link dev.hotpath.workloads.WorkloadGenerator} makes its
 * commands into a {@link dev.hotpath.workloads.CommandBatch}, and a {@link dev.hotpath.workloads.Workload} holds them
 * ready to replay. Generate on one thread, then hand the finished workload over; replay it on the engine's thread.
 */
package dev.hotpath.workloads;
