package io.statefun.runtime.remote;

import io.statefun.sdk.Address;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import javax.net.ssl.SSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Calls remote functions over HTTP/1.1 with the JDK's non-blocking {@link HttpClient}, which keeps
 * idle connections open for reuse (keep-alive pooling). Each call has a budget ({@link
 * TransportSettings#callTimeout()}); attempts that fail in a retryable way ({@link RetryPolicy})
 * are repeated after an exponential backoff until the budget or the retries run out. At most
 * {@link TransportSettings#maxConcurrentRequests()} attempts are in flight at once; more wait in
 * line (their wait counts against their budget).
 *
 * <p>Idle connections live as long as the JDK's {@code jdk.httpclient.keepalive.timeout} system
 * property says (JVM-wide; {@code pool_ttl} cannot be set per client with the JDK client).
 *
 * <p>Thread-safe; completions run on the HTTP client's threads.
 */
final class HttpRequestReplyClient implements RequestReplyClient {
  private static final Logger LOG = LoggerFactory.getLogger(HttpRequestReplyClient.class);
  private static final String OCTET_STREAM = "application/octet-stream";
  private static final int ERROR_BODY_EXCERPT = 200;

  private final HttpClient http;
  private final TransportSettings settings;
  private final InFlightLimit inFlight;
  private final LongSupplier nanoClock;

  HttpRequestReplyClient(TransportSettings settings) {
    this(settings, System::nanoTime);
  }

  HttpRequestReplyClient(TransportSettings settings, LongSupplier nanoClock) {
    this.settings = settings;
    this.nanoClock = nanoClock;
    this.inFlight = new InFlightLimit(settings.maxConcurrentRequests());
    HttpClient.Builder builder =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(settings.connectTimeout())
            .followRedirects(HttpClient.Redirect.NEVER);
    if (settings.tls() != null) {
      SSLContext tls = TlsContexts.create(settings.tls());
      builder.sslContext(tls);
    }
    this.http = builder.build();
  }

  @Override
  public CompletableFuture<byte[]> call(URI url, byte[] request, Address target) {
    Call call = new Call(url, request, target, nanoClock.getAsLong());
    if (request.length > settings.payloadMaxBytes()) {
      call.fail(
          "the request of " + request.length + " bytes is larger than the payload limit of "
              + settings.payloadMaxBytes() + " bytes (payload_max_bytes)",
          null);
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
    Duration timeout =
        Duration.ofNanos(Math.min(remaining, settings.attemptTimeout().toNanos()));
    HttpRequest request =
        HttpRequest.newBuilder(call.url)
            .timeout(timeout)
            .header("Content-Type", OCTET_STREAM)
            .header("Accept", OCTET_STREAM)
            .header("User-Agent", "statefun")
            .POST(HttpRequest.BodyPublishers.ofByteArray(call.request))
            .build();
    CompletableFuture<HttpResponse<byte[]>> response;
    try {
      response = http.sendAsync(request, info -> new LimitedBody(settings.payloadMaxBytes()));
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

  private void onAttemptDone(Call call, HttpResponse<byte[]> reply, Throwable failure) {
    if (failure != null) {
      Throwable cause = unwrap(failure);
      if (cause instanceof PayloadTooLargeException) {
        call.fail("the response is larger than the payload limit of "
            + settings.payloadMaxBytes() + " bytes (payload_max_bytes)", cause);
      } else if (cause instanceof IOException) {
        retryOrFail(call, describe(cause), cause);
      } else {
        call.fail("the request failed: " + cause, cause);
      }
      return;
    }
    int status = reply.statusCode();
    if (status >= 200 && status < 300) {
      String contentType = reply.headers().firstValue("Content-Type").orElse(null);
      if (contentType != null && !isOctetStream(contentType)) {
        call.fail(
            "the response has Content-Type '" + contentType + "' instead of " + OCTET_STREAM
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
          error + "; gave up after " + call.attempts + " attempt(s) within the call timeout of "
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
    CompletableFuture.delayedExecutor(backoff.toMillis(), TimeUnit.MILLISECONDS)
        .execute(() -> inFlight.submit(() -> attempt(call)));
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

  private static Throwable unwrap(Throwable failure) {
    Throwable cause = failure;
    while (cause instanceof CompletionException && cause.getCause() != null) {
      cause = cause.getCause();
    }
    if (cause instanceof IOException && cause.getCause() instanceof PayloadTooLargeException) {
      return cause.getCause();
    }
    return cause;
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
          new RemoteCallException(
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

  /** A response body over the payload limit. */
  static final class PayloadTooLargeException extends IOException {
    private static final long serialVersionUID = 1L;

    PayloadTooLargeException(long limit) {
      super("the response body exceeds " + limit + " bytes");
    }
  }

  /** Collects a response body, refusing one larger than the limit. */
  private static final class LimitedBody implements HttpResponse.BodySubscriber<byte[]> {
    private final long limit;
    private final CompletableFuture<byte[]> body = new CompletableFuture<>();
    private final List<ByteBuffer> buffers = new ArrayList<>();
    private Flow.Subscription subscription;
    private long size;

    LimitedBody(long limit) {
      this.limit = limit;
    }

    @Override
    public CompletionStage<byte[]> getBody() {
      return body;
    }

    @Override
    public void onSubscribe(Flow.Subscription subscription) {
      this.subscription = subscription;
      subscription.request(Long.MAX_VALUE);
    }

    @Override
    public void onNext(List<ByteBuffer> items) {
      if (body.isDone()) {
        return;
      }
      for (ByteBuffer item : items) {
        size += item.remaining();
        buffers.add(item);
      }
      if (size > limit) {
        buffers.clear();
        subscription.cancel();
        body.completeExceptionally(new PayloadTooLargeException(limit));
      }
    }

    @Override
    public void onError(Throwable throwable) {
      body.completeExceptionally(throwable);
    }

    @Override
    public void onComplete() {
      if (body.isDone()) {
        return;
      }
      byte[] bytes = new byte[(int) size];
      int position = 0;
      for (ByteBuffer buffer : buffers) {
        int length = buffer.remaining();
        buffer.get(bytes, position, length);
        position += length;
      }
      buffers.clear();
      body.complete(bytes);
    }
  }
}
