package io.statefun.kafka.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.statefun.kafka.testing.EmbeddedKafkaExtension;
import io.statefun.kafka.testing.KafkaTestClients;
import io.statefun.runtime.harness.Harness;
import io.statefun.runtime.harness.RunningApplication;
import io.statefun.runtime.testing.Await;
import io.statefun.runtime.testing.TestClusters;
import io.statefun.sdk.Types;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The Kafka ingress against a real broker: where it starts reading, how records become typed
 * messages for one or more function types, and that consumer properties reach the consumer. Records
 * meant to be skipped are written to the same partition with the same key as the ones meant to be
 * read, and before them, so if one were read it would arrive first.
 */
class KafkaIngressIT {
  @RegisterExtension static final EmbeddedKafkaExtension KAFKA = new EmbeddedKafkaExtension();
  @RegisterExtension static final MiniClusterExtension CLUSTER = TestClusters.twoTaskManagers();

  private static final Duration LIMIT = Duration.ofMinutes(1);

  @Test
  void earliestReadsEveryRecordAlreadyInTheTopicForEveryTarget() throws Exception {
    KAFKA.broker().createTopic("earliest", 2);
    produce("earliest", 0, "alice", "a1");
    produce("earliest", 1, "bob", "b1");
    produce("earliest", 0, "alice", "a2");

    List<String> seen =
        runUntil(
            ingressYaml(
                "earliest",
                "test/Text",
                "[test/recorder-a, test/recorder-b]",
                "startupPosition: {type: earliest}"),
            6);

    assertThat(seen)
        .containsExactlyInAnyOrder(
            "recorder-a|alice|test/Text|a1",
            "recorder-b|alice|test/Text|a1",
            "recorder-a|bob|test/Text|b1",
            "recorder-b|bob|test/Text|b1",
            "recorder-a|alice|test/Text|a2",
            "recorder-b|alice|test/Text|a2");
  }

  @Test
  void valuesArriveAsTypedValuesOfTheirTopicsValueType() throws Exception {
    KAFKA.broker().createTopic("typed-strings", 1);
    KAFKA.broker().createTopic("typed-raw", 1);
    produceBytes("typed-strings", 0, "carol", Types.STRING.serialize("héllo"));
    produce("typed-raw", 0, "dave", "{\"name\":\"dave\"}");

    List<String> seen =
        runUntil(
            """
            kind: io.statefun.kafka.v1/ingress
            spec:
              id: test/typed
              address: %s
              startupPosition: {type: earliest}
              topics:
                - topic: typed-strings
                  valueType: io.statefun.types/string
                  targets: [test/recorder-a]
                - topic: typed-raw
                  valueType: com.example/Person
                  targets: [test/recorder-b]
            """
                .formatted(KAFKA.bootstrapServers()),
            2);

    assertThat(seen)
        .containsExactlyInAnyOrder(
            "recorder-a|carol|io.statefun.types/string|héllo",
            "recorder-b|dave|com.example/Person|{\"name\":\"dave\"}");
  }

  @Test
  void latestReadsOnlyRecordsWrittenAfterTheStart() throws Exception {
    KAFKA.broker().createTopic("latest", 1);
    for (int i = 0; i < 3; i++) {
      produce("latest", 0, "k", "old-" + i);
    }
    ConcurrentLinkedQueue<String> seen = new ConcurrentLinkedQueue<>();
    try (RunningApplication app =
        start(
            ingressYaml(
                "latest", "test/Text", "[test/recorder-a]", "startupPosition: {type: latest}"),
            seen)) {
      // the source finds the latest offsets some time after the start: write probes until one
      // arrives
      long[] lastProbe = {0};
      int[] probes = {0};
      Await.until(
          "a record written after the start",
          LIMIT,
          () -> {
            if (System.nanoTime() - lastProbe[0] > Duration.ofMillis(300).toNanos()) {
              produceUnchecked("latest", 0, "k", "new-" + probes[0]++);
              lastProbe[0] = System.nanoTime();
            }
            return !seen.isEmpty();
          },
          seen::toString);
    }

    assertThat(seen).isNotEmpty().allSatisfy(record -> assertThat(record).contains("|new-"));
  }

  @Test
  void groupOffsetsContinueAfterTheGroupsCommittedOffsetAndResetElsewhere() throws Exception {
    KAFKA.broker().createTopic("grouped", 2);
    for (int i = 0; i < 4; i++) {
      produce("grouped", 0, "p0", "g0-" + i);
    }
    produce("grouped", 1, "p1", "g1-0");
    produce("grouped", 1, "p1", "g1-1");
    try (Admin admin = KAFKA.broker().admin()) {
      admin
          .alterConsumerGroupOffsets(
              "it-group", Map.of(new TopicPartition("grouped", 0), new OffsetAndMetadata(2)))
          .all()
          .get();
    }

    List<String> seen =
        runUntil(
            ingressYaml(
                "grouped",
                "test/Text",
                "[test/recorder-a]",
                "consumerGroupId: it-group\n  autoOffsetResetPosition: earliest\n  startupPosition: {type: group-offsets}"),
            4);

    assertThat(seen)
        .containsExactlyInAnyOrder(
            "recorder-a|p0|test/Text|g0-2",
            "recorder-a|p0|test/Text|g0-3",
            "recorder-a|p1|test/Text|g1-0",
            "recorder-a|p1|test/Text|g1-1");
  }

  @Test
  void specificOffsetsStartWhereToldAndResetElsewhere() throws Exception {
    KAFKA.broker().createTopic("specific", 2);
    for (int i = 0; i < 4; i++) {
      produce("specific", 0, "p0", "s0-" + i);
    }
    produce("specific", 1, "p1", "s1-0");

    List<String> seen =
        runUntil(
            ingressYaml(
                "specific",
                "test/Text",
                "[test/recorder-a]",
                "autoOffsetResetPosition: earliest\n  startupPosition: {type: specific-offsets, offsets: [{specific/0: 3}]}"),
            2);

    assertThat(seen)
        .containsExactlyInAnyOrder("recorder-a|p0|test/Text|s0-3", "recorder-a|p1|test/Text|s1-0");
  }

  @Test
  void dateStartsAtTheFirstRecordAtOrAfterIt() throws Exception {
    KAFKA.broker().createTopic("dated", 1);
    produceAt("dated", "k", "january", Instant.parse("2020-01-15T00:00:00Z"));
    produceAt("dated", "k", "march", Instant.parse("2020-03-15T00:00:00Z"));
    produceAt("dated", "k", "now", Instant.now());

    List<String> seen =
        runUntil(
            ingressYaml(
                "dated",
                "test/Text",
                "[test/recorder-a]",
                "startupPosition: {type: date, date: \"2020-02-01 00:00:00.000 +0000\"}"),
            2);

    assertThat(seen).containsExactly("recorder-a|k|test/Text|march", "recorder-a|k|test/Text|now");
  }

  @Test
  void consumerPropertiesReachTheConsumer() throws Exception {
    KAFKA.broker().createTopic("isolated", 1);
    Properties props = new Properties();
    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA.bootstrapServers());
    props.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "ingress-it-isolated");
    try (KafkaProducer<byte[], byte[]> producer =
        new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer())) {
      producer.initTransactions();
      producer.beginTransaction();
      producer.send(new ProducerRecord<>("isolated", 0, utf8("k"), utf8("aborted")));
      producer.flush(); // in the log, so the abort has something to abort
      producer.abortTransaction();
      producer.beginTransaction();
      producer.send(new ProducerRecord<>("isolated", 0, utf8("k"), utf8("committed")));
      producer.commitTransaction();
    }

    List<String> seen =
        runUntil(
            ingressYaml(
                "isolated",
                "test/Text",
                "[test/recorder-a]",
                "startupPosition: {type: earliest}\n  properties:\n    - isolation.level: read_committed"),
            1);

    // without the property the consumer reads uncommitted, so "aborted" would arrive first
    assertThat(seen).containsExactly("recorder-a|k|test/Text|committed");
  }

  @Test
  void javaBuilderDeserializerTurnsRecordsIntoMessages() throws Exception {
    KAFKA.broker().createTopic("java", 2);
    produce("java", 0, "erin", "e1");
    produce("java", 1, "frank", "f1");
    ConcurrentLinkedQueue<String> seen = new ConcurrentLinkedQueue<>();
    try (RunningApplication app =
        harness()
            .withGlobalConfiguration("java-ingress.topic", "java")
            .withGlobalConfiguration("java-ingress.address", KAFKA.bootstrapServers())
            .withEgress(RecorderModule.SEEN, value -> seen.add(value.as(Types.STRING)))
            .start()) {
      Await.until("2 records", LIMIT, () -> seen.size() >= 2, seen::toString);
    }

    assertThat(seen)
        .containsExactlyInAnyOrder(
            "recorder-a|erin|io.statefun.types/string|e1",
            "recorder-a|frank|io.statefun.types/string|f1");
  }

  // --- helpers -----------------------------------------------------------------------------------

  private static String ingressYaml(String topic, String valueType, String targets, String extra) {
    return """
        kind: io.statefun.kafka.v1/ingress
        spec:
          id: test/%s
          address: %s
          topics:
            - topic: %s
              valueType: %s
              targets: %s
          %s
        """
        .formatted(topic, KAFKA.bootstrapServers(), topic, valueType, targets, extra);
  }

  private static Harness harness() {
    return new Harness()
        .withoutModuleDiscovery()
        .withModule(RecorderModule.class)
        .withParallelism(2)
        .withCheckpointInterval(Duration.ofMillis(200));
  }

  private static RunningApplication start(String yaml, ConcurrentLinkedQueue<String> seen)
      throws Exception {
    return harness()
        .withModuleYaml("it/module.yaml", yaml)
        .withEgress(RecorderModule.SEEN, value -> seen.add(value.as(Types.STRING)))
        .start();
  }

  /** Runs the application until {@code count} records were seen; returns them in arrival order. */
  private static List<String> runUntil(String yaml, int count) throws Exception {
    ConcurrentLinkedQueue<String> seen = new ConcurrentLinkedQueue<>();
    try (RunningApplication app = start(yaml, seen)) {
      Await.until(count + " records", LIMIT, () -> seen.size() >= count, seen::toString);
    }
    return new ArrayList<>(seen);
  }

  private static void produce(String topic, int partition, String key, String value)
      throws Exception {
    produceBytes(topic, partition, key, utf8(value));
  }

  private static void produceUnchecked(String topic, int partition, String key, String value) {
    try {
      produce(topic, partition, key, value);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static void produceBytes(String topic, int partition, String key, byte[] value)
      throws Exception {
    KafkaTestClients.produce(
        KAFKA.bootstrapServers(),
        List.of(new ProducerRecord<>(topic, partition, utf8(key), value)));
  }

  private static void produceAt(String topic, String key, String value, Instant timestamp)
      throws Exception {
    KafkaTestClients.produce(
        KAFKA.bootstrapServers(),
        List.of(new ProducerRecord<>(topic, 0, timestamp.toEpochMilli(), utf8(key), utf8(value))));
  }

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
