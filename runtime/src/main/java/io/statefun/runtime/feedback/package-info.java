/**
 * The feedback loop: messages for addresses owned by another subtask are re-partitioned by address
 * into the {@link io.statefun.runtime.feedback.FeedbackSinkOperator} of the owner, which hands them
 * through an in-JVM {@link io.statefun.runtime.feedback.FeedbackChannel} to the dispatcher of the
 * same subtask. Checkpoint barriers cannot cross the channel, so the dispatcher publishes how far
 * it had consumed at its barrier and the sink, at its own (aligned) barrier, logs the messages in
 * between ({@link io.statefun.runtime.feedback.FeedbackLog}); neither waits for the other.
 *
 * <p>Must not depend on dispatch; the dispatcher depends on this package.
 */
package io.statefun.runtime.feedback;
