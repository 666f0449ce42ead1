package io.statefun.kafka.ingress;

import io.statefun.kafka.KafkaIngressDeserializer;
import io.statefun.kafka.KafkaIngressSpec;
import io.statefun.runtime.module.ApplicationLoader;
import io.statefun.sdk.TypeName;
import io.statefun.sdk.io.IngressSpec;
import java.util.List;
import org.apache.flink.util.UserCodeClassLoader;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Decodes with the user's {@link KafkaIngressDeserializer}; a null result is a bad record. The
 * deserializer is taken from the application loaded in the source task (it may be a module's class,
 * which the job graph's class loader does not see).
 */
final class DeserializerDecoder implements RecordDecoder {
  private static final long serialVersionUID = 1L;

  private final ApplicationLoader application;
  private final TypeName ingressId;
  private transient KafkaIngressDeserializer<?> deserializer;

  DeserializerDecoder(ApplicationLoader application, TypeName ingressId) {
    this.application = application;
    this.ingressId = ingressId;
  }

  @Override
  public void open(UserCodeClassLoader userCodeClassLoader) {
    IngressSpec<?> spec = application.load(userCodeClassLoader).ingresses().get(ingressId);
    if (!(spec instanceof KafkaIngressSpec<?> kafka) || kafka.deserializer() == null) {
      throw new IllegalStateException(
          "Kafka ingress " + ingressId + " has no deserializer in this task: " + spec);
    }
    deserializer = kafka.deserializer();
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
