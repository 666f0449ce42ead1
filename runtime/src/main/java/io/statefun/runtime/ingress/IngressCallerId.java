package io.statefun.runtime.ingress;

import java.util.Objects;
import org.jspecify.annotations.NullMarked;
import org.jspecify.annotations.Nullable;

/**
 * The id of a caller address that a {@link ReplyingIngressProvider} gives its messages: the request
 * id, then, if the client sent one, {@code #} and its idempotency key ({@code
 * 0-3f0c9a2b#order-17}). The dispatcher reads the key to deliver a request that repeats a key at
 * most once per address (and to answer the repeat with the reply recorded for the first); the
 * ingress reads the request id to find the waiting client. A request id never contains {@code #}; a
 * key may.
 *
 * @param requestId the request, unique per ingress
 * @param idempotencyKey the client's key, or null
 */
@NullMarked
public record IngressCallerId(String requestId, @Nullable String idempotencyKey) {
  private static final char SEPARATOR = '#';

  public IngressCallerId {
    Objects.requireNonNull(requestId, "requestId");
    if (requestId.isEmpty() || requestId.indexOf(SEPARATOR) >= 0) {
      throw new IllegalArgumentException(
          "a request id is non-empty and has no '" + SEPARATOR + "', got '" + requestId + "'");
    }
    if (idempotencyKey != null && idempotencyKey.isEmpty()) {
      throw new IllegalArgumentException("an idempotency key must not be empty");
    }
  }

  /** Reads a caller id written by {@link #toString}. */
  public static IngressCallerId parse(String callerId) {
    int separator = callerId.indexOf(SEPARATOR);
    return new IngressCallerId(requestIdOf(callerId), idempotencyKeyOf(callerId));
  }

  /** The key in a caller id, or null; cheaper than {@link #parse}. */
  public static @Nullable String idempotencyKeyOf(String callerId) {
    int separator = callerId.indexOf(SEPARATOR);
    return separator < 0 || separator == callerId.length() - 1
        ? null
        : callerId.substring(separator + 1);
  }

  /** The request id in a caller id. */
  public static String requestIdOf(String callerId) {
    int separator = callerId.indexOf(SEPARATOR);
    return separator < 0 ? callerId : callerId.substring(0, separator);
  }

  /** The caller id: {@code requestId} or {@code requestId#idempotencyKey}. */
  @Override
  public String toString() {
    return idempotencyKey == null ? requestId : requestId + SEPARATOR + idempotencyKey;
  }
}
