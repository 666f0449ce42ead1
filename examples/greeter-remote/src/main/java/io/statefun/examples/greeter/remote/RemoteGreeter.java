package io.statefun.examples.greeter.remote;

import io.statefun.sdk.Context;
import io.statefun.sdk.Message;
import io.statefun.sdk.MessageBuilder;
import io.statefun.sdk.StatefulFunction;
import io.statefun.sdk.StatefulFunctionSpec;
import io.statefun.sdk.TypeName;
import io.statefun.sdk.ValueSpec;
import io.statefun.sdk.io.KafkaEgressMessage;
import java.util.concurrent.CompletableFuture;

/**
 * Greets a name (its id, the Kafka record key) and counts the visits: {@code Hello alice, you are
 * visitor #3}, keyed by the name, to topic {@code greetings} through egress {@code
 * example/greetings}, and to its caller if one waits (a request through the HTTP ingress). The
 * count lives in the runtime's state and travels with each request.
 */
final class RemoteGreeter implements StatefulFunction {
  static final TypeName TYPE = TypeName.parse("example/greeter");
  static final TypeName GREETINGS = TypeName.parse("example/greetings");
  static final String GREETINGS_TOPIC = "greetings";
  static final ValueSpec<Integer> SEEN = ValueSpec.named("seen").withIntType();
  static final StatefulFunctionSpec SPEC =
      StatefulFunctionSpec.builder(TYPE)
          .withValueSpec(SEEN)
          .withSupplier(RemoteGreeter::new)
          .build();

  @Override
  public CompletableFuture<Void> apply(Context context, Message message) {
    String name = context.self().id();
    int seen = context.storage().get(SEEN).orElse(0) + 1;
    context.storage().set(SEEN, seen);
    context.send(
        KafkaEgressMessage.forEgress(GREETINGS)
            .withTopic(GREETINGS_TOPIC)
            .withUtf8Key(name)
            .withUtf8Value(greeting(name, seen))
            .build());
    // a caller waits when the name came over HTTP (the HTTP ingress): it gets the greeting too
    context
        .caller()
        .ifPresent(
            caller ->
                context.send(
                    MessageBuilder.forAddress(caller).withValue(greeting(name, seen)).build()));
    return context.done();
  }

  static String greeting(String name, int seen) {
    return "Hello " + name + ", you are visitor #" + seen;
  }
}
