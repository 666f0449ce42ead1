package io.statefun.runtime.delay;

import io.statefun.runtime.message.Envelope;

/** A message waiting for its time, with its cancellation token (null when it has none). */
record DelayedMessage(String cancellationToken, Envelope envelope) {}
