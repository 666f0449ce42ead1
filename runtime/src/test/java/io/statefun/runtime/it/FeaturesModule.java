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
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * Functions for the dispatcher's features, each driven by string commands and reporting to the
 * egress as {@code id:text}:
 *
 * <ul>
 *   <li>{@code features/scheduler}: {@code AFTER <ms> <token|-> <id> <text>} sends {@code text} to
 *       the echo at {@code id} after a delay; {@code CANCEL <token>} cancels.
 *   <li>{@code features/echo}: reports what it receives.
 *   <li>{@code features/slow}: completes each message on another thread after a random pause and
 *       reports the messages seen so far, in order.
 *   <li>{@code features/ttl}: {@code SET <v>} keeps v (expiring 300 ms after the write) and asks
 *       itself {@code GET} now and again after 1.5 s; {@code GET} reports the value or "absent".
 * </ul>
 */
public final class FeaturesModule implements StatefulFunctionModule {
  static final TypeName INGRESS = TypeName.parse("features/in");
  static final TypeName EGRESS = TypeName.parse("features/out");
  static final TypeName SCHEDULER = TypeName.parse("features/scheduler");
  static final TypeName ECHO = TypeName.parse("features/echo");
  static final TypeName SLOW = TypeName.parse("features/slow");
  static final TypeName TTL = TypeName.parse("features/ttl");

  static final ValueSpec<String> SEEN = ValueSpec.named("seen").withStringType();
  static final ValueSpec<String> EXPIRING =
      ValueSpec.named("expiring").thatExpireAfterWrite(Duration.ofMillis(300)).withStringType();

  @Override
  public void configure(Map<String, String> globalConfiguration, Binder binder) {
    binder.bindIngress(ChainModule.placeholderIngress(INGRESS));
    binder.bindEgress(ChainModule.placeholderEgress(EGRESS));
    binder.bindFunction(
        StatefulFunctionSpec.builder(SCHEDULER)
            .withSupplier(() -> FeaturesModule::schedule)
            .build());
    binder.bindFunction(
        StatefulFunctionSpec.builder(ECHO)
            .withSupplier(() -> (context, message) -> report(context, message.asString()))
            .build());
    binder.bindFunction(
        StatefulFunctionSpec.builder(SLOW)
            .withValueSpecs(SEEN)
            .withSupplier(() -> FeaturesModule::slow)
            .build());
    binder.bindFunction(
        StatefulFunctionSpec.builder(TTL)
            .withValueSpecs(EXPIRING)
            .withSupplier(() -> FeaturesModule::ttl)
            .build());
  }

  static Message to(TypeName type, String id, String text) {
    return MessageBuilder.forAddress(type, id).withValue(text).build();
  }

  private static CompletableFuture<Void> schedule(Context context, Message message) {
    String[] command = message.asString().split(" ", 5);
    if (command[0].equals("CANCEL")) {
      context.cancelDelayedMessage(command[1]);
    } else {
      Duration delay = Duration.ofMillis(Long.parseLong(command[1]));
      Message delayed = to(ECHO, command[3], command[4]);
      if (command[2].equals("-")) {
        context.sendAfter(delay, delayed);
      } else {
        context.sendAfter(delay, command[2], delayed);
      }
    }
    return context.done();
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

  private static CompletableFuture<Void> ttl(Context context, Message message) {
    String[] command = message.asString().split(" ", 2);
    if (command[0].equals("SET")) {
      context.storage().set(EXPIRING, command[1]);
      context.send(to(TTL, context.self().id(), "GET"));
      context.sendAfter(Duration.ofMillis(1500), to(TTL, context.self().id(), "GET"));
      return context.done();
    }
    return report(context, context.storage().get(EXPIRING).orElse("absent"));
  }

  private static CompletableFuture<Void> report(Context context, String text) {
    context.send(
        EgressMessageBuilder.forEgress(EGRESS).withValue(context.self().id() + ":" + text).build());
    return context.done();
  }
}
