package io.statefun.kafka.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.statefun.kafka.testing.EmbeddedKafkaExtension;
import io.statefun.kafka.testing.KafkaTestClients;
import io.statefun.runtime.harness.Harness;
import io.statefun.runtime.harness.RunningApplication;
import io.statefun.runtime.testing.RecordingMetricReporter;
import io.statefun.runtime.testing.TestClusters;
import io.statefun.sdk.Types;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.util.ExceptionUtils;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Each bad-record policy of the Kafka ingress on a topic that mixes good records with bad ones: a
 * record without a key (the key is the function id), a value that is not the encoding of its
 * built-in value type, and a record the Java deserializer throws on.
 */
class BadRecordPolicyIT {
  @RegisterExtension static final EmbeddedKafkaExtension KAFKA = new EmbeddedKafkaExtension();
  @RegisterExtension static final MiniClusterExtension CLUSTER = TestClusters.twoTaskManagers();

  private static final Duration LIMIT = Duration.ofMinutes(1);

  @Test
  void skipLogsCountsAndGoesOn() throws Exception {
    writeGoodAndBadRecords("bad-skip");
    ConcurrentLinkedQueue<String> seen = new ConcurrentLinkedQueue<>();
    try (RunningApplication app = start(ingressYaml("bad-skip", "{type: skip}"), seen)) {
      Await.until("both good records", LIMIT, () -> seen.size() >= 2, seen::toString);
      Await.until(
          "2 skipped records counted",
          LIMIT,
          () -> RecordingMetricReporter.sum("test/bad-skip", "badRecordsSkipped") == 2,
          () -> RecordingMetricReporter.describe("bad-skip"));
    }

    assertThat(seen)
        .containsExactly(
            "recorder-a|alice|io.statefun.types/string|good 1",
            "recorder-a|alice|io.statefun.types/string|good 2");
  }

  @Test
  void skipIsTheDefault() throws Exception {
    writeGoodAndBadRecords("bad-default");
    ConcurrentLinkedQueue<String> seen = new ConcurrentLinkedQueue<>();
    try (RunningApplication app = start(ingressYaml("bad-default", null), seen)) {
      Await.until(
          "2 skipped records counted",
          LIMIT,
          () -> RecordingMetricReporter.sum("test/bad-default", "badRecordsSkipped") == 2,
          () -> RecordingMetricReporter.describe("bad-default"));
      Await.until("both good records", LIMIT, () -> seen.size() >= 2, seen::toString);
    }

    assertThat(seen).hasSize(2);
  }

  @Test
  void deadLetterWritesTheRecordWithWhereItCameFromAndCounts() throws Exception {
    writeGoodAndBadRecords("bad-dlq");
    KAFKA.broker().createTopic("bad-dlq-letters", 1);
    ConcurrentLinkedQueue<String> seen = new ConcurrentLinkedQueue<>();
    List<ConsumerRecord<byte[], byte[]>> letters;
    try (RunningApplication app =
        start(ingressYaml("bad-dlq", "{type: dead-letter, topic: bad-dlq-letters}"), seen)) {
      Await.until("both good records", LIMIT, () -> seen.size() >= 2, seen::toString);
      letters =
          KafkaTestClients.readCommitted(KAFKA.bootstrapServers(), "bad-dlq-letters", 2, LIMIT);
      Await.until(
          "2 dead-lettered records counted",
          LIMIT,
          () -> RecordingMetricReporter.sum("test/bad-dlq", "badRecordsDeadLettered") == 2,
          () -> RecordingMetricReporter.describe("bad-dlq"));
    }

    assertThat(seen).hasSize(2);
    assertThat(letters).hasSize(2);
    assertThat(letters.get(0).key()).isNull();
    assertThat(KafkaTestClients.value(letters.get(0))).isEqualTo("no key");
    assertThat(headers(letters.get(0)))
        .containsEntry("statefun.ingress", "test/bad-dlq")
        .containsEntry("statefun.source.topic", "bad-dlq")
        .containsEntry("statefun.source.partition", "0")
        .containsEntry("statefun.source.offset", "1")
        .containsEntry("origin", "test");
    assertThat(headers(letters.get(0)).get("statefun.bad-record.reason")).contains("no key");
    assertThat(KafkaTestClients.key(letters.get(1))).isEqualTo("bob");
    assertThat(KafkaTestClients.value(letters.get(1))).isEqualTo("raw text");
    assertThat(headers(letters.get(1)))
        .containsEntry("statefun.source.offset", "3")
        .hasEntrySatisfying(
            "statefun.bad-record.reason",
            reason -> assertThat(reason).contains("io.statefun.types/string"));
  }

  @Test
  void failStopsTheJobNamingTheRecord() throws Exception {
    writeGoodAndBadRecords("bad-fail");
    ConcurrentLinkedQueue<String> seen = new ConcurrentLinkedQueue<>();
    try (RunningApplication app =
        harness()
            .withConfiguration("restart-strategy.type", "none")
            .withModuleYaml("it/module.yaml", ingressYaml("bad-fail", "{type: fail}"))
            .withEgress(RecorderModule.SEEN, value -> seen.add(value.as(Types.STRING)))
            .start()) {
      assertThatThrownBy(() -> app.jobClient().getJobExecutionResult().get(1, TimeUnit.MINUTES))
          .satisfies(
              failure ->
                  assertThat(ExceptionUtils.stringifyException(failure))
                      .contains(
                          "Kafka ingress test/bad-fail: bad record at topic bad-fail, partition 0, offset 1")
                      .contains("bad-record policy: fail"));
    }
  }

  @Test
  void aDeserializerThatThrowsMakesABadRecord() throws Exception {
    KAFKA.broker().createTopic("bad-java", 1);
    KafkaTestClients.produce(
        KAFKA.bootstrapServers(),
        List.of(
            new ProducerRecord<>("bad-java", 0, utf8("erin"), utf8("e1")),
            new ProducerRecord<>("bad-java", 0, null, utf8("no key")),
            new ProducerRecord<>("bad-java", 0, utf8("erin"), utf8("e2"))));
    ConcurrentLinkedQueue<String> seen = new ConcurrentLinkedQueue<>();
    try (RunningApplication app =
        harness()
            .withGlobalConfiguration("java-ingress.topic", "bad-java")
            .withGlobalConfiguration("java-ingress.address", KAFKA.bootstrapServers())
            .withEgress(RecorderModule.SEEN, value -> seen.add(value.as(Types.STRING)))
            .start()) {
      Await.until("both good records", LIMIT, () -> seen.size() >= 2, seen::toString);
      Await.until(
          "1 skipped record counted",
          LIMIT,
          () -> RecordingMetricReporter.sum("test/java", "badRecordsSkipped") == 1,
          () -> RecordingMetricReporter.describe("test/java"));
    }

    assertThat(seen)
        .containsExactly(
            "recorder-a|erin|io.statefun.types/string|e1",
            "recorder-a|erin|io.statefun.types/string|e2");
  }

  // --- helpers -----------------------------------------------------------------------------------

  /** Offsets 0 and 2 are good; 1 has no key; 3 is raw text where a built-in string is declared. */
  private static void writeGoodAndBadRecords(String topic) throws Exception {
    KAFKA.broker().createTopic(topic, 1);
    ProducerRecord<byte[], byte[]> noKey = new ProducerRecord<>(topic, 0, null, utf8("no key"));
    noKey.headers().add("origin", utf8("test"));
    KafkaTestClients.produce(
        KAFKA.bootstrapServers(),
        List.of(
            new ProducerRecord<>(topic, 0, utf8("alice"), Types.STRING.serialize("good 1")),
            noKey,
            new ProducerRecord<>(topic, 0, utf8("alice"), Types.STRING.serialize("good 2")),
            new ProducerRecord<>(topic, 0, utf8("bob"), utf8("raw text"))));
  }

  private static String ingressYaml(String topic, String policy) {
    return """
        kind: io.statefun.kafka.v1/ingress
        spec:
          id: test/%s
          address: %s
          startupPosition: {type: earliest}
          topics:
            - topic: %s
              valueType: io.statefun.types/string
              targets: [test/recorder-a]
        %s"""
        .formatted(
            topic,
            KAFKA.bootstrapServers(),
            topic,
            policy == null ? "" : "  badRecordPolicy: " + policy + "\n");
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

  private static Map<String, String> headers(ConsumerRecord<byte[], byte[]> record) {
    Map<String, String> headers = new TreeMap<>();
    for (Header header : record.headers()) {
      headers.put(header.key(), new String(header.value(), StandardCharsets.UTF_8));
    }
    return headers;
  }

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
