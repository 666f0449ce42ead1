package io.statefun.kafka;

import io.statefun.sdk.TypeName;
import io.statefun.sdk.io.IngressSpec;
import java.io.Serializable;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A Kafka ingress, built with {@link KafkaIngressBuilder} or from an {@code
 * io.statefun.kafka.v1/ingress} component. Immutable.
 *
 * @param <T> what the ingress emits before routing ({@link io.statefun.sdk.Message} for routable
 *     topics)
 */
public final class KafkaIngressSpec<T> implements IngressSpec<T>, Serializable {
  private static final long serialVersionUID = 1L;

  /** The ingress type that the Kafka connector implements. */
  public static final TypeName TYPE = TypeName.of("io.statefun.kafka", "ingress");

  private final TypeName id;
  private final String kafkaAddress;
  private final List<String> topics;
  private final @Nullable String consumerGroupId;
  private final KafkaIngressStartupPosition startupPosition;
  private final KafkaIngressAutoResetPosition autoResetPosition;
  private final Map<String, String> properties;
  private final @Nullable KafkaIngressDeserializer<T> deserializer;
  private final Map<String, KafkaRoutableTopic> routableTopics;
  private final BadRecordPolicy badRecordPolicy;

  KafkaIngressSpec(
      TypeName id,
      String kafkaAddress,
      List<String> topics,
      @Nullable String consumerGroupId,
      KafkaIngressStartupPosition startupPosition,
      KafkaIngressAutoResetPosition autoResetPosition,
      Map<String, String> properties,
      @Nullable KafkaIngressDeserializer<T> deserializer,
      Map<String, KafkaRoutableTopic> routableTopics,
      BadRecordPolicy badRecordPolicy) {
    this.id = Objects.requireNonNull(id, "id");
    this.kafkaAddress = Objects.requireNonNull(kafkaAddress, "kafkaAddress");
    this.topics = List.copyOf(topics);
    this.consumerGroupId = consumerGroupId;
    this.startupPosition = Objects.requireNonNull(startupPosition, "startupPosition");
    this.autoResetPosition = Objects.requireNonNull(autoResetPosition, "autoResetPosition");
    this.properties = properties;
    this.deserializer = deserializer;
    this.routableTopics = routableTopics;
    this.badRecordPolicy = Objects.requireNonNull(badRecordPolicy, "badRecordPolicy");
  }

  @Override
  public TypeName id() {
    return id;
  }

  @Override
  public TypeName type() {
    return TYPE;
  }

  /** {@code bootstrap.servers}. */
  public String kafkaAddress() {
    return kafkaAddress;
  }

  public List<String> topics() {
    return topics;
  }

  /** {@code group.id}, or null. */
  public @Nullable String consumerGroupId() {
    return consumerGroupId;
  }

  public KafkaIngressStartupPosition startupPosition() {
    return startupPosition;
  }

  public KafkaIngressAutoResetPosition autoResetPosition() {
    return autoResetPosition;
  }

  /**
   * The consumer properties as given, already overridden by the named settings (address, group id,
   * auto-reset position).
   */
  public Map<String, String> properties() {
    return properties;
  }

  /** The deserializer; null when the ingress reads routable topics. */
  public @Nullable KafkaIngressDeserializer<T> deserializer() {
    return deserializer;
  }

  /** The routable topics by name; empty when the ingress has a deserializer. */
  public Map<String, KafkaRoutableTopic> routableTopics() {
    return routableTopics;
  }

  public BadRecordPolicy badRecordPolicy() {
    return badRecordPolicy;
  }

  @Override
  public String toString() {
    return "KafkaIngressSpec{"
        + id
        + ", topics "
        + topics
        + " at "
        + kafkaAddress
        + (consumerGroupId == null ? "" : ", group " + consumerGroupId)
        + ", starting at "
        + startupPosition
        + ", bad records: "
        + badRecordPolicy
        + "}";
  }
}
