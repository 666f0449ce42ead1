package io.statefun.savepoint;

import io.statefun.sdk.Context;
import io.statefun.sdk.EgressMessageBuilder;
import io.statefun.sdk.Message;
import io.statefun.sdk.MessageBuilder;
import io.statefun.sdk.StatefulFunctionSpec;
import io.statefun.sdk.TypeName;
import io.statefun.sdk.ValueSpec;
import io.statefun.sdk.io.EgressSpec;
import io.statefun.sdk.io.IngressSpec;
import io.statefun.sdk.spi.Binder;
import io.statefun.sdk.spi.StatefulFunctionModule;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * The greeter of the examples, twice ({@code example/greeter} and {@code example/other-greeter}),
 * with an in-memory ingress and egress: each counts visits in {@code seen} and greets {@code Hello
 * alice, you are visitor #3}; a name starting with {@code later-} also leaves a delayed message
 * (due in an hour, token {@code remind}).
 */
public final class GreeterModule implements StatefulFunctionModule {
  static final TypeName INGRESS = TypeName.parse("example/names");

  /**
   * A second ingress for a job restored from a savepoint: the first one's position is in the
   * savepoint, so it would not emit its records again.
   */
  static final TypeName LATER_INGRESS = TypeName.parse("example/more-names");

  static final TypeName EGRESS = TypeName.parse("example/greetings");
  static final TypeName GREETER = TypeName.parse("example/greeter");
  static final TypeName OTHER = TypeName.parse("example/other-greeter");
  static final ValueSpec<Integer> SEEN = ValueSpec.named("seen").withIntType();

  /** Reports its {@code token} ({@code token=abc}, or {@code token=absent}), which expires. */
  static final TypeName SESSION = TypeName.parse("example/session");

  static final ValueSpec<String> TOKEN =
      ValueSpec.named("token").thatExpireAfterWrite(Duration.ofHours(1)).withStringType();

  @Override
  public void configure(Map<String, String> globalConfiguration, Binder binder) {
    binder.bindIngress(placeholderIngress(INGRESS));
    binder.bindIngress(placeholderIngress(LATER_INGRESS));
    binder.bindEgress(placeholderEgress());
    binder.bindFunction(
        StatefulFunctionSpec.builder(GREETER)
            .withValueSpecs(SEEN)
            .withSupplier(() -> GreeterModule::greet)
            .build());
    binder.bindFunction(
        StatefulFunctionSpec.builder(SESSION)
            .withValueSpecs(TOKEN)
            .withSupplier(
                () ->
                    (context, message) -> {
                      context.send(
                          EgressMessageBuilder.forEgress(EGRESS)
                              .withValue("token=" + context.storage().get(TOKEN).orElse("absent"))
                              .build());
                      return context.done();
                    })
            .build());
    binder.bindFunction(
        StatefulFunctionSpec.builder(OTHER)
            .withValueSpecs(SEEN)
            .withSupplier(() -> GreeterModule::greet)
            .build());
  }

  static Message visitSession(String id) {
    return MessageBuilder.forAddress(SESSION, id).withValue("visit").build();
  }

  static Message visit(String name) {
    return visit(GREETER, name);
  }

  static Message visit(TypeName greeter, String name) {
    return MessageBuilder.forAddress(greeter, name).withValue("visit").build();
  }

  private static CompletableFuture<Void> greet(Context context, Message message) {
    String name = context.self().id();
    int seen = context.storage().get(SEEN).orElse(0) + 1;
    context.storage().set(SEEN, seen);
    if (name.startsWith("later-")) {
      context.sendAfter(
          Duration.ofHours(1),
          "remind",
          MessageBuilder.forAddress(context.self().type(), name).withValue("reminder").build());
    }
    context.send(
        EgressMessageBuilder.forEgress(EGRESS)
            .withValue("Hello " + name + ", you are visitor #" + seen)
            .build());
    return context.done();
  }

  private static IngressSpec<Object> placeholderIngress(TypeName id) {
    return new IngressSpec<>() {
      @Override
      public TypeName id() {
        return id;
      }

      @Override
      public TypeName type() {
        return TypeName.parse("test/replaced-by-the-harness");
      }
    };
  }

  private static EgressSpec placeholderEgress() {
    return new EgressSpec() {
      @Override
      public TypeName id() {
        return EGRESS;
      }

      @Override
      public TypeName type() {
        return TypeName.parse("test/replaced-by-the-harness");
      }
    };
  }
}
