package io.statefun.http.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.statefun.runtime.harness.Harness;
import io.statefun.runtime.harness.RunningApplication;
import io.statefun.runtime.testing.Await;
import io.statefun.runtime.testing.TestClusters;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * One job at parallelism 2 with three HTTP ingresses from {@code module.yaml}: {@code test/http}
 * answers after checkpoints, {@code test/fast} at once (with a short reply timeout and room for one
 * pending request), {@code test/guarded} only requests with its bearer token. Functions: {@link
 * RepliesModule} and {@code sdk/greeter}, written with the official SDK. Every test talks plain
 * HTTP/1.1 with the JDK client.
 */
class HttpIngressIT {
  @RegisterExtension static final MiniClusterExtension CLUSTER = TestClusters.twoTaskManagers();

  private static final Pattern REQUEST_ID = Pattern.compile("\"requestId\": \"([0-9a-f-]+)\"");
  private static final HttpClient CLIENT =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  private static SdkFunctionsServer sdkGreeter;
  private static RunningApplication app;
  private static int checkpointed;
  private static int fast;
  private static int guarded;

  @BeforeAll
  static void startTheApplication() throws Exception {
    sdkGreeter = new SdkFunctionsServer(OfficialSdkGreeter.functions());
    checkpointed = freePort();
    fast = freePort();
    guarded = freePort();
    String yaml =
        """
        kind: io.statefun.http.v1/ingress
        spec:
          id: test/http
          port: %d
          targets: [test/greeter, test/echo, test/silent, sdk/*]
          maxBodyBytes: 1024
        ---
        kind: io.statefun.http.v1/ingress
        spec:
          id: test/fast
          port: %d
          targets: [test/*]
          replyAfter: invoke
          replyTimeout: 1s
          maxPendingRequests: 1
        ---
        kind: io.statefun.http.v1/ingress
        spec:
          id: test/guarded
          port: %d
          targets: [test/echo]
          replyAfter: invoke
          authToken: {value: s3cret}
        ---
        kind: io.statefun.endpoints.v2/http
        spec:
          functions: sdk/*
          urlPathTemplate: %s
        """
            .formatted(checkpointed, fast, guarded, sdkGreeter.url());
    app =
        new Harness()
            .withoutModuleDiscovery()
            .withModule(RepliesModule.class)
            .withModuleYaml("module.yaml", yaml)
            .withParallelism(2)
            .withCheckpointInterval(Duration.ofMillis(200))
            .start();
    // the servers start with the tasks: wait until both answer
    awaitServing(checkpointed);
    awaitServing(fast);
    awaitServing(guarded);
  }

  @AfterAll
  static void stop() throws Exception {
    try {
      if (app != null) {
        assertThat(app.status()).as("no request failed the job").isEqualTo(JobStatus.RUNNING);
        app.close();
      }
    } finally {
      if (sdkGreeter != null) {
        sdkGreeter.close();
      }
    }
  }

  @Test
  void theGreeterAnswersItsHttpCallerAfterTheCheckpoint() throws Exception {
    HttpResponse<String> response = null;
    for (int i = 0; i < 3; i++) {
      response = post(checkpointed, "/test/greeter/alice", "");
    }
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).isEqualTo("Hello alice, you are visitor #3");
    assertThat(response.headers().firstValue("Statefun-Type")).hasValue("io.statefun.types/string");
    assertThat(response.headers().firstValue("Content-Type")).hasValue("text/plain; charset=utf-8");
    assertThat(response.headers().firstValue("Statefun-Request-Id")).isPresent();
  }

  @Test
  void repliesFindTheirCallersAcrossSubtasks() throws Exception {
    List<CompletableFuture<HttpResponse<String>>> calls = new ArrayList<>();
    for (int i = 0; i < 24; i++) {
      calls.add(postAsync(checkpointed, "/test/greeter/crowd-" + i, ""));
    }
    Set<String> subtasks = new HashSet<>();
    for (int i = 0; i < calls.size(); i++) {
      HttpResponse<String> response = calls.get(i).join();
      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(response.body()).isEqualTo("Hello crowd-" + i + ", you are visitor #1");
      String requestId = response.headers().firstValue("Statefun-Request-Id").orElseThrow();
      subtasks.add(requestId.substring(0, requestId.indexOf('-')));
    }
    assertThat(subtasks)
        .as("both ingress subtasks took requests")
        .containsExactlyInAnyOrder("0", "1");
  }

  @Test
  void aFunctionWrittenWithTheOfficialSdkRepliesToItsHttpCaller() throws Exception {
    HttpResponse<String> response = post(checkpointed, "/sdk/greeter/bob", "bob");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).isEqualTo("Hello bob #1 from the official SDK");
  }

  @Test
  void sendAnswers202AfterTheCheckpointSoTheMessageHasTakenEffect() throws Exception {
    HttpResponse<String> accepted = post(checkpointed, "/test/greeter/carol/send", "");
    assertThat(accepted.statusCode()).isEqualTo(202);
    Matcher id = REQUEST_ID.matcher(accepted.body());
    assertThat(id.find()).as(accepted.body()).isTrue();
    assertThat(accepted.headers().firstValue("Statefun-Request-Id")).hasValue(id.group(1));

    // answered after the checkpoint that holds it: processed before anything sent after the 202
    assertThat(post(checkpointed, "/test/greeter/carol", "").body())
        .isEqualTo("Hello carol, you are visitor #2");
  }

  @Test
  void aRequestRepeatedWithItsIdempotencyKeyTakesEffectOnceAndGetsTheSameReply() throws Exception {
    HttpResponse<String> first =
        send(checkpointed, "/test/greeter/erin", "", "Idempotency-Key", "visit-1");
    HttpResponse<String> repeat =
        send(checkpointed, "/test/greeter/erin", "", "Idempotency-Key", "visit-1");
    assertThat(first.body()).isEqualTo("Hello erin, you are visitor #1");
    assertThat(repeat.statusCode()).isEqualTo(200);
    assertThat(repeat.body()).isEqualTo(first.body());
    assertThat(repeat.headers().firstValue("Statefun-Request-Id"))
        .isNotEqualTo(first.headers().firstValue("Statefun-Request-Id"));

    HttpResponse<String> sent =
        send(checkpointed, "/test/greeter/erin/send", "", "Idempotency-Key", "visit-2");
    HttpResponse<String> sentAgain =
        send(checkpointed, "/test/greeter/erin/send", "", "Idempotency-Key", "visit-2");
    assertThat(List.of(sent.statusCode(), sentAgain.statusCode())).containsExactly(202, 202);
    // the same key for another function or address is another request
    assertThat(send(checkpointed, "/test/greeter/frank", "", "Idempotency-Key", "visit-1").body())
        .isEqualTo("Hello frank, you are visitor #1");
    assertThat(post(checkpointed, "/test/greeter/erin", "").body())
        .isEqualTo("Hello erin, you are visitor #3");
    assertThat(
            send(checkpointed, "/test/greeter/erin", "", "Idempotency-Key", "k".repeat(257))
                .statusCode())
        .isEqualTo(400);
  }

  @Test
  void builtInTypesTravelAsTextAndOthersAsBytes() throws Exception {
    HttpResponse<String> number =
        send(checkpointed, "/test/echo/n", "42", "Statefun-Type", "io.statefun.types/int");
    assertThat(number.body()).isEqualTo("42");
    assertThat(number.headers().firstValue("Statefun-Type")).hasValue("io.statefun.types/int");

    HttpResponse<String> truth =
        send(fast, "/test/echo/b", "true", "Statefun-Type", "io.statefun.types/bool");
    assertThat(truth.body()).isEqualTo("true");

    HttpResponse<String> person =
        send(
            fast,
            "/test/echo/p",
            "{\"name\":\"dave\"}",
            "Content-Type",
            "application/vnd.com.example/Person");
    assertThat(person.body()).isEqualTo("{\"name\":\"dave\"}");
    assertThat(person.headers().firstValue("Statefun-Type")).hasValue("com.example/Person");
    assertThat(person.headers().firstValue("Content-Type")).hasValue("application/octet-stream");

    HttpResponse<String> notANumber =
        send(fast, "/test/echo/n", "4x2", "Statefun-Type", "io.statefun.types/long");
    assertThat(notANumber.statusCode()).isEqualTo(400);
    assertThat(notANumber.body()).contains("io.statefun.types/long");
  }

  @Test
  void badRequestsGetClearAnswersAndReachNoFunction() throws Exception {
    HttpResponse<String> get =
        CLIENT.send(
            HttpRequest.newBuilder(uri(checkpointed, "/test/greeter/victim")).GET().build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(get.statusCode()).isEqualTo(405);
    assertThat(get.headers().firstValue("Allow")).hasValue("POST");

    HttpResponse<String> unlisted = post(checkpointed, "/test/other/victim", "");
    assertThat(unlisted.statusCode()).isEqualTo(404);
    assertThat(unlisted.body()).contains("test/other").contains("test/http");

    HttpResponse<String> unbound = post(fast, "/test/nobody/victim", "");
    assertThat(unbound.statusCode()).isEqualTo(404);
    assertThat(unbound.body()).contains("test/nobody");

    assertThat(post(checkpointed, "/test/greeter", "").statusCode()).isEqualTo(400);
    assertThat(post(checkpointed, "/test/greeter/victim/more", "").statusCode()).isEqualTo(400);
    assertThat(post(checkpointed, "/test/greeter/vic%0D%0Atim", "").statusCode()).isEqualTo(400);
    assertThat(
            rawStatusLine(
                checkpointed,
                "POST /test/greeter/%zz HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n\r\n"))
        .contains(" 400 ");
    assertThat(
            send(checkpointed, "/test/greeter/victim", "", "Statefun-Type", "no-slash")
                .statusCode())
        .isEqualTo(400);
    assertThat(
            rawStatusLine(
                checkpointed,
                "POST /test/greeter/victim HTTP/1.1\r\nHost: x\r\nStatefun-Type: a/b\u0001c\r\n"
                    + "Content-Length: 0\r\n\r\n"))
        .contains(" 400 ");

    HttpResponse<String> tooLarge = post(checkpointed, "/test/greeter/victim", "x".repeat(2048));
    assertThat(tooLarge.statusCode()).isEqualTo(413);

    assertThat(post(checkpointed, "/test/greeter/victim", "").body())
        .as("none of the bad requests reached the function")
        .isEqualTo("Hello victim, you are visitor #1");
  }

  @Test
  void anIngressWithATokenAnswers401WithoutIt() throws Exception {
    HttpResponse<String> refused = post(guarded, "/test/echo/x", "hi");
    assertThat(refused.statusCode()).isEqualTo(401);
    assertThat(refused.headers().firstValue("WWW-Authenticate")).hasValue("Bearer");

    HttpResponse<String> wrong = send(guarded, "/test/echo/x", "hi", "Authorization", "Bearer no");
    assertThat(wrong.statusCode()).isEqualTo(401);

    HttpResponse<String> allowed =
        send(guarded, "/test/echo/x", "hi", "Authorization", "Bearer s3cret");
    assertThat(allowed.statusCode()).isEqualTo(200);
    assertThat(allowed.body()).isEqualTo("hi");
  }

  @Test
  void noReplyInTimeGives504WithTheRequestIdAndAFullIngress503() throws Exception {
    // room for one pending request: of two at once, one waits (and times out), one is refused
    CompletableFuture<HttpResponse<String>> first = postAsync(fast, "/test/silent/a", "");
    CompletableFuture<HttpResponse<String>> second = postAsync(fast, "/test/silent/b", "");
    List<HttpResponse<String>> both = List.of(first.join(), second.join());

    HttpResponse<String> refused =
        both.stream().filter(r -> r.statusCode() == 503).findFirst().orElseThrow();
    assertThat(refused.headers().firstValue("Retry-After")).hasValue("1");
    HttpResponse<String> timedOut =
        both.stream().filter(r -> r.statusCode() == 504).findFirst().orElseThrow();
    String requestId = timedOut.headers().firstValue("Statefun-Request-Id").orElseThrow();
    assertThat(timedOut.body()).contains("\"requestId\": \"" + requestId + "\"");
  }

  // --- HTTP --------------------------------------------------------------------------------

  private static HttpResponse<String> post(int port, String path, String body) throws Exception {
    return postAsync(port, path, body).join();
  }

  private static CompletableFuture<HttpResponse<String>> postAsync(
      int port, String path, String body) {
    return CLIENT.sendAsync(
        HttpRequest.newBuilder(uri(port, path))
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static HttpResponse<String> send(
      int port, String path, String body, String header, String value) throws Exception {
    return CLIENT.send(
        HttpRequest.newBuilder(uri(port, path))
            .header(header, value)
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /** Sends bytes no well-behaved client would, and returns the status line. */
  private static String rawStatusLine(int port, String request) throws IOException {
    try (Socket socket = new Socket("127.0.0.1", port)) {
      OutputStream out = socket.getOutputStream();
      out.write(request.getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      InputStream in = socket.getInputStream();
      StringBuilder line = new StringBuilder();
      int c;
      while ((c = in.read()) >= 0 && c != '\n') {
        line.append((char) c);
      }
      return line.toString();
    }
  }

  private static URI uri(int port, String path) {
    return URI.create("http://127.0.0.1:" + port + path);
  }

  private static void awaitServing(int port) {
    // any answer from our server will do; 405 costs nothing
    Await.until("the HTTP ingress on port " + port, Duration.ofMinutes(1), () -> answers(port));
  }

  private static boolean answers(int port) {
    try {
      return CLIENT
              .send(
                  HttpRequest.newBuilder(uri(port, "/probe/probe/probe")).GET().build(),
                  HttpResponse.BodyHandlers.discarding())
              .statusCode()
          == 405;
    } catch (IOException notListeningYet) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }
}
