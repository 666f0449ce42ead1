package io.statefun.kafka.ingress;

import io.statefun.kafka.KafkaIngressDeserializer;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/** Decodes with the user's {@link KafkaIngressDeserializer}; a null result is a bad record. */
final class DeserializerDecoder implements RecordDecoder {
  private static final long serialVersionUID = 1L;

  private final KafkaIngressDeserializer<?> deserializer;

  DeserializerDecoder(KafkaIngressDeserializer<?> deserializer) {
    this.deserializer = deserializer;
  }

  @Override
  public List<?> decode(ConsumerRecord<byte[], byte[]> record) throws Exception {
    Object decoded = deserializer.deserialize(record);
    if (decoded == null) {
      throw new BadRecordException("the deserializer returned null");
    }
    return List.of(decoded);
  }
}
