package io.statefun.runtime.dispatch;

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
import java.util.concurrent.ConcurrentHashMap;

/**
 * Function {@code idem/fn} counts its messages, reports {@code id:n} to egress {@code idem/out} and
 * replies {@code n} to its caller; with the message {@code WAIT} it does so only when the test
 * calls {@link #complete}; with {@code FORWARD} it passes its caller on to {@code idem/fn/other},
 * which replies instead.
 */
public final class ReplyingTestModule implements StatefulFunctionModule {
  static final TypeName FN = TypeName.parse("idem/fn");
  static final TypeName EGRESS = TypeName.parse("idem/out");
  private static final ValueSpec<Integer> COUNT = ValueSpec.named("count").withIntType();
  private static final Map<String, CompletableFuture<Void>> WAITING = new ConcurrentHashMap<>();

  static void reset() {
    WAITING.clear();
  }

  static void complete(String id) {
    WAITING.remove(id).complete(null);
  }

  @Override
  public void configure(Map<String, String> globalConfiguration, Binder binder) {
    binder.bindFunction(
        StatefulFunctionSpec.builder(FN)
            .withValueSpec(COUNT)
            .withSupplier(() -> ReplyingTestModule::apply)
            .build());
  }

  private static CompletableFuture<Void> apply(Context context, Message message) {
    String command = message.asString();
    if (command.equals("WAIT")) {
      CompletableFuture<Void> waiting = new CompletableFuture<>();
      WAITING.put(context.self().id(), waiting);
      return waiting.thenRun(() -> countAndReply(context));
    }
    if (command.equals("FORWARD")) {
      context.send(
          MessageBuilder.forAddress(FN, "other")
              .withValue("REPLY-TO " + context.caller().orElseThrow().id())
              .build());
      return context.done();
    }
    if (command.startsWith("REPLY-TO ")) {
      context.send(
          MessageBuilder.forAddress(IdempotentDispatchTest.REPLY_TYPE, command.substring(9))
              .withValue("from other")
              .build());
      return context.done();
    }
    countAndReply(context);
    return context.done();
  }

  private static void countAndReply(Context context) {
    int count = context.storage().get(COUNT).orElse(0) + 1;
    context.storage().set(COUNT, count);
    context.send(
        EgressMessageBuilder.forEgress(EGRESS)
            .withValue(context.self().id() + ":" + count)
            .build());
    context
        .caller()
        .ifPresent(
            caller ->
                context.send(MessageBuilder.forAddress(caller).withValue("" + count).build()));
  }
}
