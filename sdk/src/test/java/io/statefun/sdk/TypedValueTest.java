package io.statefun.sdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import org.junit.jupiter.api.Test;

class TypedValueTest {

  @Test
  void aBuiltInValueReadBackAsItsTypeIsItsOwnObject() {
    Long count = 1234567L;
    TypedValue value = TypedValue.of(Types.LONG, count);

    assertThat(value.as(Types.LONG)).isSameAs(count);
    assertThat(value.is(Types.LONG)).isTrue();
    assertThatThrownBy(() -> value.as(Types.INT)).hasMessageContaining("io.statefun.types/long");
  }

  @Test
  void aBuiltInValueHasTheBytesOfItsEncodingAndEqualsTheDecodedOne() {
    TypedValue made = TypedValue.of(Types.STRING, "hello");
    TypedValue decoded = new TypedValue(Types.STRING.typeName(), Types.STRING.serialize("hello"));

    assertThat(made.value()).isEqualTo(decoded.value());
    assertThat(made).isEqualTo(decoded).hasSameHashCodeAs(decoded);
    assertThat(decoded.as(Types.STRING)).isEqualTo("hello");
    assertThat(EgressMessageBuilder.forEgress(TypeName.parse("ns/out")).withValue(7L).build())
        .extracting(message -> message.payload().value())
        .isEqualTo(Types.LONG.serialize(7L));
  }

  @Test
  void javaSerializationKeepsTheBytes() throws Exception {
    TypedValue value = TypedValue.of(Types.DOUBLE, 2.5);
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(value);
    }
    try (ObjectInputStream in =
        new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
      TypedValue back = (TypedValue) in.readObject();
      assertThat(back).isEqualTo(value);
      assertThat(back.as(Types.DOUBLE)).isEqualTo(2.5);
    }
  }
}
