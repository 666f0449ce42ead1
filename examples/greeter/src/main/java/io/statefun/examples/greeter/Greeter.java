package io.statefun.examples.greeter;

import io.statefun.http.HttpIngressSpec;
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
 * Greets a name (its id) and counts the visits: {@code Hello alice, you are visitor #3}, keyed by
 * the name. The greeting ends with the count, so anyone reading the topic can check it. A visit
 * that came over HTTP ({@code curl -d alice http://127.0.0.1:8090/example/greeter/alice}) also gets
 * the greeting as its reply: its caller is in the HTTP ingress's reply namespace.
 */
final class Greeter implements StatefulFunction {
  static final TypeName TYPE = TypeName.parse("example/greeter");
  static final ValueSpec<Integer> SEEN = ValueSpec.named("seen").withIntType();
  static final StatefulFunctionSpec SPEC =
      StatefulFunctionSpec.builder(TYPE).withValueSpec(SEEN).withSupplier(Greeter::new).build();

  @Override
  public CompletableFuture<Void> apply(Context context, Message message) {
    String name = context.self().id();
    int seen = context.storage().get(SEEN).orElse(0) + 1;
    context.storage().set(SEEN, seen);
    context.send(
        KafkaEgressMessage.forEgress(GreeterModule.GREETINGS)
            .withTopic(GreeterModule.GREETINGS_TOPIC)
            .withUtf8Key(name)
            .withUtf8Value(greeting(name, seen))
            .build());
    context
        .caller()
        .filter(caller -> caller.type().namespace().equals(HttpIngressSpec.REPLY_NAMESPACE))
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
