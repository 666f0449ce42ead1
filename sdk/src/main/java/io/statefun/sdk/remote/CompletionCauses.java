package io.statefun.sdk.remote;

import io.statefun.sdk.annotation.Internal;
import java.util.concurrent.CompletionException;
import org.jspecify.annotations.NullMarked;

/**
 * The failure behind a future's completion: {@code CompletableFuture} wraps a failure of a
 * dependent stage in {@link CompletionException}s, which say nothing to a user. Shared by the SDK's
 * function server and the runtime's remote functions.
 */
@NullMarked
@Internal
public final class CompletionCauses {
  private CompletionCauses() {}

  /** {@code failure} without its {@link CompletionException} wrappers. */
  public static Throwable unwrap(Throwable failure) {
    Throwable cause = failure;
    while (cause instanceof CompletionException && cause.getCause() != null) {
      cause = cause.getCause();
    }
    return cause;
  }
}
