package io.statefun.runtime.remote.http;

import io.statefun.sdk.Address;
import io.statefun.sdk.remote.CompletionCauses;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.LongSupplier;
import org.apache.flink.annotation.Internal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Calls remote functions over HTTP/1.1 ({@link NettyHttpTransport}: non-blocking, kept-alive
 * connections, idle ones closed after {@code pool_ttl}). Each call has a budget ({@link
 * TransportSettings#callTimeout()}); attempts that fail in a retryable way ({@link RetryPolicy})
 * are repeated after an exponential backoff until the budget or the retries run out. At most {@link
 * TransportSettings#maxConcurrentRequests()} attempts are in flight at once; more wait in line
 * (their wait counts against their budget).
 *
 * <p>Thread-safe; completions run on the transport's event loop thread.
 */
@Internal
public final class HttpRequestReplyClient implements RequestReplyClient {
  private static final Logger LOG = LoggerFactory.getLogger(HttpRequestReplyClient.class);
  private static final String OCTET_STREAM = "application/octet-stream";
  private static final int ERROR_BODY_EXCERPT = 200;
  private static final String CLOSED = "the client is closed (its task is ending)";

  private final NettyHttpTransport http;
  private final TransportSettings settings;
  private final InFlightLimit inFlight;
  private final LongSupplier nanoClock;
  private final Set<Call> open = ConcurrentHashMap.newKeySet();
  private volatile boolean closed;

  public HttpRequestReplyClient(TransportSettings settings) {
    this(settings, System::nanoTime);
  }

  HttpRequestReplyClient(TransportSettings settings, LongSupplier nanoClock) {
    this.settings = settings;
    this.nanoClock = nanoClock;
    this.inFlight = new InFlightLimit(settings.maxConcurrentRequests());
    this.http = new NettyHttpTransport(settings, nanoClock);
  }

  @Override
  public CompletableFuture<byte[]> call(URI url, byte[] request, Address target) {
    Call call = new Call(url, request, target, nanoClock.getAsLong());
    if (request.length > settings.payloadMaxBytes()) {
      call.fail(
          "the request of "
              + request.length
              + " bytes is larger than the payload limit of "
              + settings.payloadMaxBytes()
              + " bytes (payload_max_bytes)",
          null);
      return call.result;
    }
    open.add(call);
    call.result.whenComplete((reply, failure) -> open.remove(call));
    if (closed) {
      call.fail(CLOSED, null);
    } else {
      inFlight.submit(() -> attempt(call));
    }
    return call.result;
  }

  /** Sends one attempt; runs with a place in the in-flight limit, which it gives back when done. */
  private void attempt(Call call) {
    call.attempts++;
    long remaining = call.remainingNanos();
    if (remaining <= 0) {
      inFlight.release();
      call.fail("the call budget ran out while waiting to be sent", call.lastError);
      return;
    }
    Duration timeout = Duration.ofNanos(Math.min(remaining, settings.attemptTimeout().toNanos()));
    CompletableFuture<NettyHttpTransport.Response> response;
    try {
      response = http.post(call.url, call.request, timeout);
    } catch (RuntimeException e) {
      inFlight.release();
      call.fail("the request could not be sent: " + e, e);
      return;
    }
    response.whenComplete(
        (reply, failure) -> {
          inFlight.release();
          onAttemptDone(call, reply, failure);
        });
  }

  /**
   * Closes the transport and fails every unfinished call: an attempt or retry the closing event
   * loop drops would otherwise never complete.
   */
  @Override
  public void close() {
    closed = true;
    http.close();
    for (Call call : open) {
      call.fail(CLOSED, null);
    }
  }

  private void onAttemptDone(Call call, NettyHttpTransport.Response reply, Throwable failure) {
    if (failure != null) {
      Throwable cause = CompletionCauses.unwrap(failure);
      if (cause instanceof PayloadTooLargeException) {
        call.fail(
            "the response is larger than the payload limit of "
                + settings.payloadMaxBytes()
                + " bytes (payload_max_bytes)",
            cause);
      } else if (cause instanceof IOException) {
        retryOrFail(call, describe(cause), cause);
      } else {
        call.fail("the request failed: " + cause, cause);
      }
      return;
    }
    int status = reply.status();
    if (status >= 200 && status < 300) {
      String contentType = reply.contentType();
      if (contentType != null && !isOctetStream(contentType)) {
        call.fail(
            "the response has Content-Type '"
                + contentType
                + "' instead of "
                + OCTET_STREAM
                + excerpt(reply.body()),
            null);
        return;
      }
      call.result.complete(reply.body());
      return;
    }
    String error = "HTTP " + status + excerpt(reply.body());
    if (RetryPolicy.isRetryableStatus(status)) {
      retryOrFail(call, error, null);
    } else {
      call.fail(error + " (not retried: a " + status + " will not go away by itself)", null);
    }
  }

  private void retryOrFail(Call call, String error, Throwable cause) {
    call.lastError = cause;
    int retry = call.attempts;
    Duration backoff = RetryPolicy.backoff(retry);
    boolean retriesLeft = settings.maxRetries() < 0 || retry <= settings.maxRetries();
    if (!retriesLeft || backoff.toNanos() >= call.remainingNanos()) {
      call.fail(
          error
              + "; gave up after "
              + call.attempts
              + " attempt(s) within the call timeout of "
              + settings.callTimeout(),
          cause);
      return;
    }
    LOG.debug(
        "Attempt {} to call {} at {} failed ({}); retrying in {} ms",
        call.attempts,
        call.target,
        call.url,
        error,
        backoff.toMillis());
    try {
      http.schedule(() -> inFlight.submit(() -> attempt(call)), backoff);
    } catch (RejectedExecutionException rejected) {
      call.fail(error + "; not retried: " + CLOSED, cause);
    }
  }

  private static String describe(Throwable cause) {
    if (cause instanceof HttpTimeoutException) {
      return "no response in time (" + cause.getMessage() + ")";
    }
    if (cause instanceof ConnectException) {
      return "cannot connect (" + cause + ")";
    }
    return cause.toString();
  }

  private static boolean isOctetStream(String contentType) {
    int parameters = contentType.indexOf(';');
    String mediaType = parameters < 0 ? contentType : contentType.substring(0, parameters);
    return mediaType.trim().toLowerCase(Locale.ROOT).equals(OCTET_STREAM);
  }

  private static String excerpt(byte[] body) {
    if (body == null || body.length == 0) {
      return "";
    }
    String text =
        new String(body, 0, Math.min(body.length, ERROR_BODY_EXCERPT), StandardCharsets.UTF_8)
            .replaceAll("[\\p{Cntrl}&&[^\n\t]]", "?");
    return ": " + text + (body.length > ERROR_BODY_EXCERPT ? "..." : "");
  }

  /** One call: its attempts share the budget and complete one future. */
  private final class Call {
    final URI url;
    final byte[] request;
    final Address target;
    final long startNanos;
    final CompletableFuture<byte[]> result = new CompletableFuture<>();
    volatile int attempts;
    volatile Throwable lastError;

    Call(URI url, byte[] request, Address target, long startNanos) {
      this.url = url;
      this.request = request;
      this.target = target;
      this.startNanos = startNanos;
    }

    long remainingNanos() {
      return settings.callTimeout().toNanos() - (nanoClock.getAsLong() - startNanos);
    }

    void fail(String why, Throwable cause) {
      result.completeExceptionally(
          new HttpCallFailedException(
              "Calling function " + target + " at " + url + " failed: " + why, cause));
    }
  }

  /** Bounds the attempts in flight; the others wait in order. */
  static final class InFlightLimit {
    private final int limit;
    private final ArrayDeque<Runnable> waiting = new ArrayDeque<>();
    private int running;

    InFlightLimit(int limit) {
      this.limit = limit;
    }

    /** Runs {@code start} now if there is room, else when some running attempt is released. */
    void submit(Runnable start) {
      synchronized (this) {
        if (running >= limit) {
          waiting.add(start);
          return;
        }
        running++;
      }
      start.run();
    }

    /** Gives a place back, handing it to the next waiting attempt if any. */
    void release() {
      Runnable next;
      synchronized (this) {
        next = waiting.poll();
        if (next == null) {
          running--;
          return;
        }
      }
      next.run();
    }

    synchronized int running() {
      return running;
    }

    synchronized int waiting() {
      return waiting.size();
    }
  }
}
