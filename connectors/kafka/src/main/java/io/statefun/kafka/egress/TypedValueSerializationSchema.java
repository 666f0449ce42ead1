package io.statefun.kafka.egress;

import io.statefun.kafka.KafkaEgressSerializer;
import io.statefun.kafka.KafkaEgressSpec;
import io.statefun.runtime.module.ApplicationLoader;
import io.statefun.sdk.TypeName;
import io.statefun.sdk.TypedValue;
import io.statefun.sdk.io.EgressSpec;
import org.apache.flink.api.common.serialization.SerializationSchema;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * The Kafka sink's serialization schema: the egress's {@link KafkaEgressSerializer} applied to each
 * value, with failures naming the egress and the value's type. The serializer is taken from the
 * application loaded in the sink task (it may be a module's class, which the job graph's class
 * loader does not see).
 */
final class TypedValueSerializationSchema implements KafkaRecordSerializationSchema<TypedValue> {
  private static final long serialVersionUID = 1L;

  private final TypeName egressId;
  private final ApplicationLoader application;
  private transient KafkaEgressSerializer serializer;

  TypedValueSerializationSchema(TypeName egressId, ApplicationLoader application) {
    this.egressId = egressId;
    this.application = application;
  }

  /** For tests: a schema with its serializer at hand. */
  TypedValueSerializationSchema(TypeName egressId, KafkaEgressSerializer serializer) {
    this.egressId = egressId;
    this.application = null;
    this.serializer = serializer;
  }

  @Override
  public void open(
      SerializationSchema.InitializationContext context, KafkaSinkContext sinkContext) {
    if (application == null) {
      return;
    }
    EgressSpec spec = application.load(context.getUserCodeClassLoader()).egresses().get(egressId);
    if (!(spec instanceof KafkaEgressSpec kafka)) {
      throw new IllegalStateException(
          "Kafka egress " + egressId + " is not bound as a Kafka egress in this task: " + spec);
    }
    serializer = kafka.serializer();
  }

  @Override
  public ProducerRecord<byte[], byte[]> serialize(
      TypedValue value, KafkaSinkContext context, Long timestamp) {
    ProducerRecord<byte[], byte[]> record;
    try {
      record = serializer.serialize(value);
    } catch (Exception e) {
      throw new IllegalStateException(
          "Kafka egress "
              + egressId
              + " cannot serialize a value of type "
              + value.typeName()
              + ": "
              + e.getMessage(),
          e);
    }
    if (record == null) {
      throw new IllegalStateException(
          "Kafka egress "
              + egressId
              + ": the serializer "
              + serializer
              + " returned no record for a value of type "
              + value.typeName());
    }
    return record;
  }
}
