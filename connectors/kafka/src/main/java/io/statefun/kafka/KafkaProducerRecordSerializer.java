package io.statefun.kafka;

import com.google.protobuf.InvalidProtocolBufferException;
import io.statefun.sdk.TypedValue;
import io.statefun.sdk.egress.generated.KafkaProducerRecord;
import io.statefun.sdk.io.KafkaEgressMessage;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Reads {@code KafkaProducerRecord} values into producer records; see {@link
 * KafkaEgressSerializer#producerRecords()}.
 */
final class KafkaProducerRecordSerializer implements KafkaEgressSerializer {
  private static final long serialVersionUID = 1L;

  @Override
  public ProducerRecord<byte[], byte[]> serialize(TypedValue value)
      throws InvalidProtocolBufferException {
    if (!KafkaEgressMessage.PRODUCER_RECORD_TYPE.equals(value.typeName())) {
      throw new IllegalArgumentException(
          "A Kafka egress takes values of type "
              + KafkaEgressMessage.PRODUCER_RECORD_TYPE
              + ", got one of type "
              + value.typeName()
              + "; build them with io.statefun.sdk.io.KafkaEgressMessage (or any StateFun SDK's"
              + " Kafka egress message builder), or give the egress a serializer");
    }
    KafkaProducerRecord record = KafkaProducerRecord.parseFrom(value.value());
    if (record.getTopic().isEmpty()) {
      throw new IllegalArgumentException(
          "A KafkaProducerRecord sent to a Kafka egress has no topic");
    }
    byte[] key =
        record.getKey().isEmpty() ? null : record.getKey().getBytes(StandardCharsets.UTF_8);
    return new ProducerRecord<>(record.getTopic(), key, record.getValueBytes().toByteArray());
  }

  @Override
  public String toString() {
    return "KafkaProducerRecord serializer";
  }
}
