package io.statefun.sdk.io;

import io.statefun.sdk.TypeName;

/**
 * Describes an egress: its id, which functions address with {@link io.statefun.sdk.EgressMessage},
 * and its type, which selects the connector that implements it.
 */
public interface EgressSpec {

  TypeName id();

  TypeName type();
}
