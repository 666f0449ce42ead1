package io.statefun.bench;

import io.statefun.sdk.TypeName;
import io.statefun.sdk.io.IngressSpec;
import java.io.Serializable;

/**
 * Generates {@code messages} messages to {@code target}, id {@code i % keys}, each carrying the
 * long 1.
 */
record GeneratorIngress(TypeName id, long messages, long keys, TypeName target)
    implements IngressSpec<Long>, Serializable {
  static final TypeName TYPE = TypeName.parse("io.statefun.bench/generator");

  @Override
  public TypeName type() {
    return TYPE;
  }
}
