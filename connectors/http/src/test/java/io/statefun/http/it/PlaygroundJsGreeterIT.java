package io.statefun.http.it;

import static io.statefun.http.it.PlaygroundCurl.get;
import static io.statefun.http.it.PlaygroundCurl.nextRecord;
import static io.statefun.http.it.PlaygroundCurl.put;
import static org.assertj.core.api.Assertions.assertThat;

import io.statefun.runtime.harness.Harness;
import io.statefun.runtime.harness.RunningApplication;
import io.statefun.runtime.testing.TestClusters;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The StateFun playground's {@code javascript/greeter} as its README runs it, with {@code statefun
 * local} instead of Docker: its {@code module.yaml}, its functions on the official JS SDK under
 * Node ({@code playground/js-greeter/functions.js}), at parallelism 2, driven by the README's curl
 * lines. Skipped where {@code node} or {@code npm} is missing.
 */
class PlaygroundJsGreeterIT {
  @RegisterExtension static final MiniClusterExtension CLUSTER = TestClusters.twoTaskManagers();

  private static final String GREET_REQUEST = "application/vnd.example/GreetRequest";

  private static NodeFunctions functions;
  private static RunningApplication app;
  private static int ingress;
  private static int egress;

  @BeforeAll
  static void startTheGreeter() throws Exception {
    functions = NodeFunctions.start("/playground/js-greeter/functions.js");
    ingress = PlaygroundCurl.freePort();
    egress = PlaygroundCurl.freePort();
    String yaml =
        PlaygroundCurl.moduleYaml(
            "/playground/js-greeter/module.yaml",
            Map.of(
                "FUNCTIONS_URL", functions.url(),
                "INGRESS_PORT", String.valueOf(ingress),
                "EGRESS_PORT", String.valueOf(egress)));
    app =
        new Harness()
            .withoutModuleDiscovery()
            .withModuleYaml("js-greeter/module.yaml", yaml)
            .withParallelism(2)
            .withCheckpointInterval(Duration.ofMillis(200))
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
  void theReadmeCurlLinesGreetBobOncePerVisit() throws Exception {
    String[] greetings = {"Welcome Bob", "Nice to see you again Bob", "Third time is a charm Bob"};
    for (String greeting : greetings) {
      // curl -X PUT -H "Content-Type: application/vnd.example/GreetRequest" -d '{"name": "Bob"}'
      //   localhost:8090/example/person/Bob
      HttpResponse<String> accepted =
          put(ingress, "/example/person/Bob", GREET_REQUEST, "{\"name\": \"Bob\"}");
      assertThat(accepted.statusCode()).isEqualTo(200);

      // curl -X GET localhost:8091/greetings
      assertThat(nextRecord(egress, "greetings")).isEqualTo(greeting);
    }
    assertThat(get(egress, "/greetings").statusCode()).as("every record read once").isEqualTo(404);
  }
}
