package io.statefun.runtime.remote.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.statefun.sdk.Address;
import io.statefun.sdk.TypeName;
import io.statefun.sdk.reqreply.generated.ToFunction;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class HttpRequestReplyClientTest {
  private static final Address TARGET = new Address(TypeName.parse("ns/fn"), "a");
  private static final byte[] REQUEST = ToFunction.getDefaultInstance().toByteArray();
  private static final byte[] REPLY = {(byte) 0xA2, 0x06, 0x00}; // invocation_result {}

  @Test
  void retriesServerErrorsAndThrottlingThenSucceeds() throws Exception {
    try (TestEndpoint endpoint =
        TestEndpoint.start(
            0,
            request -> CompletableFuture.completedFuture(REPLY),
            (n, r) ->
                switch (n) {
                  case 1 -> TestEndpoint.Canned.status(500);
                  case 2 -> TestEndpoint.Canned.status(429);
                  case 3 -> TestEndpoint.Canned.status(408);
                  default -> null;
                })) {
      byte[] reply =
          client(Duration.ofSeconds(10), -1)
              .call(url(endpoint), REQUEST, TARGET)
              .get(10, TimeUnit.SECONDS);

      assertThat(reply).isEqualTo(REPLY);
      assertThat(endpoint.requests()).isEqualTo(4);
    }
  }

  @Test
  void doesNotRetryOtherClientErrors() throws Exception {
    try (TestEndpoint endpoint =
        TestEndpoint.start(
            0,
            r -> CompletableFuture.completedFuture(REPLY),
            (n, r) -> TestEndpoint.Canned.status(404))) {
      assertThatThrownBy(
              () ->
                  client(Duration.ofSeconds(10), -1)
                      .call(url(endpoint), REQUEST, TARGET)
                      .get(10, TimeUnit.SECONDS))
          .isInstanceOf(ExecutionException.class)
          .hasCauseInstanceOf(HttpCallFailedException.class)
          .hasMessageContaining(
              "Calling function ns/fn/a at "
                  + url(endpoint)
                  + " failed: HTTP 404: canned 404 (not retried");
      assertThat(endpoint.requests()).isEqualTo(1);
    }
  }

  @Test
  void givesUpWhenTheBudgetRunsOutOrTheRetriesDo() throws Exception {
    int port;
    try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = probe.getLocalPort();
    }
    URI nobody = URI.create("http://127.0.0.1:" + port + "/fn");
    assertThatThrownBy(
            () ->
                client(Duration.ofMillis(300), -1)
                    .call(nobody, REQUEST, TARGET)
                    .get(10, TimeUnit.SECONDS))
        .hasMessageContaining("cannot connect")
        .hasMessageContaining("within the call timeout of PT0.3S");

    try (TestEndpoint endpoint =
        TestEndpoint.start(
            0,
            r -> CompletableFuture.completedFuture(REPLY),
            (n, r) -> TestEndpoint.Canned.status(503))) {
      assertThatThrownBy(
              () ->
                  client(Duration.ofSeconds(10), 2)
                      .call(url(endpoint), REQUEST, TARGET)
                      .get(10, TimeUnit.SECONDS))
          .hasMessageContaining("HTTP 503")
          .hasMessageContaining("gave up after 3 attempt(s)");
      assertThat(endpoint.requests()).isEqualTo(3);
    }
  }

  @Test
  void refusesBodiesOverThePayloadLimitAndWrongContentTypes() throws Exception {
    try (TestEndpoint endpoint =
        TestEndpoint.start(
            0,
            r -> CompletableFuture.completedFuture(new byte[100]),
            (n, r) ->
                n == 1 ? TestEndpoint.Canned.body("text/html", "<p>hi</p>".getBytes()) : null)) {
      TransportSettings small =
          new TransportSettings(
              Duration.ofSeconds(5),
              Duration.ofSeconds(1),
              Duration.ofSeconds(5),
              4,
              Duration.ofSeconds(15),
              50,
              -1,
              null);
      HttpRequestReplyClient client = new HttpRequestReplyClient(small);
      assertThatThrownBy(
              () -> client.call(url(endpoint), REQUEST, TARGET).get(10, TimeUnit.SECONDS))
          .hasMessageContaining("Content-Type 'text/html' instead of application/octet-stream");
      assertThatThrownBy(
              () -> client.call(url(endpoint), REQUEST, TARGET).get(10, TimeUnit.SECONDS))
          .hasMessageContaining("larger than the payload limit of 50 bytes");
      assertThatThrownBy(
              () -> client.call(url(endpoint), new byte[51], TARGET).get(10, TimeUnit.SECONDS))
          .hasMessageContaining("the request of 51 bytes is larger than the payload limit");
    }
  }

  @Test
  void theInFlightLimitLetsWaitingAttemptsGoInOrder() {
    HttpRequestReplyClient.InFlightLimit limit = new HttpRequestReplyClient.InFlightLimit(2);
    List<Integer> started = new ArrayList<>();
    AtomicInteger next = new AtomicInteger();
    for (int i = 0; i < 4; i++) {
      limit.submit(() -> started.add(next.getAndIncrement()));
    }
    assertThat(started).containsExactly(0, 1);
    assertThat(limit.waiting()).isEqualTo(2);
    limit.release();
    assertThat(started).containsExactly(0, 1, 2);
    limit.release();
    limit.release();
    limit.release();
    assertThat(started).containsExactly(0, 1, 2, 3);
    assertThat(limit.running()).isZero();
  }

  @Test
  void reusesKeptAliveConnectionsButNotThoseIdleLongerThanThePoolTtl() throws Exception {
    try (TestEndpoint endpoint = TestEndpoint.start(r -> CompletableFuture.completedFuture(REPLY));
        HttpRequestReplyClient keeping =
            client(Duration.ofSeconds(10), -1, Duration.ofMinutes(1))) {
      for (int i = 0; i < 5; i++) {
        keeping.call(url(endpoint), REQUEST, TARGET).get(10, TimeUnit.SECONDS);
      }
      assertThat(endpoint.connections()).isEqualTo(1);
    }
    AtomicLong clock = new AtomicLong();
    Duration ttl = Duration.ofSeconds(15);
    try (TestEndpoint endpoint = TestEndpoint.start(r -> CompletableFuture.completedFuture(REPLY));
        HttpRequestReplyClient expiring =
            new HttpRequestReplyClient(
                new TransportSettings(
                    Duration.ofSeconds(10),
                    Duration.ofSeconds(1),
                    Duration.ofSeconds(10),
                    16,
                    ttl,
                    1 << 20,
                    -1,
                    null),
                clock::get)) {
      for (int i = 0; i < 3; i++) {
        expiring.call(url(endpoint), REQUEST, TARGET).get(10, TimeUnit.SECONDS);
        clock.addAndGet(ttl.toNanos()); // the idle connection outlives its pool_ttl
      }
      assertThat(endpoint.connections()).isEqualTo(3);
    }
  }

  @Test
  void callsOnAClosedClientFailInsteadOfWaitingForever() throws Exception {
    try (TestEndpoint endpoint =
        TestEndpoint.start(r -> CompletableFuture.completedFuture(REPLY))) {
      HttpRequestReplyClient client = client(Duration.ofSeconds(30), -1);
      client.close();
      assertThatThrownBy(
              () -> client.call(url(endpoint), REQUEST, TARGET).get(10, TimeUnit.SECONDS))
          .isInstanceOf(ExecutionException.class)
          .hasCauseInstanceOf(HttpCallFailedException.class);
    }
  }

  @Test
  void aContentLengthFarBeyondThePayloadLimitFailsAtOnceWithoutReadingTheBody() throws Exception {
    try (MisbehavingHttpServer server =
        new MisbehavingHttpServer(
            out -> {
              out.write(
                  MisbehavingHttpServer.ascii(
                      "HTTP/1.1 200 OK\r\nContent-Type: application/octet-stream\r\n"
                          + "Content-Length: 1000000000000\r\n\r\nabc"));
              out.flush();
              Thread.sleep(Long.MAX_VALUE); // the rest never comes
            })) {
      URI url = URI.create(server.url("/fn"));
      assertThatThrownBy(
              () ->
                  client(Duration.ofMinutes(1), -1)
                      .call(url, REQUEST, TARGET)
                      .get(30, TimeUnit.SECONDS))
          .isInstanceOf(ExecutionException.class)
          .hasMessageContaining("Calling function ns/fn/a at " + url)
          .hasMessageContaining("larger than the payload limit of 1048576 bytes");
    }
  }

  @Test
  void aServerThatDribblesItsAnswerHitsTheCallTimeout() throws Exception {
    try (MisbehavingHttpServer server =
        new MisbehavingHttpServer(
            out -> {
              out.write(
                  MisbehavingHttpServer.ascii(
                      "HTTP/1.1 200 OK\r\nContent-Type: application/octet-stream\r\n"
                          + "Content-Length: 100000\r\n\r\n"));
              while (true) { // one byte at a time, often enough to beat any idle timeout
                out.write(0);
                out.flush();
                Thread.sleep(50);
              }
            })) {
      URI url = URI.create(server.url("/fn"));
      assertThatThrownBy(
              () ->
                  client(Duration.ofMillis(600), -1)
                      .call(url, REQUEST, TARGET)
                      .get(30, TimeUnit.SECONDS))
          .isInstanceOf(ExecutionException.class)
          .hasMessageContaining("Calling function ns/fn/a at " + url)
          .hasMessageContaining("within the call timeout of PT0.6S");
    }
  }

  private static HttpRequestReplyClient client(Duration call, int maxRetries) {
    return client(call, maxRetries, Duration.ofSeconds(15));
  }

  private static HttpRequestReplyClient client(Duration call, int maxRetries, Duration poolTtl) {
    return new HttpRequestReplyClient(
        new TransportSettings(
            call, Duration.ofSeconds(1), call, 16, poolTtl, 1 << 20, maxRetries, null));
  }

  private static URI url(TestEndpoint endpoint) {
    return URI.create(endpoint.url("/fn"));
  }
}
