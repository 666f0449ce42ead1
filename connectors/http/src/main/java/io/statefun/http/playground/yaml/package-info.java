/**
 * The StateFun playground's {@code io.statefun.playground.v1/ingress} and {@code egress} kinds of
 * {@code module.yaml}, as StateFun wrote them: their specs' Java form and the binders that turn
 * them into the specs of {@code io.statefun.http.playground}. Must not depend on Flink or Netty.
 */
package io.statefun.http.playground.yaml;
