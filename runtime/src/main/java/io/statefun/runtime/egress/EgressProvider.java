package io.statefun.runtime.egress;

import io.statefun.sdk.TypeName;
import io.statefun.sdk.io.EgressSpec;

/**
 * Implements one type of egress: attaches a sink to the values sent to it. Found with {@link
 * java.util.ServiceLoader} and chosen by {@link #type()} = the spec's {@code type()}.
 */
public interface EgressProvider {

  TypeName type();

  void attach(EgressContext context);

  /** The operator uid for an egress's sink: stable across runs, unique per egress. */
  static String sinkUid(EgressSpec spec) {
    return "egress-" + spec.type().canonical() + "-" + spec.id().canonical();
  }
}
