package io.statefun.kafka.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.statefun.kafka.testing.EmbeddedKafkaExtension;
import io.statefun.kafka.testing.KafkaTestClients;
import io.statefun.runtime.harness.Harness;
import io.statefun.runtime.harness.RunningApplication;
import io.statefun.runtime.testing.TestClusters;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The Kafka egress against a real broker: exactly-once through failures, and the module.yaml kinds
 * end to end. Output is read back with {@code isolation.level=read_committed}.
 */
class KafkaEgressIT {
  @RegisterExtension static final EmbeddedKafkaExtension KAFKA = new EmbeddedKafkaExtension();
  @RegisterExtension static final MiniClusterExtension CLUSTER = TestClusters.twoTaskManagers();

  private static final Duration LIMIT = Duration.ofMinutes(2);
  private static final int NAMES = 12;
  private static final int VISITS_PER_BATCH = 10;

  /**
   * Three batches of names; before the second and the third, a failure is armed to strike in the
   * middle of the batch, after the previous batch's greetings were committed. Every greeting must
   * be there exactly once, with each name's counts 1, 2, 3, ... without gaps or repeats.
   */
  @Test
  void exactlyOnceEgressWritesEveryGreetingOnceDespiteFailures() throws Exception {
    KAFKA.broker().createTopic("eo-names", 2);
    KAFKA.broker().createTopic("eo-greetings", 2);
    CountingGreeterModule.FAIL_COUNTDOWN.set(-1);
    CountingGreeterModule.INJECTED_FAILURES.set(0);
    int perBatch = NAMES * VISITS_PER_BATCH;
    List<ConsumerRecord<byte[], byte[]>> greetings;
    try (RunningApplication app =
        harness()
            .withConfiguration(
                "statefun.job-name", "egress-exactly-once") // its own transactional ids
            .withGlobalConfiguration("greeter.java-io", "true")
            .withGlobalConfiguration("greeter.kafka-address", KAFKA.bootstrapServers())
            .withGlobalConfiguration("greeter.in-topic", "eo-names")
            .withGlobalConfiguration("greeter.out-topic", "eo-greetings")
            .withConfiguration("restart-strategy.type", "fixed-delay")
            .withConfiguration("restart-strategy.fixed-delay.attempts", "10")
            .withConfiguration("restart-strategy.fixed-delay.delay", "100 ms")
            .start()) {
      for (int batch = 1; batch <= 3; batch++) {
        if (batch > 1) {
          CountingGreeterModule.FAIL_COUNTDOWN.set(perBatch / 3);
        }
        produceNames("eo-names");
        greetings =
            KafkaTestClients.readCommitted(
                KAFKA.bootstrapServers(), "eo-greetings", batch * perBatch, LIMIT);
        assertThat(greetings).as("greetings after batch %d", batch).hasSize(batch * perBatch);
      }
      greetings =
          KafkaTestClients.readCommitted(
              KAFKA.bootstrapServers(), "eo-greetings", 3 * perBatch, LIMIT);
    }

    assertThat(CountingGreeterModule.INJECTED_FAILURES.get()).as("injected failures").isEqualTo(2);
    assertThat(greetings).hasSize(3 * perBatch);
    assertThat(greetings.stream().map(KafkaTestClients::value)).doesNotHaveDuplicates();
    Map<String, List<Integer>> countsByName = countsByName(greetings);
    assertThat(countsByName).hasSize(NAMES);
    List<Integer> oneToThirty = new ArrayList<>();
    for (int i = 1; i <= 3 * VISITS_PER_BATCH; i++) {
      oneToThirty.add(i);
    }
    // per name, the greetings are in one partition, in order
    countsByName.forEach((name, counts) -> assertThat(counts).as(name).isEqualTo(oneToThirty));
  }

  @Test
  void yamlIngressAndEgressCarryNamesToGreetings() throws Exception {
    KAFKA.broker().createTopic("yaml-names", 2);
    KAFKA.broker().createTopic("yaml-greetings", 1);
    KafkaTestClients.produce(
        KAFKA.bootstrapServers(),
        List.of(
            new ProducerRecord<>("yaml-names", utf8("alice"), utf8("alice")),
            new ProducerRecord<>("yaml-names", utf8("bob"), utf8("bob")),
            new ProducerRecord<>("yaml-names", utf8("alice"), utf8("alice"))));
    List<ConsumerRecord<byte[], byte[]>> greetings;
    try (RunningApplication app =
        harness()
            .withConfiguration("statefun.job-name", "egress-yaml")
            .withGlobalConfiguration("greeter.out-topic", "yaml-greetings")
            .withModuleYaml(
                "it/module.yaml",
                """
                kind: io.statefun.kafka.v1/ingress
                spec:
                  id: test/names
                  address: %1$s
                  startupPosition: {type: earliest}
                  topics:
                    - topic: yaml-names
                      valueType: test/Name
                      targets: [test/greeter]
                ---
                kind: io.statefun.kafka.v1/egress
                spec:
                  id: test/greetings
                  address: %1$s
                  deliverySemantic:
                    type: exactly-once
                    transactionTimeout: 1min
                """
                    .formatted(KAFKA.bootstrapServers()))
            .start()) {
      greetings =
          KafkaTestClients.readCommitted(KAFKA.bootstrapServers(), "yaml-greetings", 3, LIMIT);
    }

    assertThat(greetings)
        .extracting(r -> KafkaTestClients.key(r) + ": " + KafkaTestClients.value(r))
        .containsExactlyInAnyOrder(
            "alice: Hello alice, you are visitor #1",
            "bob: Hello bob, you are visitor #1",
            "alice: Hello alice, you are visitor #2");
  }

  // --- helpers -----------------------------------------------------------------------------------

  private static Harness harness() {
    return new Harness()
        .withoutModuleDiscovery()
        .withModule(CountingGreeterModule.class)
        .withParallelism(2)
        .withCheckpointInterval(Duration.ofMillis(200));
  }

  private static void produceNames(String topic) throws Exception {
    List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
    for (int visit = 0; visit < VISITS_PER_BATCH; visit++) {
      for (int name = 0; name < NAMES; name++) {
        records.add(new ProducerRecord<>(topic, utf8("name-" + name), utf8("name-" + name)));
      }
    }
    KafkaTestClients.produce(KAFKA.bootstrapServers(), records);
  }

  /** The visit numbers of each name's greetings, in the order they were read. */
  private static Map<String, List<Integer>> countsByName(
      List<ConsumerRecord<byte[], byte[]>> greetings) {
    Map<String, List<Integer>> counts = new TreeMap<>();
    for (ConsumerRecord<byte[], byte[]> greeting : greetings) {
      String value = KafkaTestClients.value(greeting);
      int number = Integer.parseInt(value.substring(value.lastIndexOf('#') + 1));
      counts.computeIfAbsent(KafkaTestClients.key(greeting), k -> new ArrayList<>()).add(number);
    }
    return counts;
  }

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
