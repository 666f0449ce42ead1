/**
 * The playground egress in the Flink job: the sink operator that reads the functions' {@code
 * io.statefun.playground/EgressRecord} values, holds them in operator state until their checkpoint
 * completes, then publishes them to the TaskManager's topics ({@code
 * io.statefun.http.playground.topics}). Must not depend on dispatch, state or the feedback loop.
 */
package io.statefun.http.playground.egress;
