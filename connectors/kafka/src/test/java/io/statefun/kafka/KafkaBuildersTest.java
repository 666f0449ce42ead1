package io.statefun.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.statefun.sdk.Message;
import io.statefun.sdk.MessageBuilder;
import io.statefun.sdk.TypeName;
import java.io.ByteArrayOutputStream;
import java.io.ObjectOutputStream;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class KafkaBuildersTest {
  private static final TypeName NAMES = TypeName.parse("example/names");
  private static final TypeName GREETER = TypeName.parse("example/greeter");

  @Test
  void ingressDefaultsAndNamedSettingsWinOverProperties() {
    KafkaIngressSpec<Message> spec =
        KafkaIngressBuilder.<Message>forIdentifier(NAMES)
            .withProperty("bootstrap.servers", "ignored:1")
            .withProperty("group.id", "ignored")
            .withProperty("max.poll.records", "10")
            .withKafkaAddress("kafka:9092")
            .withConsumerGroupId("greeter")
            .withTopic("names")
            .withDeserializer(
                record -> MessageBuilder.forAddress(GREETER, "x").withValue("x").build())
            .build();

    assertThat(spec.type()).isEqualTo(KafkaIngressSpec.TYPE);
    assertThat(spec.startupPosition()).isEqualTo(KafkaIngressStartupPosition.fromLatest());
    assertThat(spec.badRecordPolicy()).isEqualTo(BadRecordPolicy.skip());
    assertThat(spec.properties())
        .containsEntry("bootstrap.servers", "kafka:9092")
        .containsEntry("group.id", "greeter")
        .containsEntry("max.poll.records", "10")
        .containsEntry("auto.offset.reset", "latest");
  }

  @Test
  void ingressSpecsAreSerializableWithTheirLambdaDeserializer() throws Exception {
    KafkaIngressSpec<Message> spec =
        KafkaIngressBuilder.<Message>forIdentifier(NAMES)
            .withKafkaAddress("kafka:9092")
            .withTopic("names")
            .withDeserializer(
                record -> MessageBuilder.forAddress(GREETER, "x").withValue("x").build())
            .build();

    try (ObjectOutputStream out = new ObjectOutputStream(new ByteArrayOutputStream())) {
      out.writeObject(spec);
    }
  }

  @Test
  void ingressMistakesAreNamed() {
    assertThatThrownBy(
            () ->
                KafkaIngressBuilder.forIdentifier(NAMES)
                    .withKafkaAddress("k:1")
                    .withTopic("names")
                    .build())
        .hasMessageContaining("example/names")
        .hasMessageContaining("deserializer");
    assertThatThrownBy(
            () ->
                KafkaIngressBuilder.<Message>forIdentifier(NAMES)
                    .withKafkaAddress("k:1")
                    .withRoutableTopic("names", GREETER, List.of(GREETER))
                    .withStartupPosition(KafkaIngressStartupPosition.fromGroupOffsets())
                    .build())
        .hasMessageContaining("consumer group id");
    assertThatThrownBy(
            () ->
                KafkaIngressBuilder.<Message>forIdentifier(NAMES)
                    .withRoutableTopic("names", GREETER, List.of(GREETER))
                    .build())
        .hasMessageContaining("Kafka address");
  }

  @Test
  void egressDefaultsToAtLeastOnceAndExactlyOnceSetsTheTransactionTimeout() {
    KafkaEgressSpec plain =
        KafkaEgressBuilder.forIdentifier(NAMES).withKafkaAddress("kafka:9092").build();
    KafkaEgressSpec exactlyOnce =
        KafkaEgressBuilder.forIdentifier(NAMES)
            .withKafkaAddress("kafka:9092")
            .withExactlyOnceProducerSemantics(Duration.ofMinutes(5))
            .build();

    assertThat(plain.deliverySemantic()).isEqualTo(KafkaEgressDeliverySemantic.atLeastOnce());
    assertThat(plain.properties()).doesNotContainKey("transaction.timeout.ms");
    assertThat(exactlyOnce.properties()).containsEntry("transaction.timeout.ms", "300000");
    assertThat(KafkaEgressDeliverySemantic.exactlyOnce().transactionTimeout())
        .isEqualTo(Duration.ofMinutes(15));
  }
}
