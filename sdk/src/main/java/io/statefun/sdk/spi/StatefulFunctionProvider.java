package io.statefun.sdk.spi;

import io.statefun.sdk.StatefulFunctionSpec;
import io.statefun.sdk.TypeName;

/**
 * Gives the spec of any function type of a namespace bound with {@link
 * Binder#bindFunctionNamespace}.
 */
@FunctionalInterface
public interface StatefulFunctionProvider {

  StatefulFunctionSpec functionSpec(TypeName type);
}
