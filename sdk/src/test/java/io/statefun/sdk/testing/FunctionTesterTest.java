package io.statefun.sdk.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.statefun.sdk.Address;
import io.statefun.sdk.EgressMessageBuilder;
import io.statefun.sdk.MessageBuilder;
import io.statefun.sdk.StatefulFunctionSpec;
import io.statefun.sdk.TypeName;
import io.statefun.sdk.ValueSpec;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class FunctionTesterTest {
  static final TypeName GREETER = TypeName.parse("example/greeter");
  static final TypeName OUT = TypeName.parse("example/out");
  static final ValueSpec<Integer> SEEN = ValueSpec.named("seen").withIntType();

  static final StatefulFunctionSpec SPEC =
      StatefulFunctionSpec.builder(GREETER)
          .withValueSpecs(SEEN)
          .withSupplier(
              () ->
                  (context, message) -> {
                    int seen = context.storage().get(SEEN).orElse(0) + 1;
                    context.storage().set(SEEN, seen);
                    context.send(
                        EgressMessageBuilder.forEgress(OUT)
                            .withValue("Hello " + message.asString() + " #" + seen)
                            .build());
                    context.sendAfter(
                        Duration.ofSeconds(1),
                        "reminder",
                        MessageBuilder.forAddress(context.self()).withValue("again").build());
                    if (seen > 1) {
                      context.cancelDelayedMessage("reminder");
                    }
                    return CompletableFuture.runAsync(() -> {});
                  })
          .build();

  @Test
  void showsStateAndEverythingAnInvocationSent() {
    FunctionTester tester = FunctionTester.of(SPEC);
    Effects first =
        tester.invoke(MessageBuilder.forAddress(GREETER, "alice").withValue("alice").build());
    Effects second =
        tester.invoke(
            new Address(GREETER, "bob"),
            MessageBuilder.forAddress(GREETER, "alice").withValue("alice").build());

    assertThat(tester.state("alice", SEEN)).contains(2);
    assertThat(tester.state("bob", SEEN)).isEqualTo(Optional.empty());
    assertThat(first.egress()).hasSize(1);
    assertThat(second.egress().get(0).payload().as(io.statefun.sdk.Types.STRING))
        .isEqualTo("Hello alice #2");
    assertThat(first.delayed())
        .singleElement()
        .satisfies(d -> assertThat(d.cancellationToken()).contains("reminder"));
    assertThat(first.cancelled()).isEmpty();
    assertThat(second.cancelled()).containsExactly("reminder");
  }

  @Test
  void refusesValuesTheFunctionDoesNotDeclare() {
    FunctionTester tester = FunctionTester.of(SPEC);
    assertThatThrownBy(() -> tester.state("alice", ValueSpec.named("other").withIntType()))
        .hasMessageContaining("example/greeter")
        .hasMessageContaining("other");
  }
}
