package io.statefun.examples.greeter;

import static org.assertj.core.api.Assertions.assertThat;

import io.statefun.kafka.testing.EmbeddedKafkaExtension;
import io.statefun.kafka.testing.KafkaTestClients;
import io.statefun.runtime.harness.Harness;
import io.statefun.runtime.harness.LoopbackSettings;
import io.statefun.runtime.harness.RunningApplication;
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
 * configuration, a real broker, greetings read back with read_committed.
 */
class GreeterIT {
  @RegisterExtension static final EmbeddedKafkaExtension KAFKA = new EmbeddedKafkaExtension();
  @RegisterExtension static final MiniClusterExtension CLUSTER = localCluster();

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

    List<ConsumerRecord<byte[], byte[]>> greetings;
    try (RunningApplication app =
        new Harness()
            .withGlobalConfiguration(GreeterModule.KAFKA_ADDRESS, KAFKA.bootstrapServers())
            .withParallelism(2)
            .withCheckpointInterval(Duration.ofMillis(200))
            .start()) {
      greetings =
          KafkaTestClients.readCommitted(
              KAFKA.bootstrapServers(), "greetings", 6, Duration.ofMinutes(1));
    }

    assertThat(greetings)
        .extracting(r -> KafkaTestClients.key(r) + ": " + KafkaTestClients.value(r))
        .containsExactlyInAnyOrder(
            "alice: Hello alice, you are visitor #1",
            "alice: Hello alice, you are visitor #2",
            "alice: Hello alice, you are visitor #3",
            "bob: Hello bob, you are visitor #1",
            "bob: Hello bob, you are visitor #2",
            "carol: Hello carol, you are visitor #1");
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
