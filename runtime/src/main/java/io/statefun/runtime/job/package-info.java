/**
 * Job assembly: ingresses → keyBy(address) → dispatcher → egresses, plus the feedback edge from the
 * dispatcher back to the feedback sink of the owning subtask, co-located with its dispatcher.
 *
 * <p>The only package that knows the whole graph; nothing depends on it but the harness and the
 * launcher.
 */
package io.statefun.runtime.job;
