/**
 * The engine's few direct calls into the Linux C library ({@link dev.hotpath.engine.linux.LibC}): thread timer
 * slack and memory-mapping advice. Any thread; every call is skipped off Linux.
 */
package dev.hotpath.engine.linux;
