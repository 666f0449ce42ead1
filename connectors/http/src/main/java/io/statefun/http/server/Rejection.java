package io.statefun.http.server;

import io.netty.handler.codec.http.HttpResponseStatus;
import org.jspecify.annotations.Nullable;

/** A request answered with an error before it reaches any function. */
final class Rejection extends Exception {
  private static final long serialVersionUID = 1L;

  private final transient HttpResponseStatus status;
  private final @Nullable String allow;

  Rejection(HttpResponseStatus status, String message) {
    this(status, message, null);
  }

  private Rejection(HttpResponseStatus status, String message, @Nullable String allow) {
    super(message, null, false, false);
    this.status = status;
    this.allow = allow;
  }

  /** {@code 405}, naming the method the server takes (the {@code Allow} header). */
  static Rejection methodNotAllowed(String allow, String message) {
    return new Rejection(HttpResponseStatus.METHOD_NOT_ALLOWED, message, allow);
  }

  HttpResponseStatus status() {
    return status;
  }

  /** The methods allowed, for a {@code 405}; null otherwise. */
  @Nullable String allow() {
    return allow;
  }
}
