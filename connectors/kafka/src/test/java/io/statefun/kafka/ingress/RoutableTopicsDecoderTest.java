package io.statefun.kafka.ingress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.statefun.kafka.KafkaRoutableTopic;
import io.statefun.sdk.Address;
import io.statefun.sdk.Message;
import io.statefun.sdk.TypeName;
import io.statefun.sdk.TypedValue;
import io.statefun.sdk.Types;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

class RoutableTopicsDecoderTest {
  private static final TypeName PERSON = TypeName.parse("example/person");
  private static final TypeName AUDIT = TypeName.parse("example/audit");
  private static final TypeName NAME = TypeName.parse("example/Name");

  private final RoutableTopicsDecoder decoder =
      new RoutableTopicsDecoder(
          Map.of(
              "names", new KafkaRoutableTopic("names", NAME, List.of(PERSON, AUDIT)),
              "strings",
                  new KafkaRoutableTopic("strings", Types.STRING.typeName(), List.of(PERSON))));

  @Test
  void theKeyIsTheIdOfEveryTargetAndTheValueTravelsUnchanged() throws Exception {
    List<Object> messages = List.copyOf(decoder.decode(record("names", "bob", utf8("{\"n\":1}"))));

    TypedValue value = new TypedValue(NAME, utf8("{\"n\":1}"));
    assertThat(messages)
        .containsExactly(
            new Message(new Address(PERSON, "bob"), value),
            new Message(new Address(AUDIT, "bob"), value));
  }

  @Test
  void aBuiltInValueTypeIsCheckedAndPassedOn() throws Exception {
    List<?> messages = decoder.decode(record("strings", "bob", Types.STRING.serialize("hi")));

    assertThat(((Message) messages.get(0)).asString()).isEqualTo("hi");
  }

  @Test
  void noKeyOrAMislabelledValueIsABadRecordSayingWhy() {
    assertThatThrownBy(() -> decoder.decode(record("names", null, utf8("x"))))
        .isInstanceOf(BadRecordException.class)
        .hasMessageContaining("no key");
    assertThatThrownBy(() -> decoder.decode(record("strings", "bob", utf8("plain text"))))
        .isInstanceOf(BadRecordException.class)
        .hasMessageContaining("not an encoded io.statefun.types/string");
  }

  private static ConsumerRecord<byte[], byte[]> record(String topic, String key, byte[] value) {
    return new ConsumerRecord<>(topic, 0, 7L, key == null ? null : utf8(key), value);
  }

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
