/**
 * The HTTP ingress as users see it: {@link io.statefun.http.HttpIngressBuilder} and the immutable
 * {@link io.statefun.http.HttpIngressSpec} it builds. Flink-free and Netty-free; the server lives
 * in {@code io.statefun.http.server}, the Flink operators in {@code io.statefun.http.ingress}.
 */
package io.statefun.http;
