package io.statefun.runtime.dispatch;

/** A function threw or its future failed; the message names the address and the sender. */
public final class FunctionInvocationException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  FunctionInvocationException(String message, Throwable cause) {
    super(message, cause);
  }
}
