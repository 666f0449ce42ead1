package ${package};

import io.statefun.sdk.Context;
import io.statefun.sdk.Message;
import io.statefun.sdk.StatefulFunction;
import io.statefun.sdk.StatefulFunctionSpec;
import io.statefun.sdk.TypeName;
import io.statefun.sdk.ValueSpec;
import io.statefun.sdk.io.KafkaEgressMessage;
import java.util.concurrent.CompletableFuture;

/**
 * A function with state: greets a name (its id) and counts the visits in its own durable value,
 * {@code Hello alice, you are visitor #3}, to topic {@code greetings} keyed by the name.
 */
final class Greeter implements StatefulFunction {
  static final TypeName TYPE = TypeName.parse("${groupId}/greeter");
  static final TypeName GREETINGS = TypeName.parse("${groupId}/greetings");
  static final ValueSpec<Integer> SEEN = ValueSpec.named("seen").withIntType();
  static final StatefulFunctionSpec SPEC =
      StatefulFunctionSpec.builder(TYPE).withValueSpec(SEEN).withSupplier(Greeter::new).build();

  @Override
  public CompletableFuture<Void> apply(Context context, Message message) {
    String name = context.self().id();
    int seen = context.storage().get(SEEN).orElse(0) + 1;
    context.storage().set(SEEN, seen);
    context.send(
        KafkaEgressMessage.forEgress(GREETINGS)
            .withTopic("greetings")
            .withUtf8Key(name)
            .withUtf8Value("Hello " + name + ", you are visitor #" + seen)
            .build());
    return context.done();
  }
}
