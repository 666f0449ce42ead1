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
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One function type, {@code fuzz/fn}, interpreting commands (strings) so a random program can
 * exercise every way a message travels: increment own count (sync or async), send to another
 * address, send after a delay, send after a delay and cancel it from a later invocation (also one
 * queued behind a stall longer than the delay, so the delayed message comes due first). Every
 * increment reports {@code id=count} to the egress.
 *
 * <p>Failures are injected through {@link #FAIL_AT}: the invocation with that global number throws
 * once. Static, because the functions run in the test's MiniCluster in this JVM and the test must
 * reach them; tests reset it before starting a job.
 */
public final class FuzzModule implements StatefulFunctionModule {
  static final TypeName INGRESS = TypeName.parse("fuzz/in");
  static final TypeName EGRESS = TypeName.parse("fuzz/out");
  static final TypeName FN = TypeName.parse("fuzz/fn");
  static final ValueSpec<Long> COUNT = ValueSpec.named("count").withLongType();

  static final AtomicInteger INVOCATIONS = new AtomicInteger();
  static final ConcurrentSkipListSet<Integer> FAIL_AT = new ConcurrentSkipListSet<>();
  static final AtomicInteger FAILURES = new AtomicInteger();

  @Override
  public void configure(Map<String, String> globalConfiguration, Binder binder) {
    binder.bindIngress(ChainModule.placeholderIngress(INGRESS));
    binder.bindEgress(ChainModule.placeholderEgress(EGRESS));
    binder.bindFunction(
        StatefulFunctionSpec.builder(FN)
            .withValueSpecs(COUNT)
            .withSupplier(() -> (context, message) -> apply(FN, context, message))
            .build());
  }

  /** Throws if this invocation is one of those chosen to fail. */
  static void maybeFail(Context context) {
    if (FAIL_AT.remove(INVOCATIONS.incrementAndGet())) {
      FAILURES.incrementAndGet();
      throw new IllegalStateException("injected failure at " + context.self());
    }
  }

  /** Interprets a command at a function of type {@code self}, failing when chosen to. */
  static CompletableFuture<Void> apply(TypeName self, Context context, Message message) {
    maybeFail(context);
    return interpret(self, context, message);
  }

  /** Interprets a command; messages go to functions of type {@code self}. */
  static CompletableFuture<Void> interpret(TypeName self, Context context, Message message) {
    String[] command = message.asString().split(" ");
    switch (command[0]) {
      case "INC" -> increment(context);
      case "ASYNC" -> {
        return CompletableFuture.runAsync(
            () -> increment(context),
            CompletableFuture.delayedExecutor(
                ThreadLocalRandom.current().nextInt(5), TimeUnit.MILLISECONDS));
      }
      case "SEND" -> context.send(to(self, command[1], "INC"));
      case "AFTER" ->
          context.sendAfter(
              Duration.ofMillis(Long.parseLong(command[1])), to(self, command[2], "INC"));
      case "AFTERCANCEL" -> {
        // a long delay: if the cancel were lost, the count would be off at the end... after a
        // minute, so this command checks that cancellation survives restores, not its timing
        context.sendAfter(Duration.ofMinutes(1), command[1], to(self, command[2], "INC"));
        context.send(to(self, command[3], "RELAY " + command[1] + " " + context.self().id()));
      }
      case "STALLCANCEL" -> {
        // a short delay, then the address stalls for longer than it (as while a remote endpoint
        // is down) with the cancel queued behind the stall: the cancel must still win
        long delay = Long.parseLong(command[1]);
        context.sendAfter(Duration.ofMillis(delay), command[2], to(self, command[3], "INC"));
        context.send(to(self, context.self().id(), "STALL " + (delay + 150)));
        context.send(to(self, context.self().id(), "CANCEL " + command[2]));
      }
      case "STALL" -> {
        return CompletableFuture.runAsync(
            () -> {},
            CompletableFuture.delayedExecutor(Long.parseLong(command[1]), TimeUnit.MILLISECONDS));
      }
      case "RELAY" -> context.send(to(self, command[2], "CANCEL " + command[1]));
      case "CANCEL" -> context.cancelDelayedMessage(command[1]);
      default -> throw new IllegalArgumentException("unknown command " + message.asString());
    }
    return context.done();
  }

  private static void increment(Context context) {
    long count = context.storage().get(COUNT).orElse(0L) + 1;
    context.storage().set(COUNT, count);
    context.send(
        EgressMessageBuilder.forEgress(EGRESS)
            .withValue(context.self().id() + "=" + count)
            .build());
  }

  static Message to(String id, String command) {
    return to(FN, id, command);
  }

  static Message to(TypeName type, String id, String command) {
    return MessageBuilder.forAddress(type, id).withValue(command).build();
  }
}
