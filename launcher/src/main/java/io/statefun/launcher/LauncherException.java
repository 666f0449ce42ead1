package io.statefun.launcher;

import io.statefun.runtime.module.ModuleLoadingException;

/** A problem the user can fix, reported as one clear message without a stack trace. */
final class LauncherException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  LauncherException(String message) {
    super(message);
  }

  LauncherException(String message, Throwable cause) {
    super(message, cause);
  }

  /** The message to print for {@code e}: the user-facing one if there is one in the chain. */
  static String describe(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (isUserFacing(t)) {
        return t.getMessage();
      }
    }
    return String.valueOf(e);
  }

  /** Whether {@code e}'s message says all a user needs (so no stack trace goes with it). */
  static boolean isUserFacing(Throwable e) {
    return e instanceof LauncherException || e instanceof ModuleLoadingException;
  }
}
