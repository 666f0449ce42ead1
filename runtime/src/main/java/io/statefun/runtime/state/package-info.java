/**
 * Function state in Flink keyed state: one Flink value state per (function type, value name),
 * created when a type is first invoked, holding the value itself for the immutable built-in types
 * and its encoded bytes for all others ({@link io.statefun.runtime.state.StoredValues}). {@link
 * io.statefun.runtime.state.AddressStorage} is what a function sees during one invocation.
 *
 * <p>Runs on the task thread only. Must not depend on dispatch or the feedback loop.
 */
package io.statefun.runtime.state;
