package io.statefun.runtime.testing;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Polls a condition until it holds or a deadline passes; never a blind sleep. The one polling
 * helper of the tests (shared through the runtime's test-jar).
 */
public final class Await {
  private static final long POLL_INTERVAL_NANOS = Duration.ofMillis(20).toNanos();

  private Await() {}

  public static void until(String what, Duration limit, BooleanSupplier condition) {
    until(what, limit, condition, () -> "");
  }

  public static void until(
      String what, Duration limit, BooleanSupplier condition, Supplier<String> stateOnFailure) {
    long deadline = System.nanoTime() + limit.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError(
            "Timed out after " + limit + " waiting for " + what + ". " + stateOnFailure.get());
      }
      LockSupport.parkNanos(POLL_INTERVAL_NANOS); // the polling interval of the condition
      if (Thread.interrupted()) {
        throw new AssertionError("interrupted waiting for " + what);
      }
    }
  }
}
