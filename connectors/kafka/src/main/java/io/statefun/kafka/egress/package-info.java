/**
 * The Kafka egress on Flink: a Sink V2 {@code KafkaSink} (transactional for exactly-once) whose
 * serialization schema turns the typed values functions send into producer records. Found by the
 * runtime through {@code KafkaEgressProvider} (ServiceLoader). Must not depend on dispatch, state
 * or the feedback loop.
 */
package io.statefun.kafka.egress;
