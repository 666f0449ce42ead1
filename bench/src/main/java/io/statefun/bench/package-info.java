/**
 * The benchmark: workloads W1 (embedded counter), W2 (function chain) and W4 (W2 at parallelism 2,
 * through the feedback loop), each on this runtime and as a plain Flink job doing the same keyed
 * work, in the same JVM, with every run checking its own result.
 */
package io.statefun.bench;
