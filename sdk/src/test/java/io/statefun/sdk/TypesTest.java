package io.statefun.sdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class TypesTest {

  @Test
  void zeroValuesAreEncodedAsEmptyBytes() {
    assertThat(Types.BOOL.serialize(false)).isEmpty();
    assertThat(Types.INT.serialize(0)).isEmpty();
    assertThat(Types.LONG.serialize(0L)).isEmpty();
    assertThat(Types.FLOAT.serialize(0f)).isEmpty();
    assertThat(Types.DOUBLE.serialize(0d)).isEmpty();
    assertThat(Types.STRING.serialize("")).isEmpty();
  }

  @Test
  void primitivesUseTheProtobufWrapperEncodingsOfStatefun() {
    assertThat(Types.BOOL.serialize(true)).containsExactly(0x08, 0x01);
    assertThat(Types.INT.serialize(1)).containsExactly(0x0D, 1, 0, 0, 0);
    assertThat(Types.INT.serialize(-1)).containsExactly(0x0D, -1, -1, -1, -1);
    assertThat(Types.LONG.serialize(258L)).containsExactly(0x09, 2, 1, 0, 0, 0, 0, 0, 0);
    assertThat(Types.FLOAT.serialize(1.0f)).containsExactly(0x0D, 0, 0, (byte) 0x80, 0x3F);
    assertThat(Types.DOUBLE.serialize(1.0d))
        .containsExactly(0x09, 0, 0, 0, 0, 0, 0, (byte) 0xF0, 0x3F);
    assertThat(Types.STRING.serialize("hi")).containsExactly(0x0A, 2, 'h', 'i');
  }

  @Test
  void valuesRoundTrip() {
    assertThat(Types.BOOL.deserialize(Types.BOOL.serialize(true))).isTrue();
    assertThat(Types.INT.deserialize(Types.INT.serialize(Integer.MIN_VALUE)))
        .isEqualTo(Integer.MIN_VALUE);
    assertThat(Types.LONG.deserialize(Types.LONG.serialize(Long.MAX_VALUE)))
        .isEqualTo(Long.MAX_VALUE);
    assertThat(Types.FLOAT.deserialize(Types.FLOAT.serialize(-2.5f))).isEqualTo(-2.5f);
    assertThat(Types.DOUBLE.deserialize(Types.DOUBLE.serialize(Math.PI))).isEqualTo(Math.PI);
    String long300 = "x".repeat(300) + "é";
    assertThat(Types.STRING.deserialize(Types.STRING.serialize(long300))).isEqualTo(long300);
  }

  @Test
  void malformedBytesAreRejectedWithTheTypeName() {
    assertThatThrownBy(() -> Types.STRING.deserialize(new byte[] {0x0A, 5, 'a'}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("io.statefun.types/string");
    assertThatThrownBy(() -> Types.LONG.deserialize(new byte[] {0x0D, 1, 0, 0, 0}))
        .hasMessageContaining("io.statefun.types/long");
  }

  @Test
  void aValueIsReadOnlyAsItsOwnType() {
    Message message = MessageBuilder.forAddress(TypeName.parse("a/b"), "id").withValue(7L).build();
    assertThat(message.isLong()).isTrue();
    assertThat(message.asLong()).isEqualTo(7L);
    assertThat(message.isString()).isFalse();
    assertThatThrownBy(message::asString)
        .hasMessageContaining("io.statefun.types/long")
        .hasMessageContaining("io.statefun.types/string");
  }

  @Test
  void theSixBuiltInTypesAreKnownByNameAndNoOther() {
    for (Type<?> type :
        List.of(Types.BOOL, Types.INT, Types.LONG, Types.FLOAT, Types.DOUBLE, Types.STRING)) {
      assertThat(Types.builtIn(type.typeName())).isSameAs(type);
      assertThat(Types.isBuiltIn(type)).isTrue();
    }
    Type<String> custom =
        Types.custom(TypeName.parse("com.example/Text"), String::getBytes, String::new);
    assertThat(Types.builtIn(custom.typeName())).isNull();
    assertThat(Types.isBuiltIn(custom)).isFalse();
  }
}
