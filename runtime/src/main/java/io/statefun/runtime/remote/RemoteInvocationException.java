package io.statefun.runtime.remote;

/**
 * A remote function could not process a batch and the endpoint has no dead-letter egress: the
 * invocation fails, which fails the job (as in StateFun), and the batch is sent again after the
 * restart. The message names the address, the URL and the cause.
 */
public final class RemoteInvocationException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  RemoteInvocationException(String message, Throwable cause) {
    super(message, cause);
  }
}
