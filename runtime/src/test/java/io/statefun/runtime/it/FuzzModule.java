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
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One function type, {@code fuzz/fn}, interpreting commands (strings) so a random program can
 * exercise every way a message travels: increment own count (sync or async), send to another
 * address, send after a delay, send after a delay and cancel it from a later invocation (also one
 * queued behind a stall, or a remote endpoint outage, longer than the delay, so the delayed message
 * comes due first). Every increment reports {@code id=count} to the egress, every cancellation
 * {@code cancel token}, and a cancelled message that is delivered anyway {@code cancelled token
 * delivered}.
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

  /** Until when (in {@link System#nanoTime()}) the remote functions' endpoint answers 500. */
  private static final AtomicLong ENDPOINT_DOWN_UNTIL = new AtomicLong(System.nanoTime());

  /**
   * The tokens whose command started an outage: each starts one only, also when its batch is
   * retried (the rest of the batch fails) or replayed after a restore.
   */
  static final Set<String> OUTAGES = ConcurrentHashMap.newKeySet();

  /** Resets the injected failures and outages, before a test starts a job. */
  static void reset() {
    INVOCATIONS.set(0);
    FAILURES.set(0);
    FAIL_AT.clear();
    OUTAGES.clear();
    ENDPOINT_DOWN_UNTIL.set(System.nanoTime());
  }

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

  /** Fails while an endpoint outage lasts, as a remote function whose service answers 500. */
  static void failWhileEndpointDown() {
    if (System.nanoTime() - ENDPOINT_DOWN_UNTIL.get() < 0) {
      throw new IllegalStateException("the endpoint is down (an injected outage)");
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
        // a long delay: if the cancel were lost, the message would arrive... after a minute, so
        // this command checks that cancellation survives restores, not its timing
        context.sendAfter(
            Duration.ofMinutes(1), command[1], cancelled(self, command[2], command[1]));
        context.send(to(self, command[3], "RELAY " + command[1] + " " + context.self().id()));
      }
      case "STALLCANCEL" -> {
        // a delay, then the address stalls for longer than it (as while a remote endpoint is
        // down) with the cancel queued behind the stall: the cancel must still win
        String token = command[3];
        context.sendAfter(
            Duration.ofMillis(Long.parseLong(command[1])),
            token,
            cancelled(self, command[4], token));
        context.send(to(self, context.self().id(), "STALL " + command[2]));
        context.send(to(self, context.self().id(), "CANCEL " + token));
      }
      case "OUTAGECANCEL" -> {
        // a delay, then the remote endpoint goes down for longer than it with the cancel queued
        // behind the call that takes it down: the cancel's batch retries past the due time, and
        // must still win
        String token = command[3];
        context.sendAfter(
            Duration.ofMillis(Long.parseLong(command[1])),
            token,
            cancelled(self, command[4], token));
        context.send(to(self, context.self().id(), "OUTAGE " + command[2] + " " + token));
        context.send(to(self, context.self().id(), "CANCEL " + token));
      }
      case "OUTAGE" -> {
        // once per token: the rest of its batch fails, so the batch comes again after the outage
        if (OUTAGES.add(command[2])) {
          startOutage(Long.parseLong(command[1]));
        }
      }
      case "STALL" -> {
        return CompletableFuture.runAsync(
            () -> {},
            CompletableFuture.delayedExecutor(Long.parseLong(command[1]), TimeUnit.MILLISECONDS));
      }
      case "RELAY" -> context.send(to(self, command[2], "CANCEL " + command[1]));
      case "CANCEL" -> {
        context.cancelDelayedMessage(command[1]);
        report(context, "cancel " + command[1]);
      }
      case "CANCELLED" -> report(context, "cancelled " + command[1] + " delivered");
      default -> throw new IllegalArgumentException("unknown command " + message.asString());
    }
    return context.done();
  }

  private static void increment(Context context) {
    long count = context.storage().get(COUNT).orElse(0L) + 1;
    context.storage().set(COUNT, count);
    report(context, context.self().id() + "=" + count);
  }

  private static void report(Context context, String report) {
    context.send(EgressMessageBuilder.forEgress(EGRESS).withValue(report).build());
  }

  /** The delayed message a command cancels: it reports itself if it is delivered anyway. */
  private static Message cancelled(TypeName self, String id, String token) {
    return to(self, id, "CANCELLED " + token);
  }

  private static void startOutage(long millis) {
    long now = System.nanoTime();
    long until = now + TimeUnit.MILLISECONDS.toNanos(millis);
    ENDPOINT_DOWN_UNTIL.accumulateAndGet(until, (a, b) -> b - a > 0 ? b : a);
  }

  static Message to(String id, String command) {
    return to(FN, id, command);
  }

  static Message to(TypeName type, String id, String command) {
    return MessageBuilder.forAddress(type, id).withValue(command).build();
  }
}
