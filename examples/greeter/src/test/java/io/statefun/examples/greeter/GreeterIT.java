package io.statefun.examples.greeter;

import static org.assertj.core.api.Assertions.assertThat;

import io.statefun.kafka.testing.EmbeddedKafkaExtension;
import io.statefun.kafka.testing.KafkaTestClients;
import io.statefun.runtime.harness.Harness;
import io.statefun.runtime.harness.LoopbackSettings;
import io.statefun.runtime.harness.RunningApplication;
import io.statefun.runtime.testing.Await;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The greeter as users run it: the module found by ServiceLoader, its Kafka address from the global
 * configuration, a real broker, greetings read back with read_committed; with {@code http-port}
 * set, visits over HTTP get the greeting as their reply and are greeted on Kafka too.
 */
class GreeterIT {
  @RegisterExtension static final EmbeddedKafkaExtension KAFKA = new EmbeddedKafkaExtension();
  @RegisterExtension static final MiniClusterExtension CLUSTER = localCluster();

  private static final HttpClient HTTP =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  @Test
  void namesBecomeCountedGreetingsExactlyOnce() throws Exception {
    KAFKA.broker().createTopic("names", 2);
    KAFKA.broker().createTopic("greetings", 2);
    List<Map.Entry<String, String>> names = new ArrayList<>();
    for (String name : List.of("alice", "bob", "alice", "carol", "alice", "bob")) {
      names.add(Map.entry(name, name));
    }
    names.add(new java.util.AbstractMap.SimpleEntry<>(null, "a record without a name: skipped"));
    KafkaTestClients.produceStrings(KAFKA.bootstrapServers(), "names", names);

    int httpPort = freePort();

    List<ConsumerRecord<byte[], byte[]>> greetings;
    List<String> replies = new ArrayList<>();
    try (RunningApplication app =
        new Harness()
            .withGlobalConfiguration(GreeterModule.KAFKA_ADDRESS, KAFKA.bootstrapServers())
            .withGlobalConfiguration(GreeterModule.HTTP_PORT, Integer.toString(httpPort))
            .withParallelism(2)
            .withCheckpointInterval(Duration.ofMillis(200))
            .start()) {
      // curl -d dave http://127.0.0.1:<port>/example/greeter/dave, twice
      replies.add(visitOverHttp(httpPort, "dave"));
      replies.add(visitOverHttp(httpPort, "dave"));
      greetings =
          KafkaTestClients.readCommitted(
              KAFKA.bootstrapServers(), "greetings", 8, Duration.ofMinutes(1));
    }

    assertThat(replies)
        .containsExactly("Hello dave, you are visitor #1", "Hello dave, you are visitor #2");
    assertThat(greetings)
        .extracting(r -> KafkaTestClients.key(r) + ": " + KafkaTestClients.value(r))
        .containsExactlyInAnyOrder(
            "alice: Hello alice, you are visitor #1",
            "alice: Hello alice, you are visitor #2",
            "alice: Hello alice, you are visitor #3",
            "bob: Hello bob, you are visitor #1",
            "bob: Hello bob, you are visitor #2",
            "carol: Hello carol, you are visitor #1",
            "dave: Hello dave, you are visitor #1",
            "dave: Hello dave, you are visitor #2");
  }

  /** The reply to a visit over HTTP, once the ingress serves (it starts with the job's tasks). */
  private static String visitOverHttp(int port, String name) throws Exception {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/example/greeter/" + name))
            .timeout(Duration.ofSeconds(30))
            .POST(HttpRequest.BodyPublishers.ofString(name))
            .build();
    String[] answer = new String[1];
    Await.until(
        "the HTTP ingress's answer to " + name,
        Duration.ofMinutes(1),
        () -> {
          try {
            HttpResponse<String> response =
                HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() == 503) {
              return false; // the server is starting
            }
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            answer[0] = response.body();
            return true;
          } catch (ConnectException notListeningYet) {
            return false;
          } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
          }
        });
    return answer[0];
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
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
