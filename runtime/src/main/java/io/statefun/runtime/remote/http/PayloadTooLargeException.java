package io.statefun.runtime.remote.http;

import java.io.IOException;

/** A response body over the payload limit ({@code payload_max_bytes}); never retried. */
final class PayloadTooLargeException extends IOException {
  private static final long serialVersionUID = 1L;

  PayloadTooLargeException(long limit) {
    super("the response body exceeds " + limit + " bytes");
  }
}
