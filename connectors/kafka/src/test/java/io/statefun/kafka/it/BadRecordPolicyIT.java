package io.statefun.kafka.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.statefun.kafka.testing.EmbeddedKafkaExtension;
import io.statefun.kafka.testing.KafkaTestClients;
import io.statefun.runtime.harness.Harness;
import io.statefun.runtime.harness.RunningApplication;
import io.statefun.runtime.testing.Await;
import io.statefun.runtime.testing.RecordingMetricReporter;
import io.statefun.runtime.testing.TestClusters;
import io.statefun.sdk.Types;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
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
 * built-in value type, and a record the Java deserializer throws on; and the corpus of bad records
 * under the dead-letter policy. One broker and one cluster for the class.
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

  /**
   * The bad-record corpus, under the dead-letter policy: binary garbage for every built-in type, a
   * record without a key, a header flood on a good and on a bad record, and a bad record so close
   * to the size limit that its dead letter (the record plus where it came from) is over it. Each
   * bad record becomes one dead letter; each good one arrives once; an empty value is the encoding
   * of the built-in type's default (0, false, "") and arrives as that.
   */
  @Test
  void theCorpusOfBadRecordsIsDeadLetteredAndEveryGoodRecordArrivesOnce() throws Exception {
    Map<String, byte[]> goodValues = new TreeMap<>();
    goodValues.put("bool", Types.BOOL.serialize(true));
    goodValues.put("int", Types.INT.serialize(7));
    goodValues.put("long", Types.LONG.serialize(7L));
    goodValues.put("float", Types.FLOAT.serialize(1.5f));
    goodValues.put("double", Types.DOUBLE.serialize(2.5));
    goodValues.put("string", Types.STRING.serialize("s"));
    byte[] garbage = {(byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF};
    StringBuilder topics = new StringBuilder();
    List<String> expected = new ArrayList<>();
    for (Map.Entry<String, byte[]> type : goodValues.entrySet()) {
      String topic = "corpus-" + type.getKey();
      String valueType = "io.statefun.types/" + type.getKey();
      KAFKA.broker().createTopic(topic, 1);
      topics.append(
          "    - {topic: %s, valueType: %s, targets: [test/recorder-a]}\n"
              .formatted(topic, valueType));
      KafkaTestClients.produce(
          KAFKA.bootstrapServers(),
          List.of(
              new ProducerRecord<>(topic, 0, utf8("good"), type.getValue()),
              new ProducerRecord<>(topic, 0, utf8("garbage"), garbage),
              new ProducerRecord<>(topic, 0, utf8("empty"), new byte[0]),
              new ProducerRecord<>(topic, 0, utf8("after"), type.getValue())));
      for (String id : List.of("good", "empty", "after")) {
        expected.add(id + "|" + valueType);
      }
    }
    ProducerRecord<byte[], byte[]> floodGood =
        new ProducerRecord<>("corpus-string", 0, utf8("flood"), Types.STRING.serialize("f"));
    ProducerRecord<byte[], byte[]> floodBad =
        new ProducerRecord<>("corpus-string", 0, utf8("flood-bad"), garbage);
    for (int i = 0; i < 10_000; i++) {
      floodGood.headers().add("h" + i, new byte[] {1});
      floodBad.headers().add("h" + i, new byte[] {1});
    }
    byte[] nearTheLimit = new byte[1_048_400]; // the producer's max.request.size is 1048576
    java.util.Arrays.fill(nearTheLimit, (byte) 0xFF);
    KafkaTestClients.produce(
        KAFKA.bootstrapServers(),
        List.of(
            new ProducerRecord<>("corpus-string", 0, null, Types.STRING.serialize("no key")),
            floodGood,
            floodBad,
            new ProducerRecord<>("corpus-string", 0, utf8("big"), nearTheLimit),
            new ProducerRecord<>("corpus-string", 0, utf8("last"), Types.STRING.serialize("z"))));
    expected.add("flood|io.statefun.types/string");
    expected.add("last|io.statefun.types/string");
    KAFKA.broker().createTopic("corpus-letters", 1);
    String yaml =
        """
        kind: io.statefun.kafka.v1/ingress
        spec:
          id: test/corpus
          address: %s
          startupPosition: {type: earliest}
          badRecordPolicy: {type: dead-letter, topic: corpus-letters}
          topics:
        %s"""
            .formatted(KAFKA.bootstrapServers(), topics);

    ConcurrentLinkedQueue<String> seen = new ConcurrentLinkedQueue<>();
    List<ConsumerRecord<byte[], byte[]>> letters;
    try (RunningApplication app = start(yaml, seen)) {
      letters =
          KafkaTestClients.readCommitted(KAFKA.bootstrapServers(), "corpus-letters", 9, LIMIT);
      Await.until(
          expected.size() + " good records",
          LIMIT,
          () -> seen.size() >= expected.size(),
          seen::toString);
      Await.until(
          "9 dead-lettered records counted",
          LIMIT,
          () -> RecordingMetricReporter.sum("test/corpus", "badRecordsDeadLettered") == 9,
          () -> RecordingMetricReporter.describe("test/corpus"));
    }

    assertThat(seen)
        .extracting(line -> line.split("\\|", 4))
        .extracting(fields -> fields[1] + "|" + fields[2])
        .containsExactlyInAnyOrderElementsOf(expected);
    assertThat(letters)
        .extracting(
            letter ->
                (letter.key() == null ? "(no key)" : KafkaTestClients.key(letter))
                    + "@"
                    + headers(letter).get("statefun.source.topic"))
        .containsExactlyInAnyOrder(
            "garbage@corpus-bool",
            "garbage@corpus-int",
            "garbage@corpus-long",
            "garbage@corpus-float",
            "garbage@corpus-double",
            "garbage@corpus-string",
            "(no key)@corpus-string",
            "flood-bad@corpus-string",
            "big@corpus-string");
    ConsumerRecord<byte[], byte[]> flood = letterWithKey(letters, "flood-bad");
    assertThat(flood.headers().toArray()).hasSizeGreaterThan(10_000);
    ConsumerRecord<byte[], byte[]> big = letterWithKey(letters, "big");
    assertThat(big.value()).isNull();
    assertThat(headers(big))
        .containsEntry("statefun.bad-record.value-dropped-bytes", "1048400")
        .containsEntry("statefun.source.offset", "7");
  }

  // --- helpers -----------------------------------------------------------------------------------

  private static ConsumerRecord<byte[], byte[]> letterWithKey(
      List<ConsumerRecord<byte[], byte[]>> letters, String key) {
    return letters.stream()
        .filter(letter -> letter.key() != null && KafkaTestClients.key(letter).equals(key))
        .findFirst()
        .orElseThrow();
  }

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
