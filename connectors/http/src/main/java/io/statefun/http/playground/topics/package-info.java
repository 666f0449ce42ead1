/**
 * The playground egress's topics in one TaskManager: bounded in-memory queues of published records
 * that ignore a batch published twice, and the Netty server that answers {@code GET /{topic}} from
 * them, shared per job and kept through a failover. Must not depend on Flink: the operator in
 * {@code io.statefun.http.playground.egress} drives it.
 */
package io.statefun.http.playground.topics;
