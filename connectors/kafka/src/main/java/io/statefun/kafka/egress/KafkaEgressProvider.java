package io.statefun.kafka.egress;

import io.statefun.kafka.KafkaEgressDeliverySemantic;
import io.statefun.kafka.KafkaEgressSpec;
import io.statefun.runtime.config.StatefunOptions;
import io.statefun.runtime.egress.EgressContext;
import io.statefun.runtime.egress.EgressProvider;
import io.statefun.sdk.TypeName;
import io.statefun.sdk.TypedValue;
import io.statefun.sdk.io.EgressSpec;
import java.time.Duration;
import java.util.Properties;
import org.apache.flink.configuration.ReadableConfig;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.flink.connector.kafka.sink.KafkaSinkBuilder;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Implements {@link KafkaEgressSpec} with a Flink {@link KafkaSink}. */
public final class KafkaEgressProvider implements EgressProvider {
  private static final Logger LOG = LoggerFactory.getLogger(KafkaEgressProvider.class);

  /**
   * Kafka's default {@code transaction.max.timeout.ms}; a longer timeout needs a broker that allows
   * it.
   */
  private static final Duration BROKER_DEFAULT_MAX_TRANSACTION_TIMEOUT = Duration.ofMinutes(15);

  @Override
  public TypeName type() {
    return KafkaEgressSpec.TYPE;
  }

  @Override
  public void attach(EgressContext context) {
    EgressSpec egressSpec = context.spec();
    DataStream<TypedValue> values = context.values();
    ReadableConfig configuration = context.configuration();
    if (!(egressSpec instanceof KafkaEgressSpec spec)) {
      throw new IllegalArgumentException(
          "Egress "
              + egressSpec.id()
              + " has type "
              + KafkaEgressSpec.TYPE
              + " but its spec is a "
              + egressSpec.getClass().getName()
              + ", not a KafkaEgressSpec");
    }
    Properties properties = new Properties();
    properties.putAll(spec.properties());
    KafkaSinkBuilder<TypedValue> sink =
        KafkaSink.<TypedValue>builder()
            .setBootstrapServers(spec.kafkaAddress())
            .setKafkaProducerConfig(properties)
            .setRecordSerializer(
                new TypedValueSerializationSchema(spec.id(), context.application()))
            .setDeliveryGuarantee(guarantee(spec.deliverySemantic()));
    String transactionalIdPrefix = "";
    if (spec.deliverySemantic().kind() == KafkaEgressDeliverySemantic.Kind.EXACTLY_ONCE) {
      transactionalIdPrefix =
          spec.transactionalIdPrefix() != null
              ? spec.transactionalIdPrefix()
              : defaultTransactionalIdPrefix(
                  configuration.get(StatefunOptions.JOB_NAME), spec.id());
      sink.setTransactionalIdPrefix(transactionalIdPrefix);
      if (spec.deliverySemantic()
              .transactionTimeout()
              .compareTo(BROKER_DEFAULT_MAX_TRANSACTION_TIMEOUT)
          > 0) {
        LOG.warn(
            "Kafka egress {} uses a transaction timeout of {}, above Kafka's default limit of {}; the"
                + " brokers need transaction.max.timeout.ms at least as high, or no transaction starts",
            spec.id(),
            spec.deliverySemantic().transactionTimeout(),
            BROKER_DEFAULT_MAX_TRANSACTION_TIMEOUT);
      }
    }
    values.sinkTo(sink.build()).name("egress " + spec.id()).uid(context.sinkUid());
    LOG.info(
        "Kafka egress {}: writes to {} {}{}",
        spec.id(),
        spec.kafkaAddress(),
        spec.deliverySemantic(),
        transactionalIdPrefix.isEmpty()
            ? ""
            : ", transactional ids " + transactionalIdPrefix + "-*");
  }

  private static DeliveryGuarantee guarantee(KafkaEgressDeliverySemantic semantic) {
    return switch (semantic.kind()) {
      case EXACTLY_ONCE -> DeliveryGuarantee.EXACTLY_ONCE;
      case AT_LEAST_ONCE -> DeliveryGuarantee.AT_LEAST_ONCE;
      case NONE -> DeliveryGuarantee.NONE;
    };
  }

  /** {@code <job name>-<egress id>}, with characters Kafka ids dislike replaced. */
  static String defaultTransactionalIdPrefix(String jobName, TypeName egressId) {
    return (jobName + "-" + egressId.canonical()).replaceAll("[^A-Za-z0-9._-]", "-");
  }
}
