package io.statefun.http.ingress;

import static org.assertj.core.api.Assertions.assertThat;

import io.statefun.http.HttpIngressBuilder;
import io.statefun.http.HttpIngressSpec;
import io.statefun.http.server.HttpIngressServer;
import io.statefun.http.server.HttpIngressServers;
import io.statefun.http.server.IngressRequest;
import io.statefun.http.server.SubtaskRequests;
import io.statefun.runtime.message.Envelope;
import io.statefun.sdk.TypeName;
import io.statefun.sdk.TypedValue;
import io.statefun.sdk.Types;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

/**
 * The replies operator against a real server and client, with checkpoints driven by Flink's test
 * harness: a reply reaches its caller only when the checkpoint that contains it completes.
 */
class HttpRepliesOperatorTest {
  private static final HttpClient CLIENT =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  @Test
  void aReplyIsReleasedOnlyWhenTheCheckpointThatHoldsItCompletes() throws Exception {
    HttpIngressSpec spec =
        HttpIngressBuilder.forIdentifier(TypeName.parse("example/http"))
            .withPort(freePort())
            .withTarget("example/*")
            .build();
    try (OneInputStreamOperatorTestHarness<Envelope, Void> harness =
        new OneInputStreamOperatorTestHarness<>(new HttpRepliesOperator(ServedIngress.of(spec)))) {
      harness.open();
      String jobId = harness.getOperator().getRuntimeContext().getJobInfo().getJobId().toString();
      HttpIngressServer server =
          HttpIngressServers.acquire(jobId, spec.id(), () -> HttpIngressServer.forIngress(spec));
      try {
        SubtaskRequests requests = server.attach(0, type -> true);
        CompletableFuture<HttpResponse<String>> first = post(spec, "/example/greeter/a");
        Envelope firstReply = replyTo(spec, taken(requests), "first");
        CompletableFuture<HttpResponse<String>> second = post(spec, "/example/greeter/b");
        Envelope secondReply = replyTo(spec, taken(requests), "second");

        harness.processElement(new StreamRecord<>(firstReply));
        harness.snapshot(1, 1);
        harness.processElement(new StreamRecord<>(secondReply));
        assertThat(first).as("held until checkpoint 1 completes").isNotDone();

        harness.notifyOfCompletedCheckpoint(1);
        assertThat(first.get(1, TimeUnit.MINUTES).body()).isEqualTo("first");
        assertThat(second).as("arrived after checkpoint 1: held until checkpoint 2").isNotDone();

        harness.snapshot(2, 2);
        harness.notifyOfCompletedCheckpoint(2);
        assertThat(second.get(1, TimeUnit.MINUTES).body()).isEqualTo("second");
      } finally {
        HttpIngressServers.release(jobId, spec.id());
      }
    }
  }

  private static Envelope replyTo(HttpIngressSpec spec, IngressRequest request, String text) {
    return new Envelope(
        HttpIngressServer.callerOf(spec.replyType(), request.requestId()),
        request.target(),
        TypedValue.of(Types.STRING, text));
  }

  private static IngressRequest taken(SubtaskRequests requests) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
    IngressRequest request;
    while ((request = requests.poll()) == null) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("the server never handed the request over");
      }
      requests.available().join();
    }
    return request;
  }

  private static CompletableFuture<HttpResponse<String>> post(HttpIngressSpec spec, String path) {
    return CLIENT.sendAsync(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + spec.port() + path))
            .POST(HttpRequest.BodyPublishers.ofString(""))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }
}
