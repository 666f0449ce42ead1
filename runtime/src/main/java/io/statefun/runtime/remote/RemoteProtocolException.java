package io.statefun.runtime.remote;

/**
 * A remote function answered something the protocol does not allow (an unparsable body, a value it
 * never declared, a type that does not match); the message names the address and the URL.
 */
final class RemoteProtocolException extends Exception {
  private static final long serialVersionUID = 1L;

  RemoteProtocolException(String message) {
    super(message);
  }

  RemoteProtocolException(String message, Throwable cause) {
    super(message, cause);
  }
}
