package io.statefun.http.it;

import static io.statefun.http.it.PlaygroundCurl.call;
import static io.statefun.http.it.PlaygroundCurl.get;
import static io.statefun.http.it.PlaygroundCurl.nextRecord;
import static io.statefun.http.it.PlaygroundCurl.put;
import static org.assertj.core.api.Assertions.assertThat;

import io.statefun.runtime.harness.Harness;
import io.statefun.runtime.harness.RunningApplication;
import io.statefun.runtime.testing.TestClusters;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The StateFun playground's {@code java/greeter} as its README runs it, with {@code statefun local}
 * instead of Docker: its {@code module.yaml} (playground ingress and egress kinds), its functions
 * written with the official Java SDK ({@link PlaygroundJavaGreeter}), at parallelism 2, driven by
 * the README's curl lines.
 */
class PlaygroundJavaGreeterIT {
  @RegisterExtension static final MiniClusterExtension CLUSTER = TestClusters.twoTaskManagers();

  private static final String USER_LOGIN = "application/vnd.greeter.types/UserLogin";

  private static SdkFunctionsServer functions;
  private static RunningApplication app;
  private static int ingress;
  private static int egress;

  @BeforeAll
  static void startTheGreeter() throws Exception {
    functions = new SdkFunctionsServer(PlaygroundJavaGreeter.functions());
    ingress = PlaygroundCurl.freePort();
    egress = PlaygroundCurl.freePort();
    String yaml =
        PlaygroundCurl.moduleYaml(
            "/playground/java-greeter/module.yaml",
            Map.of(
                "FUNCTIONS_URL", functions.url(),
                "INGRESS_PORT", String.valueOf(ingress),
                "EGRESS_PORT", String.valueOf(egress)));
    app =
        new Harness()
            .withoutModuleDiscovery()
            .withModuleYaml("java-greeter/module.yaml", yaml)
            .withModule(CrashOnceModule.class)
            .withParallelism(2)
            .withCheckpointInterval(Duration.ofMillis(200))
            .withConfiguration("restart-strategy.type", "fixed-delay")
            .withConfiguration("restart-strategy.fixed-delay.attempts", "3")
            .withConfiguration("restart-strategy.fixed-delay.delay", "50 ms")
            .start();
    PlaygroundCurl.awaitListening(ingress);
    PlaygroundCurl.awaitListening(egress);
  }

  @AfterAll
  static void stop() throws Exception {
    try {
      if (app != null) {
        assertThat(app.status()).as("no request failed the job").isEqualTo(JobStatus.RUNNING);
        app.close();
      }
    } finally {
      if (functions != null) {
        functions.close();
      }
    }
  }

  @Test
  void theReadmeCurlLinesGreetJoeAndThenGreetHimAgain() throws Exception {
    // curl -X PUT -H "Content-Type: application/vnd.greeter.types/UserLogin"
    //   -d '{"user_id": "1", "user_name": "Joe", "login_type": "WEB"}'
    // localhost:8090/greeter.fns/user/1
    HttpResponse<String> accepted =
        put(
            ingress,
            "/greeter.fns/user/1",
            USER_LOGIN,
            "{\"user_id\": \"1\", \"user_name\": \"Joe\", \"login_type\": \"WEB\"}");
    assertThat(accepted.statusCode()).isEqualTo(200);
    assertThat(accepted.body()).isEmpty();

    // curl -X GET localhost:8091/greetings
    assertThat(nextRecord(egress, "greetings")).isEqualTo("Welcome Joe!");

    assertThat(
            put(
                    ingress,
                    "/greeter.fns/user/1",
                    USER_LOGIN,
                    "{\"user_id\": \"1\", \"user_name\": \"Joe\", \"login_type\": \"MOBILE\"}")
                .statusCode())
        .isEqualTo(200);
    assertThat(nextRecord(egress, "greetings")).isEqualTo("Nice to see you again Joe.");
    assertThat(get(egress, "/greetings").statusCode()).as("every record read once").isEqualTo(404);
  }

  @Test
  void bothIngressSubtasksShareOnePortAndEveryGreetingArrivesOnce() throws Exception {
    Set<String> subtasks = new HashSet<>();
    List<String> expected = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      HttpResponse<String> accepted =
          put(
              ingress,
              "/greeter.fns/user/crowd-" + i,
              USER_LOGIN,
              "{\"user_id\": \"crowd-%d\", \"user_name\": \"Guest %d\", \"login_type\": \"WEB\"}"
                  .formatted(i, i));
      assertThat(accepted.statusCode()).isEqualTo(200);
      String requestId = accepted.headers().firstValue("Statefun-Request-Id").orElseThrow();
      subtasks.add(requestId.substring(0, requestId.indexOf('-')));
      expected.add("Welcome Guest " + i + "!");
    }
    List<String> greetings = new ArrayList<>();
    for (int i = 0; i < expected.size(); i++) {
      greetings.add(nextRecord(egress, "greetings"));
    }

    assertThat(subtasks).as("both ingress subtasks took requests").containsExactly("0", "1");
    assertThat(greetings).containsExactlyInAnyOrderElementsOf(expected);
    assertThat(get(egress, "/greetings").statusCode()).isEqualTo(404);
  }

  @Test
  void aFailoverNeitherLosesNorRepeatsAGreeting() throws Exception {
    assertThat(
            put(
                    ingress,
                    "/greeter.fns/user/ann",
                    USER_LOGIN,
                    "{\"user_id\": \"ann\", \"user_name\": \"Ann\", \"login_type\": \"WEB\"}")
                .statusCode())
        .isEqualTo(200);
    // Ann's greeting is held or published when the job fails; either way it comes once
    try {
      assertThat(put(ingress, "/test.crash/once/now", "text/plain", "crash").statusCode())
          .as("the subtask holding the request stopped")
          .isEqualTo(503);
    } catch (IOException connectionClosedByTheFailover) {
      // as good an answer: the message was never acknowledged
    }
    PlaygroundCurl.awaitAccepted(ingress, "/test.crash/once/after", "text/plain", "fine");

    assertThat(nextRecord(egress, "greetings")).isEqualTo("Welcome Ann!");
    assertThat(
            put(
                    ingress,
                    "/greeter.fns/user/ann",
                    USER_LOGIN,
                    "{\"user_id\": \"ann\", \"user_name\": \"Ann\", \"login_type\": \"WEB\"}")
                .statusCode())
        .isEqualTo(200);
    assertThat(nextRecord(egress, "greetings"))
        .as("no second 'Welcome Ann!' before it, and Ann's count survived the restore")
        .isEqualTo("Nice to see you again Ann.");
    assertThat(get(egress, "/greetings").statusCode()).isEqualTo(404);
  }

  @Test
  void badRequestsGetClearAnswersAndReachNoFunction() throws Exception {
    HttpResponse<String> get = call(ingress, "GET", "/greeter.fns/user/1");
    assertThat(get.statusCode()).isEqualTo(405);
    assertThat(get.headers().firstValue("Allow")).hasValue("PUT, POST");

    HttpResponse<String> unbound = put(ingress, "/other.fns/user/1", USER_LOGIN, "{}");
    assertThat(unbound.statusCode()).isEqualTo(404);
    assertThat(unbound.body()).contains("other.fns/user");

    assertThat(put(ingress, "/greeter.fns/user", USER_LOGIN, "{}").statusCode()).isEqualTo(400);
    assertThat(put(ingress, "/greeter.fns/user/1%0D%0A", USER_LOGIN, "{}").statusCode())
        .isEqualTo(400);
    assertThat(put(ingress, "/greeter.fns/user/1", "application/vnd.no-slash", "{}").statusCode())
        .isEqualTo(400);

    assertThat(call(egress, "GET", "/nonsense").statusCode())
        .as("the playground's answer to an unknown topic")
        .isEqualTo(405);
    HttpResponse<String> post = call(egress, "POST", "/greetings");
    assertThat(post.statusCode()).isEqualTo(405);
    assertThat(post.headers().firstValue("Allow")).hasValue("GET");
    assertThat(get(egress, "/greetings").statusCode())
        .as("no bad request made a greeting")
        .isEqualTo(404);
  }
}
