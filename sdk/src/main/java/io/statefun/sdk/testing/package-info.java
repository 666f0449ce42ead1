/**
 * Unit-testing functions without Flink: {@link io.statefun.sdk.testing.FunctionTester} invokes a
 * function and shows its state and everything it sent. Must not depend on Flink, the runtime or
 * remote.
 */
package io.statefun.sdk.testing;
