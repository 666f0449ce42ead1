/**
 * Delayed messages: kept in keyed state under the sender's address, with one processing-time timer
 * per fire time, so they survive restarts; cancellable by a token scoped to the sender.
 *
 * <p>Task thread only. Knows nothing of how a fired message is delivered: must not depend on
 * dispatch or the feedback loop.
 */
package io.statefun.runtime.delay;
