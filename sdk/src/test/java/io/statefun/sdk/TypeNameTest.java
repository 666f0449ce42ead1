package io.statefun.sdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TypeNameTest {

  @Test
  void parsesAtTheLastSlashLikeTheStatefunSdks() {
    TypeName name =
        TypeName.parse("type.googleapis.com/io.statefun.sdk.egress.KafkaProducerRecord");
    assertThat(name.namespace()).isEqualTo("type.googleapis.com");
    assertThat(name.name()).isEqualTo("io.statefun.sdk.egress.KafkaProducerRecord");
    assertThat(TypeName.parse("a/b/c").namespace()).isEqualTo("a/b");
  }

  @Test
  void rejectsNamesWithoutBothParts() {
    assertThatThrownBy(() -> TypeName.parse("noslash")).hasMessageContaining("'noslash'");
    assertThatThrownBy(() -> TypeName.parse("/name")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> TypeName.parse("ns/")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void addressesAreValuesWithAStableHash() {
    Address a = new Address(TypeName.parse("ns/fn"), "id");
    Address b = new Address(TypeName.of("ns", "fn"), "id");
    assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);
    assertThat(a.hashCode()).isEqualTo(31 * "ns/fn".hashCode() + "id".hashCode());
    assertThat(a).hasToString("ns/fn/id");
  }

  @Test
  void valueNamesMustBeIdentifiers() {
    assertThat(ValueSpec.named("seen_count").withIntType().name()).isEqualTo("seen_count");
    assertThatThrownBy(() -> ValueSpec.named("1st")).hasMessageContaining("'1st'");
    assertThatThrownBy(() -> ValueSpec.named("a.b")).hasMessageContaining("'a.b'");
  }

  @Test
  void aFunctionCannotDeclareTheSameValueTwice() {
    assertThatThrownBy(
            () ->
                StatefulFunctionSpec.builder(TypeName.parse("ns/fn"))
                    .withValueSpecs(
                        ValueSpec.named("x").withIntType(), ValueSpec.named("x").withLongType())
                    .withSupplier(() -> (c, m) -> c.done())
                    .build())
        .hasMessageContaining("ns/fn")
        .hasMessageContaining("'x'");
  }
}
