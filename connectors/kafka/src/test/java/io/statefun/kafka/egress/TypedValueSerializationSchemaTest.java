package io.statefun.kafka.egress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.statefun.kafka.KafkaEgressSerializer;
import io.statefun.sdk.EgressMessage;
import io.statefun.sdk.TypeName;
import io.statefun.sdk.TypedValue;
import io.statefun.sdk.Types;
import io.statefun.sdk.io.KafkaEgressMessage;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

class TypedValueSerializationSchemaTest {
  private static final TypeName EGRESS = TypeName.parse("example/greetings");
  private final TypedValueSerializationSchema schema =
      new TypedValueSerializationSchema(EGRESS, KafkaEgressSerializer.producerRecords());

  @Test
  void kafkaEgressMessagesBecomeRecordsWithTopicKeyAndValue() {
    EgressMessage message =
        KafkaEgressMessage.forEgress(EGRESS)
            .withTopic("greetings")
            .withUtf8Key("alice")
            .withUtf8Value("Hello alice")
            .build();

    ProducerRecord<byte[], byte[]> record = schema.serialize(message.payload(), null, null);

    assertThat(message.egress()).isEqualTo(EGRESS);
    assertThat(message.payload().typeName().canonical())
        .isEqualTo("type.googleapis.com/io.statefun.sdk.egress.KafkaProducerRecord");
    assertThat(record.topic()).isEqualTo("greetings");
    assertThat(new String(record.key(), StandardCharsets.UTF_8)).isEqualTo("alice");
    assertThat(new String(record.value(), StandardCharsets.UTF_8)).isEqualTo("Hello alice");
  }

  @Test
  void anEmptyKeyMeansNoKeyAndTypedValuesAreSerializedByTheirType() {
    EgressMessage message =
        KafkaEgressMessage.forEgress(EGRESS).withTopic("numbers").withValue(Types.LONG, 7L).build();

    ProducerRecord<byte[], byte[]> record = schema.serialize(message.payload(), null, null);

    assertThat(record.key()).isNull();
    assertThat(Types.LONG.deserialize(record.value())).isEqualTo(7L);
  }

  @Test
  void aValueOfAnotherTypeFailsNamingTheEgressAndType() {
    TypedValue text = TypedValue.of(Types.STRING, "Hello");

    assertThatThrownBy(() -> schema.serialize(text, null, null))
        .hasMessageContaining("Kafka egress example/greetings")
        .hasMessageContaining("io.statefun.types/string")
        .hasMessageContaining("KafkaEgressMessage");
  }

  @Test
  void aCustomSerializerDecidesTheRecord() {
    TypedValueSerializationSchema custom =
        new TypedValueSerializationSchema(
            EGRESS,
            value ->
                new ProducerRecord<>(
                    "out", value.as(Types.STRING).getBytes(StandardCharsets.UTF_8)));

    ProducerRecord<byte[], byte[]> record =
        custom.serialize(TypedValue.of(Types.STRING, "hi"), null, null);

    assertThat(record.topic()).isEqualTo("out");
    assertThat(new String(record.value(), StandardCharsets.UTF_8)).isEqualTo("hi");
  }

  @Test
  void defaultTransactionalIdPrefixIsJobNameAndEgressIdWithSafeCharacters() {
    assertThat(KafkaEgressProvider.defaultTransactionalIdPrefix("my job", EGRESS))
        .isEqualTo("my-job-example-greetings");
  }
}
