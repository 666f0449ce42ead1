package io.statefun.kafka;

import io.statefun.sdk.TypeName;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;

/**
 * Builds a Kafka egress for a module to bind.
 *
 * <pre>{@code
 * binder.bindEgress(KafkaEgressBuilder.forIdentifier(TypeName.parse("example/greetings"))
 *     .withKafkaAddress("kafka:9092")
 *     .withExactlyOnceProducerSemantics(Duration.ofMinutes(15))
 *     .build());
 * }</pre>
 *
 * Defaults: at-least-once, the {@link KafkaEgressSerializer#producerRecords() KafkaProducerRecord}
 * serializer (functions send {@link io.statefun.sdk.io.KafkaEgressMessage}s). The named settings
 * win over the same keys in {@link #withProperty properties}.
 */
public final class KafkaEgressBuilder {
  private final TypeName id;
  private String kafkaAddress;
  private final Map<String, String> properties = new LinkedHashMap<>();
  private KafkaEgressDeliverySemantic deliverySemantic = KafkaEgressDeliverySemantic.atLeastOnce();
  private KafkaEgressSerializer serializer = KafkaEgressSerializer.producerRecords();
  private String transactionalIdPrefix;

  private KafkaEgressBuilder(TypeName id) {
    this.id = Objects.requireNonNull(id, "id");
  }

  public static KafkaEgressBuilder forIdentifier(TypeName id) {
    return new KafkaEgressBuilder(id);
  }

  public KafkaEgressBuilder withKafkaAddress(String address) {
    Objects.requireNonNull(address, "address");
    if (address.isBlank()) {
      throw new IllegalArgumentException("address must not be blank");
    }
    this.kafkaAddress = address;
    return this;
  }

  /** A Kafka producer property, passed on as it is (a named setting of this builder wins). */
  public KafkaEgressBuilder withProperty(String key, String value) {
    properties.put(
        Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value of " + key));
    return this;
  }

  public KafkaEgressBuilder withProperties(Properties properties) {
    properties.stringPropertyNames().forEach(key -> withProperty(key, properties.getProperty(key)));
    return this;
  }

  public KafkaEgressBuilder withDeliverySemantic(KafkaEgressDeliverySemantic semantic) {
    this.deliverySemantic = Objects.requireNonNull(semantic, "semantic");
    return this;
  }

  public KafkaEgressBuilder withExactlyOnceProducerSemantics(Duration transactionTimeout) {
    return withDeliverySemantic(KafkaEgressDeliverySemantic.exactlyOnce(transactionTimeout));
  }

  public KafkaEgressBuilder withAtLeastOnceProducerSemantics() {
    return withDeliverySemantic(KafkaEgressDeliverySemantic.atLeastOnce());
  }

  public KafkaEgressBuilder withNoProducerSemantics() {
    return withDeliverySemantic(KafkaEgressDeliverySemantic.none());
  }

  public KafkaEgressBuilder withSerializer(KafkaEgressSerializer serializer) {
    this.serializer = Objects.requireNonNull(serializer, "serializer");
    return this;
  }

  /**
   * The prefix of the egress's transactional ids (exactly-once only). It must be unique among all
   * applications writing to the cluster and stay the same across restarts of one; the default,
   * {@code <job name>-<egress id>}, is unique as long as job names are.
   */
  public KafkaEgressBuilder withTransactionalIdPrefix(String prefix) {
    this.transactionalIdPrefix = Objects.requireNonNull(prefix, "prefix");
    return this;
  }

  public KafkaEgressSpec build() {
    String address = kafkaAddress != null ? kafkaAddress : properties.get("bootstrap.servers");
    if (address == null || address.isBlank()) {
      throw new IllegalStateException(
          "Kafka egress " + id + " needs a Kafka address (withKafkaAddress or bootstrap.servers)");
    }
    Map<String, String> effective = new LinkedHashMap<>(properties);
    effective.put("bootstrap.servers", address);
    if (deliverySemantic.kind() == KafkaEgressDeliverySemantic.Kind.EXACTLY_ONCE) {
      effective.put(
          "transaction.timeout.ms",
          String.valueOf(deliverySemantic.transactionTimeout().toMillis()));
    }
    return new KafkaEgressSpec(
        id,
        address,
        Collections.unmodifiableMap(effective),
        deliverySemantic,
        serializer,
        transactionalIdPrefix);
  }
}
