package io.statefun.bench;

import io.statefun.runtime.egress.EgressContext;
import io.statefun.runtime.egress.EgressProvider;
import io.statefun.sdk.TypeName;
import io.statefun.sdk.TypedValue;
import io.statefun.sdk.Types;

/** Implements {@link CountingEgress}. */
public final class CountingEgressProvider implements EgressProvider {

  @Override
  public TypeName type() {
    return CountingEgress.TYPE;
  }

  @Override
  public void attach(EgressContext context) {
    context.values().sinkTo(new CountingSink<TypedValue>(value -> value.as(Types.LONG))).name("counting-sink");
  }
}
