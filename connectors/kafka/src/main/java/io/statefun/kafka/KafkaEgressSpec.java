package io.statefun.kafka;

import io.statefun.sdk.TypeName;
import io.statefun.sdk.io.EgressSpec;
import java.io.Serializable;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A Kafka egress, built with {@link KafkaEgressBuilder} or from an {@code
 * io.statefun.kafka.v1/egress} component. Immutable.
 */
public final class KafkaEgressSpec implements EgressSpec, Serializable {
  private static final long serialVersionUID = 1L;

  /** The egress type that the Kafka connector implements. */
  public static final TypeName TYPE = TypeName.of("io.statefun.kafka", "egress");

  private final TypeName id;
  private final String kafkaAddress;
  private final Map<String, String> properties;
  private final KafkaEgressDeliverySemantic deliverySemantic;
  private final KafkaEgressSerializer serializer;
  private final @Nullable String transactionalIdPrefix;

  KafkaEgressSpec(
      TypeName id,
      String kafkaAddress,
      Map<String, String> properties,
      KafkaEgressDeliverySemantic deliverySemantic,
      KafkaEgressSerializer serializer,
      @Nullable String transactionalIdPrefix) {
    this.id = Objects.requireNonNull(id, "id");
    this.kafkaAddress = Objects.requireNonNull(kafkaAddress, "kafkaAddress");
    this.properties = Objects.requireNonNull(properties, "properties");
    this.deliverySemantic = Objects.requireNonNull(deliverySemantic, "deliverySemantic");
    this.serializer = Objects.requireNonNull(serializer, "serializer");
    this.transactionalIdPrefix = transactionalIdPrefix;
  }

  @Override
  public TypeName id() {
    return id;
  }

  @Override
  public TypeName type() {
    return TYPE;
  }

  public String kafkaAddress() {
    return kafkaAddress;
  }

  /** The producer properties as given, already overridden by the named settings. */
  public Map<String, String> properties() {
    return properties;
  }

  public KafkaEgressDeliverySemantic deliverySemantic() {
    return deliverySemantic;
  }

  public KafkaEgressSerializer serializer() {
    return serializer;
  }

  /**
   * The prefix of the transactional ids of an exactly-once egress, or null for the default ({@code
   * <job name>-<egress id>}).
   */
  public @Nullable String transactionalIdPrefix() {
    return transactionalIdPrefix;
  }

  @Override
  public String toString() {
    return "KafkaEgressSpec{" + id + " at " + kafkaAddress + ", " + deliverySemantic + "}";
  }
}
