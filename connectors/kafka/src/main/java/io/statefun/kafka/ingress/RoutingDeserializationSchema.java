package io.statefun.kafka.ingress;

import io.statefun.runtime.ingress.IngressRouting;
import io.statefun.runtime.message.Envelope;
import io.statefun.sdk.TypeName;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.serialization.DeserializationSchema;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Kafka source's deserialization schema: decodes a record, routes what it decoded to function
 * addresses, and emits the envelopes. A record that fails anywhere on the way emits nothing and
 * goes to the {@link BadRecordHandler}, so a record is either routed whole or handled as bad. Runs
 * on the source task's thread.
 */
final class RoutingDeserializationSchema implements KafkaRecordDeserializationSchema<Envelope> {
  private static final long serialVersionUID = 1L;
  private static final Logger LOG = LoggerFactory.getLogger(RoutingDeserializationSchema.class);

  private final TypeName ingressId;
  private final RecordDecoder decoder;
  private final IngressRouting<Object> routing;
  private final BadRecordHandler badRecords;
  private final TypeInformation<Envelope> envelopeType;

  RoutingDeserializationSchema(
      TypeName ingressId,
      RecordDecoder decoder,
      IngressRouting<Object> routing,
      BadRecordHandler badRecords,
      TypeInformation<Envelope> envelopeType) {
    this.ingressId = ingressId;
    this.decoder = decoder;
    this.routing = routing;
    this.badRecords = badRecords;
    this.envelopeType = envelopeType;
  }

  @Override
  public void open(DeserializationSchema.InitializationContext context) {
    routing.open(context.getUserCodeClassLoader());
    decoder.open(context.getUserCodeClassLoader());
    badRecords.open(context.getMetricGroup(), context.getUserCodeClassLoader());
  }

  @Override
  public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<Envelope> out)
      throws IOException {
    List<Envelope> routed = new ArrayList<>(2);
    try {
      for (Object decoded : decoder.decode(record)) {
        routing.route(decoded, routed::add);
      }
    } catch (Exception e) {
      badRecords.handle(record, e);
      return;
    }
    if (LOG.isDebugEnabled()) {
      LOG.debug(
          "Kafka ingress {}: {} became {}",
          ingressId,
          BadRecordHandler.coordinates(record),
          routed);
    }
    routed.forEach(out::collect);
  }

  @Override
  public TypeInformation<Envelope> getProducedType() {
    return envelopeType;
  }
}
