package io.statefun.runtime.delay;

import io.statefun.runtime.message.Envelope;
import org.jspecify.annotations.Nullable;

/** A message waiting for its time, with its cancellation token (null when it has none). */
record DelayedMessage(@Nullable String cancellationToken, Envelope envelope) {}
