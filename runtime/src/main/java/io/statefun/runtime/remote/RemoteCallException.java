package io.statefun.runtime.remote;

/**
 * A call to a remote function failed for good: its budget ran out while retrying, or it got an
 * answer that retrying cannot fix (a 4xx status, a wrong content type, a body over the limit). The
 * message names the address, the URL, the attempts and the last error.
 */
final class RemoteCallException extends Exception {
  private static final long serialVersionUID = 1L;

  RemoteCallException(String message, Throwable cause) {
    super(message, cause);
  }
}
