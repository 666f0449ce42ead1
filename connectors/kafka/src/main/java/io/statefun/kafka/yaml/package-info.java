/**
 * The {@code module.yaml} kinds {@code io.statefun.kafka.v1/ingress} and {@code
 * io.statefun.kafka.v1/egress}, with StateFun 3.x's field names: each spec is read into a record
 * (unknown fields are rejected by the runtime's reader) and translated into the same {@code
 * KafkaIngressSpec} / {@code KafkaEgressSpec} the Java builders make. Found by the runtime through
 * ServiceLoader; no Flink here.
 */
package io.statefun.kafka.yaml;
