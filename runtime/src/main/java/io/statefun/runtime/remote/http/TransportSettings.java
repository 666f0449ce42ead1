package io.statefun.runtime.remote.http;

import java.time.Duration;
import java.util.Objects;
import org.apache.flink.annotation.Internal;
import org.jspecify.annotations.Nullable;

/**
 * How requests to one endpoint travel.
 *
 * @param callTimeout the budget of one call, all attempts and backoff included
 * @param connectTimeout the limit for opening a connection
 * @param attemptTimeout the limit for one attempt to get a response (at most the call budget)
 * @param maxConcurrentRequests requests in flight at once to the endpoint from one task; more wait
 * @param poolTtl how long an idle connection is kept (see {@link HttpRequestReplyClient})
 * @param payloadMaxBytes the largest request or response body
 * @param maxRetries the most retries of one call, or -1 for as many as the budget allows
 * @param tls certificates for https, or null for the JVM's defaults
 */
@Internal
public record TransportSettings(
    Duration callTimeout,
    Duration connectTimeout,
    Duration attemptTimeout,
    int maxConcurrentRequests,
    Duration poolTtl,
    long payloadMaxBytes,
    int maxRetries,
    @Nullable TlsSettings tls) {

  public static final Duration DEFAULT_CALL_TIMEOUT = Duration.ofMinutes(2);
  public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(20);
  public static final int DEFAULT_POOL_SIZE = 1024;
  public static final Duration DEFAULT_POOL_TTL = Duration.ofSeconds(15);
  public static final long DEFAULT_PAYLOAD_MAX_BYTES = 32 * 1024 * 1024;

  public TransportSettings {
    Objects.requireNonNull(callTimeout, "callTimeout");
    Objects.requireNonNull(connectTimeout, "connectTimeout");
    Objects.requireNonNull(attemptTimeout, "attemptTimeout");
    Objects.requireNonNull(poolTtl, "poolTtl");
    positive("call timeout", callTimeout);
    positive("connect timeout", connectTimeout);
    positive("attempt timeout", attemptTimeout);
    if (maxConcurrentRequests < 1) {
      throw new IllegalArgumentException(
          "The pool size must be at least 1, got " + maxConcurrentRequests);
    }
    if (payloadMaxBytes < 1) {
      throw new IllegalArgumentException(
          "The payload limit must be positive, got " + payloadMaxBytes);
    }
  }

  private static void positive(String what, Duration duration) {
    if (duration.isZero() || duration.isNegative()) {
      throw new IllegalArgumentException("The " + what + " must be positive, got " + duration);
    }
  }
}
