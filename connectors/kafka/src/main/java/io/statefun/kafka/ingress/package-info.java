/**
 * The Kafka ingress on Flink: a {@code KafkaSource} whose deserialization schema decodes each
 * record, routes it to function addresses inside the source task, and hands bad records to the
 * ingress's policy. Found by the runtime through {@code KafkaIngressProvider} (ServiceLoader). Must
 * not depend on dispatch, state or the feedback loop.
 */
package io.statefun.kafka.ingress;
