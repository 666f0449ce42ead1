package io.statefun.kafka.yaml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.statefun.kafka.BadRecordPolicy;
import io.statefun.kafka.KafkaEgressDeliverySemantic;
import io.statefun.kafka.KafkaEgressSpec;
import io.statefun.kafka.KafkaIngressAutoResetPosition;
import io.statefun.kafka.KafkaIngressSpec;
import io.statefun.kafka.KafkaIngressStartupPosition;
import io.statefun.kafka.KafkaRoutableTopic;
import io.statefun.runtime.module.Application;
import io.statefun.runtime.module.ApplicationLoader;
import io.statefun.runtime.module.ModuleLoadingException;
import io.statefun.runtime.module.ModuleYaml;
import io.statefun.sdk.TypeName;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

/** The two Kafka kinds read from module.yaml text, without Flink. */
class KafkaYamlKindsTest {

  private static Application load(String yaml) {
    return ApplicationLoader.builder()
        .discoverModules(false)
        .withYamlModule(new ModuleYaml("test/module.yaml", yaml))
        .build()
        .load(KafkaYamlKindsTest.class.getClassLoader());
  }

  @Test
  void ingressReadsEveryStateFunField() {
    Application application =
        load(
            """
            kind: io.statefun.kafka.v1/ingress
            spec:
              id: com.example/names
              address: kafka-broker:9092
              consumerGroupId: my-group
              topics:
                - topic: names
                  valueType: com.example/GreetRequest
                  targets: [com.example/person, com.example/audit]
                - topic: more-names
                  valueType: io.statefun.types/string
                  targets:
                    - com.example/person
              autoOffsetResetPosition: earliest
              startupPosition:
                type: specific-offsets
                offsets:
                  - names/0: 91
                  - names/1: 11
              properties:
                - isolation.level: read_committed
                - max.poll.records: 50
            """);

    KafkaIngressSpec<?> spec =
        (KafkaIngressSpec<?>) application.ingresses().get(TypeName.parse("com.example/names"));
    assertThat(spec.kafkaAddress()).isEqualTo("kafka-broker:9092");
    assertThat(spec.consumerGroupId()).isEqualTo("my-group");
    assertThat(spec.topics()).containsExactly("names", "more-names");
    assertThat(spec.routableTopics().get("names"))
        .isEqualTo(
            new KafkaRoutableTopic(
                "names",
                TypeName.parse("com.example/GreetRequest"),
                List.of(
                    TypeName.parse("com.example/person"), TypeName.parse("com.example/audit"))));
    assertThat(spec.autoResetPosition()).isEqualTo(KafkaIngressAutoResetPosition.EARLIEST);
    assertThat(spec.startupPosition())
        .isEqualTo(
            KafkaIngressStartupPosition.fromSpecificOffsets(
                Map.of(new TopicPartition("names", 0), 91L, new TopicPartition("names", 1), 11L)));
    assertThat(spec.properties())
        .containsEntry("isolation.level", "read_committed")
        .containsEntry("max.poll.records", "50")
        .containsEntry("bootstrap.servers", "kafka-broker:9092")
        .containsEntry("group.id", "my-group")
        .containsEntry("auto.offset.reset", "earliest");
    assertThat(spec.badRecordPolicy()).isEqualTo(BadRecordPolicy.skip());
  }

  @Test
  void ingressDefaultsToLatestAndNamedFieldsWinOverProperties() {
    KafkaIngressSpec<?> spec =
        ingress(
            """
              address: kafka:9092
              topics: [{topic: names, valueType: example/Name, targets: [example/greeter]}]
              properties:
                - bootstrap.servers: elsewhere:9092
            """);

    assertThat(spec.startupPosition()).isEqualTo(KafkaIngressStartupPosition.fromLatest());
    assertThat(spec.autoResetPosition()).isEqualTo(KafkaIngressAutoResetPosition.LATEST);
    assertThat(spec.properties()).containsEntry("bootstrap.servers", "kafka:9092");
  }

  @Test
  void ingressStartupPositionsOfEveryType() {
    assertThat(startupPosition("{type: group-offsets}"))
        .isEqualTo(KafkaIngressStartupPosition.fromGroupOffsets());
    assertThat(startupPosition("{type: earliest}"))
        .isEqualTo(KafkaIngressStartupPosition.fromEarliest());
    assertThat(startupPosition("{type: latest}"))
        .isEqualTo(KafkaIngressStartupPosition.fromLatest());
    assertThat(startupPosition("{type: date, date: \"2020-02-01 04:15:00.000 +0000\"}"))
        .isEqualTo(KafkaIngressStartupPosition.fromDate(Instant.parse("2020-02-01T04:15:00Z")));
  }

  @Test
  void ingressBadRecordPolicies() {
    assertThat(badRecordPolicy("{type: fail}")).isEqualTo(BadRecordPolicy.fail());
    assertThat(badRecordPolicy("{type: skip}")).isEqualTo(BadRecordPolicy.skip());
    assertThat(badRecordPolicy("{type: dead-letter, topic: dlq}"))
        .isEqualTo(BadRecordPolicy.deadLetter("dlq"));
  }

  @Test
  void ingressTypoIsRejectedWithFileAndLine() {
    assertThatThrownBy(
            () ->
                load(
                    """
                    kind: io.statefun.kafka.v1/ingress
                    spec:
                      id: example/names
                      address: kafka:9092
                      consumerGroupID: oops
                      topics: [{topic: names, valueType: example/Name, targets: [example/greeter]}]
                    """))
        .isInstanceOf(ModuleLoadingException.class)
        .hasMessageContaining("test/module.yaml:5")
        .hasMessageContaining("consumerGroupID");
  }

  @Test
  void ingressInvalidValuesAreRejectedNamingTheField() {
    assertThatThrownBy(() -> startupPosition("{type: yesterday}"))
        .isInstanceOf(ModuleLoadingException.class)
        .hasMessageContaining("test/module.yaml:2")
        .hasMessageContaining("startupPosition.type")
        .hasMessageContaining("yesterday");
    assertThatThrownBy(() -> startupPosition("{type: specific-offsets, offsets: [{names: 3}]}"))
        .hasMessageContaining("<topic>/<partition>");
    assertThatThrownBy(() -> startupPosition("{type: date, date: yesterday}"))
        .hasMessageContaining("yyyy-MM-dd HH:mm:ss.SSS Z");
    assertThatThrownBy(
            () ->
                ingress(
                    "  address: kafka:9092\n"
                        + "  topics: [{topic: names, valueType: example/Name, targets: [example/greeter]}]\n"
                        + "  startupPosition: {type: group-offsets}\n"))
        .hasMessageContaining("consumer group id");
    assertThatThrownBy(() -> badRecordPolicy("{type: dead-letter}"))
        .hasMessageContaining("badRecordPolicy.topic");
    assertThatThrownBy(
            () ->
                ingress(
                    "  address: kafka:9092\n  topics: [{topic: names, valueType: example/Name, targets: []}]\n"))
        .hasMessageContaining("topics[0].targets");
    assertThatThrownBy(() -> ingress("  address: kafka:9092\n"))
        .hasMessageContaining("'topics' is required");
    assertThatThrownBy(
            () ->
                ingress(
                    "  topics: [{topic: names, valueType: example/Name, targets: [example/greeter]}]\n"))
        .hasMessageContaining("needs a Kafka address");
  }

  @Test
  void egressReadsEveryStateFunField() {
    Application application =
        load(
            """
            kind: io.statefun.kafka.v1/egress
            spec:
              id: com.example/greets
              address: kafka-broker:9092
              deliverySemantic:
                type: exactly-once
                transactionTimeout: 10min
              properties:
                - foo.config: bar
            ---
            kind: io.statefun.kafka.v1/egress
            spec:
              id: com.example/legacy
              address: kafka-broker:9092
              deliverySemantic: {type: exactly-once, transactionTimeoutMillis: 100000, transactionTimeout: 1min}
            ---
            kind: io.statefun.kafka.v1/egress
            spec:
              id: com.example/plain
              address: kafka-broker:9092
            """);

    KafkaEgressSpec greets =
        (KafkaEgressSpec) application.egresses().get(TypeName.parse("com.example/greets"));
    assertThat(greets.deliverySemantic())
        .isEqualTo(KafkaEgressDeliverySemantic.exactlyOnce(Duration.ofMinutes(10)));
    assertThat(greets.properties())
        .containsEntry("foo.config", "bar")
        .containsEntry("bootstrap.servers", "kafka-broker:9092")
        .containsEntry("transaction.timeout.ms", "600000");
    KafkaEgressSpec legacy =
        (KafkaEgressSpec) application.egresses().get(TypeName.parse("com.example/legacy"));
    assertThat(legacy.deliverySemantic().transactionTimeout()).isEqualTo(Duration.ofMillis(100000));
    KafkaEgressSpec plain =
        (KafkaEgressSpec) application.egresses().get(TypeName.parse("com.example/plain"));
    assertThat(plain.deliverySemantic()).isEqualTo(KafkaEgressDeliverySemantic.atLeastOnce());
  }

  @Test
  void egressExactlyOnceDefaultsToFifteenMinuteTransactions() {
    KafkaEgressSpec spec = egress("  deliverySemantic: {type: exactly-once}\n");
    assertThat(spec.deliverySemantic().transactionTimeout()).isEqualTo(Duration.ofMinutes(15));
    assertThat(egress("  deliverySemantic: {type: none}\n").deliverySemantic())
        .isEqualTo(KafkaEgressDeliverySemantic.none());
  }

  @Test
  void egressInvalidValuesAreRejectedNamingTheField() {
    assertThatThrownBy(() -> egress("  deliverySemantic: {type: twice}\n"))
        .isInstanceOf(ModuleLoadingException.class)
        .hasMessageContaining("test/module.yaml:2")
        .hasMessageContaining("deliverySemantic.type");
    assertThatThrownBy(
            () -> egress("  deliverySemantic: {type: exactly-once, transactionTimeout: soon}\n"))
        .hasMessageContaining("deliverySemantic.transactionTimeout");
    assertThatThrownBy(() -> egress("  deliverySemantic: {type: none, transactionTimeout: 1min}\n"))
        .hasMessageContaining("only goes with type exactly-once");
    assertThatThrownBy(() -> egress("  deliverySemantic: {type: none, timeout: 1min}\n"))
        .hasMessageContaining("timeout");
  }

  private static KafkaIngressSpec<?> ingress(String fields) {
    Application application =
        load("kind: io.statefun.kafka.v1/ingress\nspec:\n  id: example/names\n" + fields);
    return (KafkaIngressSpec<?>) application.ingresses().get(TypeName.parse("example/names"));
  }

  private static KafkaIngressStartupPosition startupPosition(String position) {
    return ingress(
            "  address: kafka:9092\n  consumerGroupId: g\n"
                + "  topics: [{topic: names, valueType: example/Name, targets: [example/greeter]}]\n"
                + "  startupPosition: "
                + position
                + "\n")
        .startupPosition();
  }

  private static BadRecordPolicy badRecordPolicy(String policy) {
    return ingress(
            "  address: kafka:9092\n"
                + "  topics: [{topic: names, valueType: example/Name, targets: [example/greeter]}]\n"
                + "  badRecordPolicy: "
                + policy
                + "\n")
        .badRecordPolicy();
  }

  private static KafkaEgressSpec egress(String fields) {
    Application application =
        load(
            "kind: io.statefun.kafka.v1/egress\nspec:\n  id: example/out\n  address: kafka:9092\n"
                + fields);
    return (KafkaEgressSpec) application.egresses().get(TypeName.parse("example/out"));
  }
}
