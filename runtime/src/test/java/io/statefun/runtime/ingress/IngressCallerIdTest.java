package io.statefun.runtime.ingress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class IngressCallerIdTest {

  @Test
  void aCallerIdIsTheRequestIdThenHashAndTheKey() {
    assertThat(new IngressCallerId("0-3f0c", "order-17").toString()).isEqualTo("0-3f0c#order-17");
    assertThat(new IngressCallerId("0-3f0c", null).toString()).isEqualTo("0-3f0c");
  }

  @Test
  void theKeyMayContainTheSeparatorTheRequestIdNot() {
    IngressCallerId parsed = IngressCallerId.parse("1-ab#a#b c");
    assertThat(parsed).isEqualTo(new IngressCallerId("1-ab", "a#b c"));
    assertThat(IngressCallerId.requestIdOf("1-ab#a#b c")).isEqualTo("1-ab");
    assertThat(IngressCallerId.idempotencyKeyOf("1-ab#a#b c")).isEqualTo("a#b c");
    assertThat(IngressCallerId.idempotencyKeyOf("1-ab")).isNull();
    assertThat(IngressCallerId.parse("1-ab#")).isEqualTo(new IngressCallerId("1-ab", null));
    assertThatThrownBy(() -> new IngressCallerId("1#2", "k"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
