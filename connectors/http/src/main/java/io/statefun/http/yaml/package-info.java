/**
 * The {@code io.statefun.http.v1/ingress} kind of {@code module.yaml}: its spec's Java form and the
 * binder that turns it into an {@link io.statefun.http.HttpIngressSpec} through the builder. Must
 * not depend on the server or the Flink operators.
 */
package io.statefun.http.yaml;
