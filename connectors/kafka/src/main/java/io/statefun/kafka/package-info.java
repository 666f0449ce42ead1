/**
 * The Kafka connector's user API: build a Kafka ingress ({@link
 * io.statefun.kafka.KafkaIngressBuilder}) or egress ({@link io.statefun.kafka.KafkaEgressBuilder})
 * in a module, and make egress records with the SDK's {@link
 * io.statefun.sdk.io.KafkaEgressMessage}. Only the SDK and kafka-clients types appear here; the
 * Flink implementation lives in the sub-packages and is found by the runtime: this package must not
 * depend on Flink or the runtime.
 */
package io.statefun.kafka;
