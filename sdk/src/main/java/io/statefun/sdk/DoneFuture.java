package io.statefun.sdk;

import java.util.concurrent.CompletableFuture;

/** The completed future every {@link Context#done()} returns: no allocation per invocation. */
final class DoneFuture {
  static final CompletableFuture<Void> INSTANCE = CompletableFuture.completedFuture(null);

  private DoneFuture() {}
}
