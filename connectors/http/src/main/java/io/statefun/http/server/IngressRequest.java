package io.statefun.http.server;

import io.statefun.sdk.Address;
import io.statefun.sdk.TypedValue;
import org.jspecify.annotations.Nullable;

/**
 * A request the server accepted, for its ingress subtask to send into the job.
 *
 * @param requestId unique; the id of the caller's address, and what a {@code 202} or {@code 504}
 *     tells the client
 * @param target the function address from the path
 * @param value the body, typed
 * @param waitsForReply true for {@code POST /ns/name/id}, false for {@code .../send}
 * @param idempotencyKey the client's {@code Idempotency-Key}, or null
 */
public record IngressRequest(
    String requestId,
    Address target,
    TypedValue value,
    boolean waitsForReply,
    @Nullable String idempotencyKey) {

  /** A request without an idempotency key. */
  public IngressRequest(String requestId, Address target, TypedValue value, boolean waitsForReply) {
    this(requestId, target, value, waitsForReply, null);
  }
}
