/**
 * The HTTP ingress as users see it: {@link io.statefun.http.HttpIngressBuilder} and the immutable
 * {@link io.statefun.http.HttpIngressSpec} it builds; the server lives in {@code
 * io.statefun.http.server}, the Flink operators in {@code io.statefun.http.ingress}. Must not
 * depend on Flink or Netty.
 */
package io.statefun.http;
