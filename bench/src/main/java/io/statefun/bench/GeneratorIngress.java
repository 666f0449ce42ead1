package io.statefun.bench;

import io.statefun.sdk.TypeName;
import io.statefun.sdk.io.IngressSpec;
import java.io.Serializable;

/**
 * Generates {@code messages} messages to {@code target}, id {@code i % keys}, each carrying the
 * long 1 or, {@code timestamped}, the time it was generated ({@code System.nanoTime()}); at most
 * {@code perSecond} a second (0: no limit).
 */
record GeneratorIngress(
    TypeName id, long messages, long keys, TypeName target, boolean timestamped, int perSecond)
    implements IngressSpec<Long>, Serializable {

  GeneratorIngress(TypeName id, long messages, long keys, TypeName target) {
    this(id, messages, keys, target, false, 0);
  }

  static final TypeName TYPE = TypeName.parse("io.statefun.bench/generator");

  @Override
  public TypeName type() {
    return TYPE;
  }
}
