package io.statefun.kafka;

import io.statefun.sdk.TypedValue;
import java.io.Serializable;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Turns a value that functions sent to a Kafka egress into the record to write. Runs in the sink
 * task, so it must be serializable (a lambda is). The default, {@link #producerRecords()}, reads
 * the {@code KafkaProducerRecord} values that {@link io.statefun.sdk.io.KafkaEgressMessage} (or any
 * StateFun SDK) makes.
 *
 * <pre>{@code
 * KafkaEgressSerializer toGreetings = value ->
 *     new ProducerRecord<>("greetings", value.as(Types.STRING).getBytes(UTF_8));
 * }</pre>
 *
 * A value it cannot serialize fails the job with an error naming the egress and the value's type.
 */
@FunctionalInterface
public interface KafkaEgressSerializer extends Serializable {

  ProducerRecord<byte[], byte[]> serialize(TypedValue value) throws Exception;

  /**
   * Reads values of type {@code type.googleapis.com/io.statefun.sdk.egress.KafkaProducerRecord}:
   * topic, key (UTF-8; empty means no key) and value bytes.
   */
  static KafkaEgressSerializer producerRecords() {
    return new KafkaProducerRecordSerializer();
  }
}
