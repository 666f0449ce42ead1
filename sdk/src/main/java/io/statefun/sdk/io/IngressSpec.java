package io.statefun.sdk.io;

import io.statefun.sdk.TypeName;

/**
 * Describes an ingress: its id, which routers and the harness refer to, and its type, which selects
 * the connector that implements it (e.g. {@code io.statefun.kafka/ingress}).
 *
 * @param <T> what the ingress produces, before routing
 */
public interface IngressSpec<T> {

  TypeName id();

  TypeName type();
}
