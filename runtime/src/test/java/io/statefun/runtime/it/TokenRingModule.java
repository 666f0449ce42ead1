package io.statefun.runtime.it;

import io.statefun.sdk.Context;
import io.statefun.sdk.EgressMessage;
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
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * A ring of {@link #ADDRESSES} slow addresses ({@code ring/hop}, ids {@code 0..N-1}) through which
 * tokens travel: a visit completes asynchronously after {@link #VISIT_MILLIS} ms, counts at the
 * address (reporting {@code id=count}) and sends the token on to the next id, so about half the
 * hops cross the feedback loop. A token is one message at any time, so the loop never holds more
 * messages than there are tokens. Once {@link #STOP} is set, a token retires at its next visit
 * instead (reporting {@code retired token visits}). A {@code work} message from the ingress holds
 * the task thread for {@link #WORK_MICROS} µs and counts at its address, so a flood of them
 * backpressures the ingress.
 *
 * <p>Static controls, because the functions run in the test's MiniCluster in this JVM: {@link
 * #FAIL_NEXT} makes the next visit throw once.
 */
public final class TokenRingModule implements StatefulFunctionModule {
  static final TypeName INGRESS = TypeName.parse("ring/in");
  static final TypeName EGRESS = TypeName.parse("ring/out");
  static final TypeName HOP = TypeName.parse("ring/hop");
  static final ValueSpec<Long> COUNT = ValueSpec.named("count").withLongType();

  static final int ADDRESSES = 16;
  static final int VISIT_MILLIS = 2;
  static final long WORK_MICROS = 1000;

  static final AtomicBoolean STOP = new AtomicBoolean();
  static final AtomicBoolean FAIL_NEXT = new AtomicBoolean();
  static final AtomicInteger FAILURES = new AtomicInteger();

  /** The message that starts token {@code token} at id {@code token % ADDRESSES}. */
  static Message start(int token) {
    return token(token % ADDRESSES, token, 0);
  }

  private static Message token(int at, int token, int visit) {
    return MessageBuilder.forAddress(HOP, Integer.toString(at))
        .withValue(token + " " + visit)
        .build();
  }

  @Override
  public void configure(Map<String, String> globalConfiguration, Binder binder) {
    binder.bindIngress(ChainModule.placeholderIngress(INGRESS));
    binder.bindEgress(ChainModule.placeholderEgress(EGRESS));
    binder.bindFunction(
        StatefulFunctionSpec.builder(HOP)
            .withValueSpecs(COUNT)
            .withSupplier(() -> TokenRingModule::visit)
            .build());
  }

  private static CompletableFuture<Void> visit(Context context, Message message) {
    if (FAIL_NEXT.compareAndSet(true, false)) {
      FAILURES.incrementAndGet();
      throw new IllegalStateException("injected failure at " + context.self());
    }
    if (message.asString().equals("work")) {
      LockSupport.parkNanos(TimeUnit.MICROSECONDS.toNanos(WORK_MICROS)); // deliberately slow
      count(context);
      return context.done();
    }
    String[] parts = message.asString().split(" ");
    int token = Integer.parseInt(parts[0]);
    int visit = Integer.parseInt(parts[1]);
    return CompletableFuture.runAsync(
        () -> {
          count(context);
          if (STOP.get()) {
            context.send(report("retired " + token + " " + (visit + 1)));
          } else {
            int next = (Integer.parseInt(context.self().id()) + 1) % ADDRESSES;
            context.send(token(next, token, visit + 1));
          }
        },
        CompletableFuture.delayedExecutor(VISIT_MILLIS, TimeUnit.MILLISECONDS));
  }

  private static void count(Context context) {
    long count = context.storage().get(COUNT).orElse(0L) + 1;
    context.storage().set(COUNT, count);
    context.send(report(context.self().id() + "=" + count));
  }

  private static EgressMessage report(String text) {
    return EgressMessageBuilder.forEgress(EGRESS).withValue(text).build();
  }
}
