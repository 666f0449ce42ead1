package io.statefun.runtime.delay;

import io.statefun.runtime.message.Envelope;
import org.jspecify.annotations.Nullable;

/**
 * A message waiting for its time, with its cancellation token (null when it has none). Public for
 * the savepoint tools, which read and write delayed messages without running the job.
 */
public record DelayedMessage(@Nullable String cancellationToken, Envelope envelope) {}
