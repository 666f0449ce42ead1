package io.statefun.sdk;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MessageBuildersTest {
  private static final TypeName GREETER = TypeName.parse("example/greeter");
  private static final TypeName AUDITOR = TypeName.parse("example/auditor");
  private static final TypeName OUT = TypeName.parse("example/out");

  @Test
  void fromMessageKeepsTargetAndValueUntilTheTargetIsChanged() {
    Message original = MessageBuilder.forAddress(GREETER, "alice").withValue(42L).build();

    assertThat(MessageBuilder.fromMessage(original).build()).isEqualTo(original);
    Message forwarded =
        MessageBuilder.fromMessage(original).withTargetAddress(AUDITOR, "bob").build();
    assertThat(forwarded.target()).isEqualTo(new Address(AUDITOR, "bob"));
    assertThat(forwarded.asLong()).isEqualTo(42L);
    assertThat(
            MessageBuilder.fromMessage(original)
                .withTargetAddress(new Address(AUDITOR, "carol"))
                .withValue("changed")
                .build())
        .isEqualTo(MessageBuilder.forAddress(AUDITOR, "carol").withValue("changed").build());
  }

  @Test
  void egressMessagesTakeTheSamePrimitiveValuesAsMessages() {
    assertThat(EgressMessageBuilder.forEgress(OUT).withValue(true).build().payload().as(Types.BOOL))
        .isTrue();
    assertThat(
            EgressMessageBuilder.forEgress(OUT).withValue(1.5f).build().payload().as(Types.FLOAT))
        .isEqualTo(1.5f);
    assertThat(
            EgressMessageBuilder.forEgress(OUT).withValue(2.25d).build().payload().as(Types.DOUBLE))
        .isEqualTo(2.25d);
    assertThat(EgressMessageBuilder.forEgress(OUT).withValue(7).build().payload().as(Types.INT))
        .isEqualTo(7);
  }
}
