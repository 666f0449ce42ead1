package io.statefun.kafka;

import io.statefun.sdk.TypeName;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;

/**
 * Builds a Kafka ingress for a module to bind.
 *
 * <pre>{@code
 * binder.bindIngress(KafkaIngressBuilder.<Message>forIdentifier(TypeName.parse("example/names"))
 *     .withKafkaAddress("kafka:9092")
 *     .withConsumerGroupId("greeter")
 *     .withTopic("names")
 *     .withStartupPosition(KafkaIngressStartupPosition.fromEarliest())
 *     .withDeserializer(record -> MessageBuilder.forAddress(GREETER, new String(record.key(), UTF_8))
 *         .withValue(new String(record.value(), UTF_8))
 *         .build())
 *     .build());
 * }</pre>
 *
 * Either a deserializer with {@link #withTopic topics}, or {@link #withRoutableTopic routable
 * topics} (key = function id, value passed on as a typed value), not both. The named settings win
 * over the same keys in {@link #withProperty properties}. Defaults: start at the latest offsets,
 * auto-reset to latest, bad records skipped (with a WARN and a metric).
 *
 * @param <T> what the deserializer produces
 */
public final class KafkaIngressBuilder<T> {
  private final TypeName id;
  private String kafkaAddress;
  private final LinkedHashSet<String> topics = new LinkedHashSet<>();
  private String consumerGroupId;
  private KafkaIngressStartupPosition startupPosition = KafkaIngressStartupPosition.fromLatest();
  private KafkaIngressAutoResetPosition autoResetPosition;
  private final Map<String, String> properties = new LinkedHashMap<>();
  private KafkaIngressDeserializer<T> deserializer;
  private final Map<String, KafkaRoutableTopic> routableTopics = new LinkedHashMap<>();
  private BadRecordPolicy badRecordPolicy = BadRecordPolicy.skip();

  private KafkaIngressBuilder(TypeName id) {
    this.id = Objects.requireNonNull(id, "id");
  }

  public static <T> KafkaIngressBuilder<T> forIdentifier(TypeName id) {
    return new KafkaIngressBuilder<>(id);
  }

  /** The brokers to bootstrap from, {@code host:port[,host:port...]}. */
  public KafkaIngressBuilder<T> withKafkaAddress(String address) {
    this.kafkaAddress = requireText(address, "address");
    return this;
  }

  /** A topic to read with the deserializer. */
  public KafkaIngressBuilder<T> withTopic(String topic) {
    topics.add(requireText(topic, "topic"));
    return this;
  }

  public KafkaIngressBuilder<T> withTopics(List<String> topics) {
    topics.forEach(this::withTopic);
    return this;
  }

  /**
   * A topic whose records go to functions without a deserializer: the key (UTF-8) is the id, the
   * value is passed on as a typed value of {@code valueType} to every target. Only for an ingress
   * of {@link io.statefun.sdk.Message}s.
   */
  public KafkaIngressBuilder<T> withRoutableTopic(
      String topic, TypeName valueType, List<TypeName> targets) {
    KafkaRoutableTopic routable = new KafkaRoutableTopic(topic, valueType, targets);
    if (routableTopics.putIfAbsent(topic, routable) != null) {
      throw new IllegalArgumentException("Topic " + topic + " is given twice for ingress " + id);
    }
    return this;
  }

  public KafkaIngressBuilder<T> withConsumerGroupId(String groupId) {
    this.consumerGroupId = requireText(groupId, "groupId");
    return this;
  }

  public KafkaIngressBuilder<T> withStartupPosition(KafkaIngressStartupPosition position) {
    this.startupPosition = Objects.requireNonNull(position, "position");
    return this;
  }

  public KafkaIngressBuilder<T> withAutoResetPosition(KafkaIngressAutoResetPosition position) {
    this.autoResetPosition = Objects.requireNonNull(position, "position");
    return this;
  }

  /** A Kafka consumer property, passed on as it is (a named setting of this builder wins). */
  public KafkaIngressBuilder<T> withProperty(String key, String value) {
    properties.put(requireText(key, "key"), Objects.requireNonNull(value, "value of " + key));
    return this;
  }

  public KafkaIngressBuilder<T> withProperties(Properties properties) {
    properties.stringPropertyNames().forEach(key -> withProperty(key, properties.getProperty(key)));
    return this;
  }

  public KafkaIngressBuilder<T> withDeserializer(KafkaIngressDeserializer<T> deserializer) {
    this.deserializer = Objects.requireNonNull(deserializer, "deserializer");
    return this;
  }

  public KafkaIngressBuilder<T> withBadRecordPolicy(BadRecordPolicy policy) {
    this.badRecordPolicy = Objects.requireNonNull(policy, "policy");
    return this;
  }

  public KafkaIngressSpec<T> build() {
    if (deserializer != null && !routableTopics.isEmpty()) {
      throw new IllegalStateException(
          "Kafka ingress "
              + id
              + " has both a deserializer and routable topics "
              + routableTopics.keySet()
              + "; use one or the other");
    }
    if (deserializer == null && routableTopics.isEmpty()) {
      throw new IllegalStateException(
          "Kafka ingress "
              + id
              + " needs a deserializer (withDeserializer) or routable topics (withRoutableTopic)");
    }
    if (deserializer != null && topics.isEmpty()) {
      throw new IllegalStateException(
          "Kafka ingress " + id + " needs at least one topic (withTopic)");
    }
    if (deserializer == null && !topics.isEmpty()) {
      throw new IllegalStateException(
          "Kafka ingress "
              + id
              + " has topics "
              + topics
              + " without a deserializer; make them routable topics");
    }
    String address = kafkaAddress != null ? kafkaAddress : properties.get("bootstrap.servers");
    if (address == null || address.isBlank()) {
      throw new IllegalStateException(
          "Kafka ingress " + id + " needs a Kafka address (withKafkaAddress or bootstrap.servers)");
    }
    String groupId = consumerGroupId != null ? consumerGroupId : properties.get("group.id");
    if (startupPosition.kind() == KafkaIngressStartupPosition.Kind.GROUP_OFFSETS
        && groupId == null) {
      throw new IllegalStateException(
          "Kafka ingress " + id + " starts from group offsets, so it needs a consumer group id");
    }
    KafkaIngressAutoResetPosition reset = autoResetPosition;
    if (reset == null) {
      String fromProperties = properties.get("auto.offset.reset");
      reset =
          fromProperties == null
              ? KafkaIngressAutoResetPosition.LATEST
              : KafkaIngressAutoResetPosition.valueOf(
                  fromProperties.trim().toUpperCase(Locale.ROOT));
    }
    Map<String, String> effective = new LinkedHashMap<>(properties);
    effective.put("bootstrap.servers", address);
    if (groupId != null) {
      effective.put("group.id", groupId);
    }
    effective.put("auto.offset.reset", reset.name().toLowerCase(Locale.ROOT));

    List<String> allTopics = new ArrayList<>(topics);
    allTopics.addAll(routableTopics.keySet());
    return new KafkaIngressSpec<>(
        id,
        address,
        allTopics,
        groupId,
        startupPosition,
        reset,
        Collections.unmodifiableMap(effective),
        deserializer,
        Collections.unmodifiableMap(new LinkedHashMap<>(routableTopics)),
        badRecordPolicy);
  }

  private static String requireText(String value, String what) {
    Objects.requireNonNull(value, what);
    if (value.isBlank()) {
      throw new IllegalArgumentException(what + " must not be blank");
    }
    return value;
  }
}
