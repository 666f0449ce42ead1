package io.statefun.runtime.it;

import io.statefun.sdk.EgressMessageBuilder;
import io.statefun.sdk.MessageBuilder;
import io.statefun.sdk.StatefulFunctionSpec;
import io.statefun.sdk.TypeName;
import io.statefun.sdk.ValueSpec;
import io.statefun.sdk.io.EgressSpec;
import io.statefun.sdk.io.IngressSpec;
import io.statefun.sdk.spi.Binder;
import io.statefun.sdk.spi.StatefulFunctionModule;
import java.util.Map;

/**
 * A forwarder that sends every message to a counter at another id (so, usually, on another
 * subtask), and the counter, which counts per id and reports {@code id=count} to an egress.
 */
public final class ChainModule implements StatefulFunctionModule {
  static final TypeName INGRESS = TypeName.parse("chain/in");
  static final TypeName EGRESS = TypeName.parse("chain/out");
  static final TypeName FORWARDER = TypeName.parse("chain/forwarder");
  static final TypeName COUNTER = TypeName.parse("chain/counter");
  static final ValueSpec<Long> COUNT = ValueSpec.named("count").withLongType();

  @Override
  public void configure(Map<String, String> globalConfiguration, Binder binder) {
    binder.bindIngress(placeholderIngress(INGRESS));
    binder.bindEgress(placeholderEgress(EGRESS));
    binder.bindFunction(
        StatefulFunctionSpec.builder(FORWARDER)
            .withSupplier(
                () ->
                    (context, message) -> {
                      context.send(
                          MessageBuilder.forAddress(COUNTER, "c" + context.self().id())
                              .withTypedValue(message.payload())
                              .build());
                      return context.done();
                    })
            .build());
    binder.bindFunction(
        StatefulFunctionSpec.builder(COUNTER)
            .withValueSpecs(COUNT)
            .withSupplier(
                () ->
                    (context, message) -> {
                      long count = context.storage().get(COUNT).orElse(0L) + message.asLong();
                      context.storage().set(COUNT, count);
                      context.send(
                          EgressMessageBuilder.forEgress(EGRESS)
                              .withValue(context.self().id() + "=" + count)
                              .build());
                      return context.done();
                    })
            .build());
  }

  /** Replaced by the harness; a module binds its production ingress here. */
  static IngressSpec<Object> placeholderIngress(TypeName id) {
    return new IngressSpec<>() {
      @Override
      public TypeName id() {
        return id;
      }

      @Override
      public TypeName type() {
        return TypeName.parse("test/unimplemented");
      }
    };
  }

  static EgressSpec placeholderEgress(TypeName id) {
    return new EgressSpec() {
      @Override
      public TypeName id() {
        return id;
      }

      @Override
      public TypeName type() {
        return TypeName.parse("test/unimplemented");
      }
    };
  }
}
