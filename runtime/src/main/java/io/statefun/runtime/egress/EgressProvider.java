package io.statefun.runtime.egress;

import io.statefun.sdk.TypeName;
import org.jspecify.annotations.NullMarked;

/**
 * Implements one type of egress: attaches a sink to the values sent to it. Found with {@link
 * java.util.ServiceLoader} and chosen by {@link #type()} = the spec's {@code type()}.
 */
@NullMarked
public interface EgressProvider {

  TypeName type();

  void attach(EgressContext context);
}
