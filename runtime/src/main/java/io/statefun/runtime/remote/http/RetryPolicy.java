package io.statefun.runtime.remote.http;

import java.time.Duration;

/**
 * Which failed attempts are tried again, and after how long: I/O errors (connection refused or
 * reset, an attempt timing out) and HTTP 408, 429 and 5xx are retried with exponential backoff
 * while the call's budget lasts; any other status is final.
 */
final class RetryPolicy {
  static final Duration FIRST_BACKOFF = Duration.ofMillis(10);
  static final Duration MAX_BACKOFF = Duration.ofSeconds(1);

  private RetryPolicy() {}

  static boolean isRetryableStatus(int status) {
    return status == 408 || status == 429 || status >= 500;
  }

  /** The wait before retry number {@code retry} (1 for the first retry). */
  static Duration backoff(int retry) {
    int doublings = Math.min(Math.max(retry - 1, 0), 20);
    long millis = FIRST_BACKOFF.toMillis() << doublings;
    return Duration.ofMillis(Math.min(millis, MAX_BACKOFF.toMillis()));
  }
}
