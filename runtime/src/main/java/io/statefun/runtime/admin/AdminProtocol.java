package io.statefun.runtime.admin;

import io.statefun.runtime.message.Envelope;
import io.statefun.sdk.Address;
import io.statefun.sdk.TypeName;
import org.apache.flink.annotation.Internal;
import org.jspecify.annotations.Nullable;

/**
 * What the live state endpoint and the dispatcher say to each other. A query is a message to the
 * address asked about whose caller is an address of {@link #CALLER_TYPE}: a type in the namespace
 * no module may bind functions in, so no function can send one (a payload type alone could be
 * forged). The dispatcher answers it at once with JSON sent to that caller.
 */
@Internal
public final class AdminProtocol {
  /** The runtime's reserved namespace (the application binder refuses functions in it). */
  static final String NAMESPACE = "io.statefun.internal";

  /** The function type of the endpoint's callers; the id is the request id. */
  public static final TypeName CALLER_TYPE = TypeName.of(NAMESPACE, "admin-caller");

  /** A query for an address's values. */
  public static final TypeName VALUES_QUERY = TypeName.of(NAMESPACE, "admin-query-values");

  /** A query for an address's pending delayed messages and queued messages. */
  public static final TypeName PENDING_QUERY = TypeName.of(NAMESPACE, "admin-query-pending");

  /** An answer: a JSON object, UTF-8. */
  public static final TypeName ANSWER = TypeName.of(NAMESPACE, "admin-answer");

  /**
   * An answer saying there is nothing to look at (a function type nothing binds): a JSON object
   * with an {@code error}.
   */
  public static final TypeName NOT_FOUND = TypeName.of(NAMESPACE, "admin-not-found");

  private AdminProtocol() {}

  /** Whether {@code envelope} is a query: its caller is the endpoint's. */
  public static boolean isQuery(Envelope envelope) {
    @Nullable Address caller = envelope.caller();
    return caller != null && caller.type().equals(CALLER_TYPE);
  }
}
