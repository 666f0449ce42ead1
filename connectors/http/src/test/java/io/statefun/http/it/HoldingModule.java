package io.statefun.http.it;

import io.statefun.sdk.MessageBuilder;
import io.statefun.sdk.StatefulFunctionSpec;
import io.statefun.sdk.TypeName;
import io.statefun.sdk.ValueSpec;
import io.statefun.sdk.spi.Binder;
import io.statefun.sdk.spi.StatefulFunctionModule;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code test/holder}: every message counts ({@code count}) and is remembered ({@code last}); the
 * message {@code remind} also sends {@code reminder} to itself in an hour (token {@code remind}); a
 * caller waiting for a reply gets {@code count <n>}; the message {@code hold} returns a future that
 * the test completes ({@link #HELD}, by address id): async work that holds the address as long as
 * the test wants (a minute at most, so a failed test leaves no address held for good). Invocations
 * are counted in {@link #INVOCATIONS}. Static, because the MiniCluster runs the functions in the
 * test's JVM.
 */
public final class HoldingModule implements StatefulFunctionModule {
  static final TypeName HOLDER = TypeName.parse("test/holder");
  static final Map<String, CompletableFuture<Void>> HELD = new ConcurrentHashMap<>();
  static final AtomicInteger INVOCATIONS = new AtomicInteger();
  private static final ValueSpec<Integer> COUNT = ValueSpec.named("count").withIntType();
  private static final ValueSpec<String> LAST = ValueSpec.named("last").withStringType();

  @Override
  public void configure(Map<String, String> globalConfiguration, Binder binder) {
    binder.bindFunction(
        StatefulFunctionSpec.builder(HOLDER)
            .withValueSpecs(COUNT, LAST)
            .withSupplier(
                () ->
                    (context, message) -> {
                      INVOCATIONS.incrementAndGet();
                      String text = message.asString();
                      context.storage().set(COUNT, context.storage().get(COUNT).orElse(0) + 1);
                      context.storage().set(LAST, text);
                      if (text.equals("remind")) {
                        context.sendAfter(
                            Duration.ofHours(1),
                            "remind",
                            MessageBuilder.forAddress(context.self())
                                .withValue("reminder")
                                .build());
                      }
                      context
                          .caller()
                          .ifPresent(
                              caller ->
                                  context.send(
                                      MessageBuilder.forAddress(caller)
                                          .withValue("count " + context.storage().get(COUNT).get())
                                          .build()));
                      if (text.equals("hold")) {
                        CompletableFuture<Void> held =
                            new CompletableFuture<Void>()
                                .completeOnTimeout(null, 1, TimeUnit.MINUTES);
                        HELD.put(context.self().id(), held);
                        return held;
                      }
                      return context.done();
                    })
            .build());
  }
}
