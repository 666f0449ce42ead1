/**
 * Running an application in one JVM, from an IDE, a test or a small {@code main}: {@link
 * io.statefun.runtime.harness.Harness} assembles the job with in-memory ingresses and egresses and
 * runs it on a local Flink cluster (or on the cluster of the current test environment).
 */
@NullMarked
package io.statefun.runtime.harness;

import org.jspecify.annotations.NullMarked;
