/**
 * The StateFun playground's two kinds as users see them: {@link
 * io.statefun.http.playground.PlaygroundIngress} (an HTTP ingress in the playground's dialect) and
 * the immutable {@link io.statefun.http.playground.PlaygroundEgressSpec}. Must not depend on Flink
 * or Netty.
 */
package io.statefun.http.playground;
