/**
 * The HTTP server of an ingress: one Netty server per TaskManager, job and ingress ({@link
 * io.statefun.http.server.HttpIngressServers}), shared by the ingress subtasks there, for an HTTP
 * ingress ({@link io.statefun.http.server.RequestParser}) or the live state endpoint ({@link
 * io.statefun.http.server.AdminRequestParser}); request parsing and validation, bodies as text or
 * bytes, and the calls waiting for their answers; the bounded listening socket ({@link
 * io.statefun.http.server.BoundedServerSocket}) that the playground egress's server uses too. Must
 * not depend on Flink: the operators in {@code io.statefun.http.ingress} drive it.
 */
package io.statefun.http.server;
