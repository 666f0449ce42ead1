package io.statefun.runtime.module;

/** An application could not be loaded; the message names the module, file and line involved. */
public final class ModuleLoadingException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public ModuleLoadingException(String message) {
    super(message);
  }

  public ModuleLoadingException(String message, Throwable cause) {
    super(message, cause);
  }
}
