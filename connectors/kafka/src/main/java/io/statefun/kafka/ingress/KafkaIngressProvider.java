package io.statefun.kafka.ingress;

import io.statefun.kafka.KafkaIngressSpec;
import io.statefun.runtime.ingress.IngressContext;
import io.statefun.runtime.ingress.IngressProvider;
import io.statefun.runtime.message.Envelope;
import io.statefun.sdk.TypeName;
import java.util.Properties;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Implements {@link KafkaIngressSpec} with a Flink {@link KafkaSource}. */
public final class KafkaIngressProvider implements IngressProvider {
  private static final Logger LOG = LoggerFactory.getLogger(KafkaIngressProvider.class);

  @Override
  public TypeName type() {
    return KafkaIngressSpec.TYPE;
  }

  @Override
  public DataStream<Envelope> createIngress(IngressContext context) {
    if (!(context.spec() instanceof KafkaIngressSpec<?> spec)) {
      throw new IllegalArgumentException(
          "Ingress "
              + context.spec().id()
              + " has type "
              + KafkaIngressSpec.TYPE
              + " but its spec is a "
              + context.spec().getClass().getName()
              + ", not a KafkaIngressSpec");
    }
    Properties properties = new Properties();
    properties.putAll(spec.properties());
    // the offsets initializer carries the reset position; the source would override this and warn
    properties.remove("auto.offset.reset");
    RecordDecoder decoder =
        spec.deserializer() != null
            ? new DeserializerDecoder(context.application(), spec.id())
            : new RoutableTopicsDecoder(spec.routableTopics());
    KafkaSource<Envelope> source =
        KafkaSource.<Envelope>builder()
            .setProperties(properties)
            .setTopics(spec.topics())
            .setStartingOffsets(StartingOffsets.of(spec))
            .setDeserializer(
                new RoutingDeserializationSchema(
                    spec.id(),
                    decoder,
                    context.routing(),
                    new BadRecordHandler(spec.id(), spec.badRecordPolicy(), spec.properties()),
                    context.envelopeType()))
            .build();
    LOG.info(
        "Kafka ingress {}: topics {} at {}, group {}, starting at {}, bad records: {}",
        spec.id(),
        spec.topics(),
        spec.kafkaAddress(),
        spec.consumerGroupId(),
        spec.startupPosition(),
        spec.badRecordPolicy());
    return context
        .environment()
        .fromSource(
            source,
            WatermarkStrategy.noWatermarks(),
            "ingress " + spec.id(),
            context.envelopeType())
        .uid(context.sourceUid());
  }
}
