package io.statefun.runtime.remote;

/**
 * A function's reply breaks the protocol (an unparsable body, a value it never declared, a type
 * that does not match), so none of it takes effect; the message names the address and the URL.
 */
final class InvalidReplyException extends Exception {
  private static final long serialVersionUID = 1L;

  InvalidReplyException(String message) {
    super(message);
  }

  InvalidReplyException(String message, Throwable cause) {
    super(message, cause);
  }
}
