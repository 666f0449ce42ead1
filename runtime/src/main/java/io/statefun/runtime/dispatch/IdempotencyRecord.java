package io.statefun.runtime.dispatch;

import io.statefun.sdk.TypedValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What an address remembers of an idempotency key (see {@link IdempotentRequests}): the requests
 * that wait for the reply to the first one, or that reply once it came. Immutable; public for the
 * tools that copy savepoints.
 */
public sealed interface IdempotencyRecord {

  /**
   * The first request with the key was delivered (or waits in the backlog) and has no reply yet.
   *
   * @param waiters the request ids to answer with the reply, oldest first; the first request's too
   */
  record InProgress(List<String> waiters) implements IdempotencyRecord {
    public InProgress {
      waiters = List.copyOf(waiters);
    }

    /** This record with one more waiter, keeping at most {@code max}: the oldest give way. */
    InProgress with(String requestId, int max) {
      int keep = Math.min(waiters.size(), max - 1);
      ArrayList<String> next = new ArrayList<>(keep + 1);
      next.addAll(waiters.subList(waiters.size() - keep, waiters.size()));
      next.add(requestId);
      return new InProgress(next);
    }
  }

  /** The address replied to the first request with the key: every repeat gets this reply. */
  record Replied(TypedValue reply) implements IdempotencyRecord {
    public Replied {
      Objects.requireNonNull(reply, "reply");
    }
  }
}
