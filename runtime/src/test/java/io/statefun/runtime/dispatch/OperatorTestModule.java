package io.statefun.runtime.dispatch;

import io.statefun.sdk.Context;
import io.statefun.sdk.EgressMessageBuilder;
import io.statefun.sdk.Message;
import io.statefun.sdk.MessageBuilder;
import io.statefun.sdk.StatefulFunctionSpec;
import io.statefun.sdk.TypeName;
import io.statefun.sdk.TypedValue;
import io.statefun.sdk.Types;
import io.statefun.sdk.ValueSpec;
import io.statefun.sdk.spi.Binder;
import io.statefun.sdk.spi.StatefulFunctionModule;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One function, {@code op/fn}, driven by string commands; it reports to egress {@code op/out} as
 * {@code id:text}:
 *
 * <ul>
 *   <li>{@code COUNT}: counts, reports {@code count=n};
 *   <li>{@code ASYNC <key>}: returns the future the test completes through {@link #complete}, then
 *       counts and reports {@code async=n};
 *   <li>{@code AFTER <ms> <token|-> <id> <text>}: sends {@code ECHO text} to {@code id} later;
 *       {@code CANCEL <token>} cancels;
 *   <li>{@code ECHO <text>}: reports text;
 *   <li>{@code SET <v>} keeps v in a value expiring 300 ms after the write; {@code GET} reports it
 *       or {@code absent};
 *   <li>{@code KEEP}: hands its context to the test ({@link #KEPT}).
 * </ul>
 *
 * <p>The futures and the kept context are static because the dispatcher makes the function from the
 * module inside the operator; each test starts with {@link #reset}.
 */
public final class OperatorTestModule implements StatefulFunctionModule {
  static final TypeName FN = TypeName.parse("op/fn");
  static final TypeName EGRESS = TypeName.parse("op/out");
  static final ValueSpec<Integer> COUNT = ValueSpec.named("count").withIntType();
  static final ValueSpec<String> EXPIRING =
      ValueSpec.named("expiring").thatExpireAfterWrite(Duration.ofMillis(300)).withStringType();

  private static final Map<String, CompletableFuture<Void>> PENDING = new ConcurrentHashMap<>();
  static final AtomicReference<Context> KEPT = new AtomicReference<>();

  static void reset() {
    PENDING.clear();
    KEPT.set(null);
  }

  /** Completes the future of {@code ASYNC key}; fails if the function has not asked for it. */
  static void complete(String key) {
    CompletableFuture<Void> pending = PENDING.remove(key);
    if (pending == null) {
      throw new AssertionError("no ASYNC " + key + " is pending; pending: " + PENDING.keySet());
    }
    pending.complete(null);
  }

  static Message to(String id, String command) {
    return MessageBuilder.forAddress(FN, id).withValue(command).build();
  }

  @Override
  public void configure(Map<String, String> globalConfiguration, Binder binder) {
    binder.bindFunction(
        StatefulFunctionSpec.builder(FN)
            .withValueSpecs(COUNT, EXPIRING)
            .withSupplier(() -> OperatorTestModule::apply)
            .build());
  }

  private static CompletableFuture<Void> apply(Context context, Message message) {
    String[] command = message.asString().split(" ", 5);
    switch (command[0]) {
      case "COUNT" -> report(context, "count=" + increment(context));
      case "ASYNC" -> {
        CompletableFuture<Void> pending = new CompletableFuture<>();
        PENDING.put(command[1], pending);
        return pending.thenRun(() -> report(context, "async=" + increment(context)));
      }
      case "AFTER" -> {
        Duration delay = Duration.ofMillis(Long.parseLong(command[1]));
        Message later = to(command[3], "ECHO " + command[4]);
        if (command[2].equals("-")) {
          context.sendAfter(delay, later);
        } else {
          context.sendAfter(delay, command[2], later);
        }
      }
      case "CANCEL" -> context.cancelDelayedMessage(command[1]);
      case "ECHO" -> report(context, command[1]);
      case "SET" -> context.storage().set(EXPIRING, command[1]);
      case "GET" -> report(context, context.storage().get(EXPIRING).orElse("absent"));
      case "KEEP" -> KEPT.set(context);
      default -> throw new IllegalArgumentException("unknown command " + message.asString());
    }
    return context.done();
  }

  private static int increment(Context context) {
    int count = context.storage().get(COUNT).orElse(0) + 1;
    context.storage().set(COUNT, count);
    return count;
  }

  private static void report(Context context, String text) {
    context.send(
        EgressMessageBuilder.forEgress(EGRESS).withValue(context.self().id() + ":" + text).build());
  }

  static String text(TypedValue value) {
    return value.as(Types.STRING);
  }
}
