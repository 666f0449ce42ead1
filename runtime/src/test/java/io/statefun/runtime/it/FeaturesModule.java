package io.statefun.runtime.it;

import io.statefun.sdk.Context;
import io.statefun.sdk.EgressMessageBuilder;
import io.statefun.sdk.Message;
import io.statefun.sdk.MessageBuilder;
import io.statefun.sdk.StatefulFunctionSpec;
import io.statefun.sdk.TypeName;
import io.statefun.sdk.ValueSpec;
import io.statefun.sdk.spi.Binder;
import io.statefun.sdk.spi.StatefulFunctionModule;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * Functions for the dispatcher's features, each driven by string commands and reporting to the
 * egress as {@code id:text}:
 *
 * <ul>
 *   <li>{@code features/echo}: reports what it receives.
 *   <li>{@code features/slow}: completes each message on another thread after a random pause and
 *       reports the messages seen so far, in order.
 * </ul>
 */
public final class FeaturesModule implements StatefulFunctionModule {
  static final TypeName INGRESS = TypeName.parse("features/in");
  static final TypeName EGRESS = TypeName.parse("features/out");
  static final TypeName ECHO = TypeName.parse("features/echo");
  static final TypeName SLOW = TypeName.parse("features/slow");

  static final ValueSpec<String> SEEN = ValueSpec.named("seen").withStringType();

  @Override
  public void configure(Map<String, String> globalConfiguration, Binder binder) {
    binder.bindIngress(ChainModule.placeholderIngress(INGRESS));
    binder.bindEgress(ChainModule.placeholderEgress(EGRESS));
    binder.bindFunction(
        StatefulFunctionSpec.builder(ECHO)
            .withSupplier(() -> (context, message) -> report(context, message.asString()))
            .build());
    binder.bindFunction(
        StatefulFunctionSpec.builder(SLOW)
            .withValueSpecs(SEEN)
            .withSupplier(() -> FeaturesModule::slow)
            .build());
  }

  static Message to(TypeName type, String id, String text) {
    return MessageBuilder.forAddress(type, id).withValue(text).build();
  }

  private static CompletableFuture<Void> slow(Context context, Message message) {
    String text = message.asString();
    return CompletableFuture.runAsync(
        () -> {
          String seen = context.storage().get(SEEN).map(s -> s + "," + text).orElse(text);
          context.storage().set(SEEN, seen);
          report(context, seen);
        },
        CompletableFuture.delayedExecutor(
            ThreadLocalRandom.current().nextInt(20), TimeUnit.MILLISECONDS));
  }

  private static CompletableFuture<Void> report(Context context, String text) {
    context.send(
        EgressMessageBuilder.forEgress(EGRESS).withValue(context.self().id() + ":" + text).build());
    return context.done();
  }
}
