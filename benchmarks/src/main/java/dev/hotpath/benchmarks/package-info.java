/**
 * Benchmarks of the engine: JMH benchmarks of the matching core alone
 * ({@link dev.hotpath.benchmarks.MatchingCoreBenchmark}, {@link dev.hotpath.benchmarks.WorkloadBenchmark}) and plain
 * programs that measure the whole pipeline ({@link dev.hotpath.benchmarks.PipelineThroughput}) and each stage's cost
 * per command ({@link dev.hotpath.benchmarks.StageCosts}). A JMH benchmark drives its engine from the benchmark thread
 * alone, as the matching thread would; run them with {@code ./hotpath bench} on an otherwise quiet machine.
 */
package dev.hotpath.benchmarks;
