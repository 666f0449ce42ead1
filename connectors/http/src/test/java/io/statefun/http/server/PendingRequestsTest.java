package io.statefun.http.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.statefun.http.HttpIngressBuilder;
import io.statefun.http.HttpIngressSpec;
import io.statefun.sdk.TypeName;
import io.statefun.sdk.TypedValue;
import io.statefun.sdk.Types;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

/**
 * What a subtask's metrics read ({@code pendingRequests}, {@code requestsRejectedBusy}), counted by
 * the server without Flink: the test takes the requests and replies itself.
 */
class PendingRequestsTest {
  private static final HttpClient CLIENT =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  @Test
  void countsTheCallsWaitingAndThoseRejectedAsTooMany() throws Exception {
    HttpIngressSpec spec =
        HttpIngressBuilder.forIdentifier(TypeName.parse("test/pending"))
            .withPort(freePort())
            .withBindHost("127.0.0.1")
            .withTarget("test/*")
            .withMaxPendingRequests(1)
            .build();
    try (HttpIngressServer server = HttpIngressServer.forIngress(spec)) {
      SubtaskRequests subtask = server.attach(0, type -> true);
      assertThat(subtask.pendingCount()).isZero();

      CompletableFuture<HttpResponse<String>> first =
          CLIENT.sendAsync(post(spec), HttpResponse.BodyHandlers.ofString());
      IngressRequest taken = awaitRequest(subtask);
      assertThat(subtask.pendingCount()).isEqualTo(1);
      HttpResponse<String> second = CLIENT.send(post(spec), HttpResponse.BodyHandlers.ofString());

      assertThat(second.statusCode()).isEqualTo(503);
      assertThat(subtask.rejectedBusyCount()).isEqualTo(1);
      subtask.reply(taken.requestId(), TypedValue.of(Types.STRING, "hi"));
      assertThat(first.get(10, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
      assertThat(subtask.pendingCount()).isZero();
      assertThat(subtask.rejectedBusyCount()).isEqualTo(1);
    }
  }

  private static IngressRequest awaitRequest(SubtaskRequests subtask) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (System.nanoTime() < deadline) {
      IngressRequest request = subtask.poll();
      if (request != null) {
        return request;
      }
      try {
        subtask.available().get(100, TimeUnit.MILLISECONDS);
      } catch (TimeoutException notYet) {
        // look again
      }
    }
    throw new AssertionError("no request arrived");
  }

  private static HttpRequest post(HttpIngressSpec spec) {
    return HttpRequest.newBuilder(
            URI.create("http://127.0.0.1:" + spec.port() + "/test/greeter/alice"))
        .timeout(Duration.ofSeconds(10))
        .POST(HttpRequest.BodyPublishers.ofString("alice"))
        .build();
  }

  private static int freePort() throws Exception {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
