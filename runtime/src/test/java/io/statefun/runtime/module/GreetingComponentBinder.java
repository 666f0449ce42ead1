package io.statefun.runtime.module;

import io.statefun.sdk.StatefulFunctionSpec;
import io.statefun.sdk.TypeName;
import io.statefun.sdk.spi.Binder;

/** A test kind: {@code test.v1/greeting} binds a function named by its spec. */
public final class GreetingComponentBinder
    implements ComponentBinder<GreetingComponentBinder.Spec> {

  /** The spec: a function type name and a number that must be positive. */
  public record Spec(String function, int times) {}

  @Override
  public TypeName kind() {
    return TypeName.parse("test.v1/greeting");
  }

  @Override
  public Class<Spec> specClass() {
    return Spec.class;
  }

  @Override
  public void bind(Spec spec, String where, Binder binder) {
    if (spec.times() <= 0) {
      throw new IllegalArgumentException("times must be positive, got " + spec.times());
    }
    binder.bindFunction(
        StatefulFunctionSpec.builder(TypeName.parse(spec.function()))
            .withSupplier(() -> (context, message) -> context.done())
            .build());
  }
}
