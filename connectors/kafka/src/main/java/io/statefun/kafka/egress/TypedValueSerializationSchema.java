package io.statefun.kafka.egress;

import io.statefun.kafka.KafkaEgressSerializer;
import io.statefun.sdk.TypeName;
import io.statefun.sdk.TypedValue;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * The Kafka sink's serialization schema: the egress's {@link KafkaEgressSerializer} applied to
 * each value, with failures naming the egress and the value's type.
 */
final class TypedValueSerializationSchema implements KafkaRecordSerializationSchema<TypedValue> {
  private static final long serialVersionUID = 1L;

  private final TypeName egressId;
  private final KafkaEgressSerializer serializer;

  TypedValueSerializationSchema(TypeName egressId, KafkaEgressSerializer serializer) {
    this.egressId = egressId;
    this.serializer = serializer;
  }

  @Override
  public ProducerRecord<byte[], byte[]> serialize(TypedValue value, KafkaSinkContext context, Long timestamp) {
    ProducerRecord<byte[], byte[]> record;
    try {
      record = serializer.serialize(value);
    } catch (Exception e) {
      throw new IllegalStateException(
          "Kafka egress " + egressId + " cannot serialize a value of type " + value.typeName() + ": " + e.getMessage(), e);
    }
    if (record == null) {
      throw new IllegalStateException(
          "Kafka egress " + egressId + ": the serializer " + serializer + " returned no record for a value of type "
              + value.typeName());
    }
    return record;
  }
}
