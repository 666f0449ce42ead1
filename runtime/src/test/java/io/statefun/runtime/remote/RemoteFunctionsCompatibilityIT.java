package io.statefun.runtime.remote;

import static org.assertj.core.api.Assertions.assertThat;

import io.statefun.runtime.harness.Harness;
import io.statefun.runtime.harness.RunningApplication;
import io.statefun.runtime.remote.http.TestEndpoint;
import io.statefun.runtime.remote.http.UnixSocketEndpoint;
import io.statefun.runtime.testing.Await;
import io.statefun.runtime.testing.TestClusters;
import io.statefun.sdk.TypeName;
import io.statefun.sdk.Types;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Function;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Remote functions written with the official StateFun 3.3.0 Java SDK, and the same with ours,
 * served over HTTP on 127.0.0.1 and driven by our runtime at parallelism 2: lazy state
 * registration, state, function to function with the caller, delayed messages, cancellation, TTL
 * and egress, all exactly once; and the official SDK's functions again behind a Unix domain socket
 * ({@code http+unix}), as a sidecar would serve them.
 */
class RemoteFunctionsCompatibilityIT {
  @RegisterExtension static final MiniClusterExtension CLUSTER = TestClusters.twoTaskManagers();

  private static final TypeName INGRESS = TypeName.parse("compat/in");
  private static final Map<String, Integer> NAMES =
      Map.of("alice", 3, "bob", 2, "carol", 1, "dave", 4, "erin", 2, "frank", 1);

  @Test
  void functionsOfTheOfficialJavaSdkRunUnchanged() throws Exception {
    runScenario("official", CompatScenario.officialHandler("official"), "v2-async");
  }

  @Test
  void functionsOfOurSdkRunTheSame() throws Exception {
    runScenario("ours", CompatScenario.ourHandler("ours"), "v1");
  }

  @Test
  void functionsBehindAUnixDomainSocketRunTheSame(@TempDir Path folder) throws Exception {
    String namespace = "sidecar";
    List<String> expected = CompatScenario.expectedOutput(namespace, NAMES);
    ConcurrentLinkedQueue<String> out = new ConcurrentLinkedQueue<>();
    String yaml;
    try (UnixSocketEndpoint endpoint =
        UnixSocketEndpoint.start(
            folder.resolve("functions.sock"), CompatScenario.officialHandler(namespace))) {
      yaml =
          """
          kind: io.statefun.endpoints.v2/http
          spec:
            functions: %s/*
            urlPathTemplate: %s
          """
              .formatted(namespace, endpoint.url("/statefun/{function.name}"));
      try (RunningApplication app =
          new Harness()
              .withoutModuleDiscovery()
              .withModuleYaml("module.yaml", yaml)
              .withParallelism(2)
              .withCheckpointInterval(Duration.ofMillis(200))
              .withIngress(INGRESS, CompatScenario.input(namespace, NAMES))
              .withEgress(CompatScenario.EGRESS, value -> out.add(value.as(Types.STRING)))
              .start()) {
        Await.until(
            expected.size() + " egress records",
            Duration.ofMinutes(1),
            () -> out.size() >= expected.size(),
            () -> "got " + out);
      }
      assertThat(endpoint.requestLines()).allMatch(line -> line.startsWith("POST /statefun/"));
    }
    assertThat(out).containsExactlyInAnyOrderElementsOf(expected);
  }

  private static void runScenario(
      String namespace, Function<byte[], CompletableFuture<byte[]>> handler, String endpointKind)
      throws Exception {
    List<String> expected = CompatScenario.expectedOutput(namespace, NAMES);
    ConcurrentLinkedQueue<String> out = new ConcurrentLinkedQueue<>();
    try (TestEndpoint endpoint = TestEndpoint.start(handler);
        RunningApplication app =
            new Harness()
                .withoutModuleDiscovery()
                .withModuleYaml("module.yaml", moduleYaml(namespace, endpoint, endpointKind))
                .withParallelism(2)
                .withCheckpointInterval(Duration.ofMillis(200))
                .withIngress(INGRESS, CompatScenario.input(namespace, NAMES))
                .withEgress(CompatScenario.EGRESS, value -> out.add(value.as(Types.STRING)))
                .start()) {
      Await.until(
          expected.size() + " egress records",
          Duration.ofMinutes(1),
          () -> out.size() >= expected.size(),
          () -> "got " + out);
    }
    assertThat(out).containsExactlyInAnyOrderElementsOf(expected);
  }

  private static String moduleYaml(String namespace, TestEndpoint endpoint, String kind) {
    return switch (kind) {
      case "v2-async" ->
          """
          kind: io.statefun.endpoints.v2/http
          spec:
            functions: %s/*
            urlPathTemplate: %s
            maxNumBatchRequests: 500
            transport:
              type: io.statefun.transports.v1/async
              call: 30s
              connect: 5s
          """
              .formatted(namespace, endpoint.url("/{function.name}"));
      case "v1" ->
          """
          kind: io.statefun.endpoints.v1/http
          spec:
            functions: %s/*
            urlPathTemplate: %s
            timeouts:
              call: 30 s
              connect: 5 s
              read: 10 s
              write: 10 s
          """
              .formatted(namespace, endpoint.url("/statefun"));
      default -> throw new IllegalArgumentException(kind);
    };
  }
}
