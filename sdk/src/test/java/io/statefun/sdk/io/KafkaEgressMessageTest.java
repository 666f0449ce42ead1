package io.statefun.sdk.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.statefun.sdk.EgressMessage;
import io.statefun.sdk.TypeName;
import io.statefun.sdk.Types;
import io.statefun.sdk.egress.generated.KafkaProducerRecord;
import org.junit.jupiter.api.Test;

class KafkaEgressMessageTest {
  private static final TypeName GREETINGS = TypeName.parse("example/greetings");

  @Test
  void buildsAProducerRecordOfStateFunsTypeName() throws Exception {
    EgressMessage message =
        KafkaEgressMessage.forEgress(GREETINGS)
            .withTopic("greetings")
            .withUtf8Key("alice")
            .withUtf8Value("Hello alice, you are visitor #3")
            .build();

    assertThat(message.egress()).isEqualTo(GREETINGS);
    assertThat(message.payload().typeName().canonical())
        .isEqualTo("type.googleapis.com/io.statefun.sdk.egress.KafkaProducerRecord");
    KafkaProducerRecord record = KafkaProducerRecord.parseFrom(message.payload().value());
    assertThat(record.getTopic()).isEqualTo("greetings");
    assertThat(record.getKey()).isEqualTo("alice");
    assertThat(record.getValueBytes().toStringUtf8()).isEqualTo("Hello alice, you are visitor #3");
  }

  @Test
  void aTypedValueIsSerializedByItsType() throws Exception {
    EgressMessage message =
        KafkaEgressMessage.forEgress(GREETINGS)
            .withTopic("numbers")
            .withValue(Types.LONG, 7L)
            .build();

    KafkaProducerRecord record = KafkaProducerRecord.parseFrom(message.payload().value());
    assertThat(record.getKey()).isEmpty();
    assertThat(Types.LONG.deserialize(record.getValueBytes().toByteArray())).isEqualTo(7L);
  }

  @Test
  void topicAndValueAreRequired() {
    assertThatThrownBy(() -> KafkaEgressMessage.forEgress(GREETINGS).withUtf8Value("x").build())
        .hasMessageContaining("needs a topic")
        .hasMessageContaining("example/greetings");
    assertThatThrownBy(() -> KafkaEgressMessage.forEgress(GREETINGS).withTopic("t").build())
        .hasMessageContaining("needs a value");
  }
}
