package io.statefun.bench;

import io.statefun.sdk.EgressMessageBuilder;
import io.statefun.sdk.MessageBuilder;
import io.statefun.sdk.StatefulFunctionSpec;
import io.statefun.sdk.TypeName;
import io.statefun.sdk.ValueSpec;
import io.statefun.sdk.spi.Binder;
import io.statefun.sdk.spi.StatefulFunctionModule;
import java.util.Map;

/**
 * The benchmark's functions: {@code bench/counter} increments a long and emits it; {@code
 * bench/forwarder} sends each message on to the counter with the same id.
 */
public final class BenchModule implements StatefulFunctionModule {
  static final TypeName INGRESS = TypeName.parse("bench/in");
  static final TypeName EGRESS = TypeName.parse("bench/out");
  static final TypeName COUNTER = TypeName.parse("bench/counter");
  static final TypeName FORWARDER = TypeName.parse("bench/forwarder");
  static final TypeName HTTP_COUNTER = TypeName.parse("bench/http-counter");
  static final ValueSpec<Long> COUNT = ValueSpec.named("count").withLongType();

  @Override
  public void configure(Map<String, String> globalConfiguration, Binder binder) {
    binder.bindEgress(new CountingEgress(EGRESS));
    binder.bindFunction(
        StatefulFunctionSpec.builder(COUNTER)
            .withValueSpecs(COUNT)
            .withSupplier(
                () ->
                    (context, message) -> {
                      long count = context.storage().get(COUNT).orElse(0L) + 1;
                      context.storage().set(COUNT, count);
                      context.send(EgressMessageBuilder.forEgress(EGRESS).withValue(count).build());
                      return context.done();
                    })
            .build());
    binder.bindFunction(
        StatefulFunctionSpec.builder(FORWARDER)
            .withSupplier(
                () ->
                    (context, message) -> {
                      context.send(
                          MessageBuilder.forAddress(COUNTER, context.self().id())
                              .withTypedValue(message.payload())
                              .build());
                      return context.done();
                    })
            .build());
    binder.bindFunction(
        StatefulFunctionSpec.builder(HTTP_COUNTER)
            .withValueSpecs(COUNT)
            .withSupplier(
                () ->
                    (context, message) -> {
                      long count = context.storage().get(COUNT).orElse(0L) + 1;
                      context.storage().set(COUNT, count);
                      context
                          .caller()
                          .ifPresent(
                              caller ->
                                  context.send(
                                      MessageBuilder.forAddress(caller).withValue(count).build()));
                      return context.done();
                    })
            .build());
  }
}
