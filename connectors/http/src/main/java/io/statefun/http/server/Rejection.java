package io.statefun.http.server;

import io.netty.handler.codec.http.HttpResponseStatus;

/** A request answered with an error before it reaches any function. */
final class Rejection extends Exception {
  private static final long serialVersionUID = 1L;

  private final transient HttpResponseStatus status;

  Rejection(HttpResponseStatus status, String message) {
    super(message, null, false, false);
    this.status = status;
  }

  HttpResponseStatus status() {
    return status;
  }
}
