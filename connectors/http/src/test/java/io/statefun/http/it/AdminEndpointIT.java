package io.statefun.http.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.statefun.runtime.harness.Harness;
import io.statefun.runtime.harness.RunningApplication;
import io.statefun.runtime.module.ModuleLoadingException;
import io.statefun.runtime.testing.Await;
import io.statefun.runtime.testing.TestClusters;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The live state endpoint ({@code statefun.admin.*}) of a job at parallelism 2 with a bearer token:
 * {@code test/holder} ({@link HoldingModule}) is reached through an HTTP ingress ({@code /send},
 * answered at once), and looked at with {@code GET /state/...} while async work holds it. Plain JDK
 * HTTP client.
 */
class AdminEndpointIT {
  @RegisterExtension static final MiniClusterExtension CLUSTER = TestClusters.twoTaskManagers();

  private static final String TOKEN = "l00k-but-d0nt-t0uch";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient CLIENT =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  private static RunningApplication app;
  private static int ingress;
  private static int admin;

  @BeforeAll
  static void startTheApplication() throws Exception {
    ingress = freePort();
    admin = freePort();
    app =
        application(ingress)
            .withConfiguration("statefun.admin.enabled", "true")
            .withConfiguration("statefun.admin.port", String.valueOf(admin))
            .withConfiguration("statefun.admin.token", TOKEN)
            .withParallelism(2)
            .withCheckpointInterval(Duration.ofMillis(200))
            .start();
    Await.until("the HTTP ingress", Duration.ofMinutes(1), () -> answers(ingress, "/p/p/p", 405));
    Await.until("the live state endpoint", Duration.ofMinutes(1), () -> answers(admin, "/p", 401));
  }

  private static Harness application(int ingress) {
    return new Harness()
        .withoutModuleDiscovery()
        .withModule(HoldingModule.class)
        .withModuleYaml(
            "module.yaml",
            """
            kind: io.statefun.http.v1/ingress
            spec:
              id: test/http
              port: %d
              targets: [test/*]
              replyAfter: invoke
            """
                .formatted(ingress));
  }

  @AfterAll
  static void stop() throws Exception {
    HoldingModule.HELD.values().forEach(held -> held.complete(null));
    if (app != null) {
      assertThat(app.status()).as("no request failed the job").isEqualTo(JobStatus.RUNNING);
      app.close();
    }
  }

  @Test
  void theLiveReadAnswersAtOnceWhileAsyncWorkHoldsTheAddressAndChangesNothing() throws Exception {
    send("alice", "remind"); // completes: count 1, and a reminder due in an hour
    Await.until("alice's first message", Duration.ofMinutes(1), () -> count("alice") == 1);
    send("alice", "hold"); // its future is completed by this test, after the reads
    Await.until(
        "alice's held invocation",
        Duration.ofMinutes(1),
        () -> HoldingModule.HELD.containsKey("alice"));
    CompletableFuture<Void> held = HoldingModule.HELD.get("alice");
    send("alice", "queued"); // waits behind the held invocation
    Await.until(
        "the message queued behind it",
        Duration.ofMinutes(1),
        () -> get("/state/test/holder/alice/pending").get("queued").size() == 1);
    int invocations = HoldingModule.INVOCATIONS.get();

    HttpResponse<String> values = request("/state/test/holder/alice", TOKEN);
    assertThat(held).as("answered while the invocation's future is still incomplete").isNotDone();
    assertThat(values.statusCode()).isEqualTo(200);
    assertThat(values.headers().firstValue("Content-Type")).hasValue("application/json");
    JsonNode state = JSON.readTree(values.body());
    assertThat(state.get("function").asText()).isEqualTo("test/holder");
    assertThat(state.get("id").asText()).isEqualTo("alice");
    assertThat(state.get("values").toString())
        .as("the values of the last completed invocation, not the held one's")
        .isEqualTo(
            "{\"count\":{\"type\":\"io.statefun.types/int\",\"value\":1},"
                + "\"last\":{\"type\":\"io.statefun.types/string\",\"value\":\"remind\"}}");
    assertThat(state.get("valuesAsOf").asText()).isEqualTo("last completed invocation");
    assertThat(state.get("invocationInFlight").asBoolean()).isTrue();

    JsonNode pending = get("/state/test/holder/alice/pending");
    assertThat(held).isNotDone();
    assertThat(pending.get("delayed")).hasSize(1);
    JsonNode reminder = pending.get("delayed").get(0);
    assertThat(reminder.get("token").asText()).isEqualTo("remind");
    assertThat(reminder.get("target").asText()).isEqualTo("test/holder/alice");
    assertThat(reminder.get("message").get("value").asText()).isEqualTo("reminder");
    assertThat(reminder.get("dueMillis").asLong()).isGreaterThan(0);
    assertThat(pending.get("inFlight")).hasSize(1);
    assertThat(pending.get("inFlight").get(0).get("message").get("value").asText())
        .isEqualTo("hold");
    assertThat(pending.get("queued")).hasSize(1);
    assertThat(pending.get("queued").get(0).get("message").get("value").asText())
        .isEqualTo("queued");

    assertThat(request("/state/test/holder/alice", TOKEN).body())
        .as("reading again finds the same")
        .isEqualTo(values.body());
    assertThat(HoldingModule.INVOCATIONS.get())
        .as("no read invoked the function")
        .isEqualTo(invocations);

    held.complete(null);
    Await.until(
        "the held and the queued message", Duration.ofMinutes(1), () -> count("alice") == 3);
    JsonNode after = get("/state/test/holder/alice");
    assertThat(after.get("values").get("last").get("value").asText()).isEqualTo("queued");
    assertThat(after.get("invocationInFlight").asBoolean()).isFalse();
    assertThat(HoldingModule.INVOCATIONS.get())
        .as("each message invoked the function once, the reads never")
        .isEqualTo(invocations + 1);
  }

  @Test
  void anAddressNeverSeenHasNoValues() throws Exception {
    JsonNode state = get("/state/test/holder/nobody-yet");

    assertThat(state.get("values").size()).isZero();
    assertThat(state.get("invocationInFlight").asBoolean()).isFalse();
  }

  @Test
  void anUnknownFunctionIs404NamingIt() throws Exception {
    HttpResponse<String> unknown = request("/state/test/nobody/x", TOKEN);

    assertThat(unknown.statusCode()).isEqualTo(404);
    assertThat(unknown.body()).contains("test/nobody");
  }

  @Test
  void withoutTheTokenOrWithAWrongOneItIs401() throws Exception {
    HttpResponse<String> without =
        CLIENT.send(
            HttpRequest.newBuilder(uri(admin, "/state/test/holder/alice")).GET().build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(without.statusCode()).isEqualTo(401);
    assertThat(without.headers().firstValue("WWW-Authenticate")).hasValue("Bearer");

    assertThat(request("/state/test/holder/alice", "guess").statusCode()).isEqualTo(401);
  }

  @Test
  void otherMethodsAndMalformedPathsAreRefused() throws Exception {
    HttpResponse<String> post =
        CLIENT.send(
            HttpRequest.newBuilder(uri(admin, "/state/test/holder/alice"))
                .header("Authorization", "Bearer " + TOKEN)
                .POST(HttpRequest.BodyPublishers.ofString("x"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(post.statusCode()).isEqualTo(405);
    assertThat(post.headers().firstValue("Allow")).hasValue("GET");

    assertThat(request("/state/test/holder", TOKEN).statusCode()).isEqualTo(400);
    assertThat(request("/state/test/holder/a%0D%0Ab", TOKEN).statusCode()).isEqualTo(400);
  }

  @Test
  void aBindHostThatIsNotLoopbackWithoutATokenFailsTheAssembly() {
    assertThatThrownBy(
            () ->
                application(ingress)
                    .withConfiguration("statefun.admin.enabled", "true")
                    .withConfiguration("statefun.admin.bind-host", "0.0.0.0")
                    .start())
        .isInstanceOf(ModuleLoadingException.class)
        .hasMessageContaining("0.0.0.0")
        .hasMessageContaining("statefun.admin.token");
  }

  @Test
  void aSavepointTakenWithTheEndpointOnRestoresIntoAJobWithItOff(@TempDir Path dir)
      throws Exception {
    int otherIngress = freePort();
    int otherAdmin = freePort();
    String savepoint;
    try (RunningApplication withEndpoint =
        application(otherIngress)
            .withConfiguration("statefun.admin.enabled", "true")
            .withConfiguration("statefun.admin.port", String.valueOf(otherAdmin))
            .withParallelism(1)
            .start()) {
      Await.until(
          "the HTTP ingress", Duration.ofMinutes(1), () -> answers(otherIngress, "/p/p/p", 405));
      assertThat(call(otherIngress, "carol", "one").body()).isEqualTo("count 1");
      savepoint =
          withEndpoint
              .jobClient()
              .stopWithSavepoint(false, dir.toUri().toString(), SavepointFormatType.CANONICAL)
              .get(1, TimeUnit.MINUTES);
    }

    try (RunningApplication withoutEndpoint =
        application(otherIngress)
            .withConfiguration("execution.state-recovery.path", savepoint)
            .withParallelism(1)
            .start()) {
      Await.until(
          "the restored job's HTTP ingress",
          Duration.ofMinutes(1),
          () -> answers(otherIngress, "/p/p/p", 405),
          () -> failure(withoutEndpoint));
      assertThat(call(otherIngress, "carol", "two").body()).isEqualTo("count 2");
    }
  }

  // --- HTTP --------------------------------------------------------------------------------

  private static void send(String id, String text) throws Exception {
    HttpResponse<String> accepted =
        CLIENT.send(
            HttpRequest.newBuilder(uri(ingress, "/test/holder/" + id + "/send"))
                .POST(HttpRequest.BodyPublishers.ofString(text))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
  }

  /** The job's status and, if it failed, the chain of causes. */
  private static String failure(RunningApplication app) {
    try {
      return "Job "
          + app.status()
          + ":"
          + app.jobClient()
              .getJobExecutionResult()
              .handle(
                  (result, failure) -> {
                    StringBuilder causes = new StringBuilder();
                    for (Throwable t = failure; t != null; t = t.getCause()) {
                      causes.append(" <- ").append(t.getMessage());
                    }
                    return causes.toString();
                  })
              .get(5, TimeUnit.SECONDS);
    } catch (Exception e) {
      return "the job's status is unknown: " + e;
    }
  }

  /** Sends {@code text} to the holder {@code id} and waits for its reply. */
  private static HttpResponse<String> call(int port, String id, String text) throws Exception {
    return CLIENT.send(
        HttpRequest.newBuilder(uri(port, "/test/holder/" + id))
            .POST(HttpRequest.BodyPublishers.ofString(text))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static int count(String id) {
    JsonNode count = get("/state/test/holder/" + id).get("values").get("count");
    return count == null ? 0 : count.get("value").asInt();
  }

  private static JsonNode get(String path) {
    try {
      HttpResponse<String> response = request(path, TOKEN);
      assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
      return JSON.readTree(response.body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  private static HttpResponse<String> request(String path, String token)
      throws IOException, InterruptedException {
    return CLIENT.send(
        HttpRequest.newBuilder(uri(admin, path))
            .header("Authorization", "Bearer " + token)
            .GET()
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static URI uri(int port, String path) {
    return URI.create("http://127.0.0.1:" + port + path);
  }

  private static boolean answers(int port, String path, int status) {
    try {
      return CLIENT
              .send(
                  HttpRequest.newBuilder(uri(port, path))
                      .timeout(Duration.ofSeconds(10))
                      .GET()
                      .build(),
                  HttpResponse.BodyHandlers.discarding())
              .statusCode()
          == status;
    } catch (IOException notListeningYetOrTimedOut) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }
}
