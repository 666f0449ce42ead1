/**
 * A real Kafka broker for tests and local examples: KRaft (broker and controller in one node), in
 * this JVM or as its own process, bound to 127.0.0.1 on free ports. Plus small producer and
 * read_committed consumer helpers. Nothing here is mocked; nothing here is used in production.
 */
package io.statefun.kafka.testing;
