/**
 * Builders for egress records whose format the runtime's connectors understand, e.g. {@link
 * io.statefun.sdk.egress.KafkaEgressMessage} (a {@code KafkaProducerRecord}, as in StateFun 3.x).
 *
 * <p>No Flink, no Kafka client: only the record schemas.
 */
package io.statefun.sdk.egress;
