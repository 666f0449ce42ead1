package io.statefun.kafka;

import java.io.Serializable;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jspecify.annotations.Nullable;

/**
 * Turns one Kafka record into what a Kafka ingress emits. With no router bound to the ingress, the
 * result must be a {@link io.statefun.sdk.Message}, which goes to its target; otherwise the
 * ingress's routers get it. Runs in the source task, once per record, so it must be serializable (a
 * lambda is).
 *
 * <pre>{@code
 * KafkaIngressDeserializer<Message> byKey = record ->
 *     MessageBuilder.forAddress(GREETER, new String(record.key(), UTF_8))
 *         .withValue(new String(record.value(), UTF_8))
 *         .build();
 * }</pre>
 *
 * <p>A record it cannot read (it throws, or returns null) is a bad record: the ingress's {@link
 * BadRecordPolicy} decides what happens to it.
 *
 * @param <T> what the ingress emits
 */
@FunctionalInterface
public interface KafkaIngressDeserializer<T> extends Serializable {

  /** The value of {@code record}, or null when it cannot be read (a bad record). */
  @Nullable T deserialize(ConsumerRecord<byte[], byte[]> record) throws Exception;
}
