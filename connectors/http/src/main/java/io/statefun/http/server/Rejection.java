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

  /** A rejection; {@code allow}, if not null, is the {@code Allow} header of a {@code 405}. */
  Rejection(HttpResponseStatus status, String message, @Nullable String allow) {
    super(message, null, false, false);
    this.status = status;
    this.allow = allow;
  }

  HttpResponseStatus status() {
    return status;
  }

  /** The methods a {@code 405} allows, when not just POST. */
  @Nullable String allow() {
    return allow;
  }
}
