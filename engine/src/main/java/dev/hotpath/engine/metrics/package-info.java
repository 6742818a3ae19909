/**
 * What the engine's threads measure about themselves while they run: the length of each duty cycle and of each
 * journal write, counted against a stall threshold ({@link dev.hotpath.engine.metrics.DutyCycleStallTracker}),
 * gathered per engine in {@link dev.hotpath.engine.metrics.EngineMetrics}. Written by the measured thread, read
 * by anyone (the load generator, the gateway's Prometheus endpoint) without locks.
 */
package dev.hotpath.engine.metrics;
