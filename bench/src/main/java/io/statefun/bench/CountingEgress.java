package io.statefun.bench;

import io.statefun.sdk.TypeName;
import io.statefun.sdk.io.EgressSpec;
import java.io.Serializable;

/** An egress whose values (longs) are counted by the {@link RunProbe}. */
record CountingEgress(TypeName id) implements EgressSpec, Serializable {
  static final TypeName TYPE = TypeName.parse("io.statefun.bench/counting");

  @Override
  public TypeName type() {
    return TYPE;
  }
}
