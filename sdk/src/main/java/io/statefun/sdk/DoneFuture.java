package io.statefun.sdk;

import java.util.concurrent.CompletableFuture;

/**
 * The completed future every {@link Context#done()} returns: one instance, no allocation per
 * invocation, and no caller can change its outcome ({@code obtrude*} throw; {@code complete*} and
 * {@code cancel} on a completed future change nothing).
 */
final class DoneFuture extends CompletableFuture<Void> {
  static final CompletableFuture<Void> INSTANCE = new DoneFuture();

  private DoneFuture() {
    super.complete(null);
  }

  @Override
  public void obtrudeValue(Void value) {
    throw new UnsupportedOperationException("Context.done() is shared and cannot be changed");
  }

  @Override
  public void obtrudeException(Throwable ex) {
    throw new UnsupportedOperationException("Context.done() is shared and cannot be changed");
  }

  @Override
  public <U> CompletableFuture<U> newIncompleteFuture() {
    return new CompletableFuture<>(); // dependents are ordinary futures
  }
}
