package io.statefun.examples.greeter.remote;

import static org.assertj.core.api.Assertions.assertThat;

import io.statefun.kafka.testing.EmbeddedKafkaExtension;
import io.statefun.kafka.testing.KafkaTestClients;
import io.statefun.runtime.harness.Harness;
import io.statefun.runtime.harness.LoopbackSettings;
import io.statefun.runtime.harness.RunningApplication;
import io.statefun.runtime.testing.Await;
import io.statefun.sdk.remote.FunctionServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The remote greeter end to end: its service on 127.0.0.1, the example's own {@code module.yaml}
 * (with the broker's and the service's addresses put in), the runtime on a MiniCluster at
 * parallelism 2, a real broker; greetings read back with read_committed.
 */
class GreeterRemoteIT {
  private static final List<String> NAMES =
      List.of("alice", "bob", "alice", "carol", "alice", "bob");
  private static final List<String> GREETINGS =
      List.of(
          "alice: Hello alice, you are visitor #1",
          "alice: Hello alice, you are visitor #2",
          "alice: Hello alice, you are visitor #3",
          "bob: Hello bob, you are visitor #1",
          "bob: Hello bob, you are visitor #2",
          "carol: Hello carol, you are visitor #1");

  @RegisterExtension static final EmbeddedKafkaExtension KAFKA = new EmbeddedKafkaExtension();
  @RegisterExtension static final MiniClusterExtension CLUSTER = localCluster();

  private static FunctionServer service;
  private static int httpPort;

  @BeforeAll
  static void startService() throws Exception {
    service = GreeterService.start("127.0.0.1", 0);
    try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      httpPort = free.getLocalPort();
    }
  }

  @AfterAll
  static void stopService() {
    if (service != null) {
      service.close();
    }
  }

  @Test
  void namesBecomeCountedGreetingsExactlyOnce() throws Exception {
    KAFKA.broker().createTopic("names", 2);
    KAFKA.broker().createTopic("greetings", 2);
    List<Map.Entry<String, String>> names = new ArrayList<>();
    for (String name : NAMES) {
      names.add(Map.entry(name, name));
    }
    names.add(new AbstractMap.SimpleEntry<>(null, "a record without a name: skipped"));
    KafkaTestClients.produceStrings(KAFKA.bootstrapServers(), "names", names);

    List<ConsumerRecord<byte[], byte[]>> greetings;
    try (RunningApplication app =
        new Harness()
            .withoutModuleDiscovery()
            .withModuleYaml("examples/greeter-remote/module.yaml", moduleYaml())
            .withParallelism(2)
            .withCheckpointInterval(Duration.ofMillis(200))
            .start()) {
      greetings =
          KafkaTestClients.readCommitted(
              KAFKA.bootstrapServers(),
              "greetings",
              read ->
                  described(read)
                      .containsAll(List.of(GREETINGS.get(2), GREETINGS.get(4), GREETINGS.get(5))),
              Duration.ofMinutes(1));
      // the shipped module's HTTP ingress: curl -d alice
      // http://127.0.0.1:8090/example/greeter/alice
      assertThat(postUntilServed("/example/greeter/alice", "alice"))
          .isEqualTo("Hello alice, you are visitor #4");
    }

    assertThat(described(greetings)).containsExactlyInAnyOrderElementsOf(GREETINGS);
  }

  /** The example's module.yaml, pointing at this test's broker and service. */
  private static String moduleYaml() throws Exception {
    String shipped = Files.readString(Path.of("module.yaml"), StandardCharsets.UTF_8);
    String local =
        shipped
            .replace("kafka:9092", KAFKA.bootstrapServers())
            .replace("http://greeter-functions:8000/", "http://127.0.0.1:" + service.port() + "/")
            .replace("port: 8090", "port: " + httpPort);
    assertThat(local).doesNotContain("kafka:9092", "greeter-functions", "port: 8090");
    return local;
  }

  /** POSTs to the HTTP ingress, retrying while its server is not listening yet. */
  private static String postUntilServed(String path, String body) throws Exception {
    HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    HttpRequest request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + path))
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build();
    List<HttpResponse<String>> last = new ArrayList<>(List.of());
    // 503 while the ingress subtasks attach to their server; nothing while it starts
    Await.until(
        "the HTTP ingress to answer " + path,
        Duration.ofMinutes(1),
        () -> {
          last.clear();
          try {
            last.add(client.send(request, HttpResponse.BodyHandlers.ofString()));
          } catch (IOException notListeningYet) {
            return false;
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
          }
          return last.get(0).statusCode() != 503;
        },
        last::toString);
    assertThat(last.get(0).statusCode()).as(last.get(0).body()).isEqualTo(200);
    return last.get(0).body();
  }

  private static List<String> described(List<ConsumerRecord<byte[], byte[]>> records) {
    return records.stream()
        .map(r -> KafkaTestClients.key(r) + ": " + KafkaTestClients.value(r))
        .toList();
  }

  private static MiniClusterExtension localCluster() {
    Configuration conf = LoopbackSettings.configuration();
    conf.setString("io.tmp.dirs", System.getProperty("java.io.tmpdir"));
    return new MiniClusterExtension(
        new MiniClusterResourceConfiguration.Builder()
            .setConfiguration(conf)
            .setNumberTaskManagers(2)
            .setNumberSlotsPerTaskManager(2)
            .build());
  }
}
