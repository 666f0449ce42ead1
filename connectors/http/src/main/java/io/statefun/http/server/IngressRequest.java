package io.statefun.http.server;

import io.statefun.sdk.Address;
import io.statefun.sdk.TypedValue;

/**
 * A request the server accepted, for its ingress subtask to send into the job.
 *
 * @param requestId unique; the id of the caller's address, and what a {@code 202} or {@code 504}
 *     tells the client
 * @param target the function address from the path
 * @param value the body, typed
 * @param waitsForReply true for {@code POST /ns/name/id}, false for {@code .../send}
 */
public record IngressRequest(
    String requestId, Address target, TypedValue value, boolean waitsForReply) {}
