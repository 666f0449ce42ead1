package io.statefun.kafka.yaml;

import io.statefun.kafka.BadRecordPolicy;
import io.statefun.kafka.KafkaIngressAutoResetPosition;
import io.statefun.kafka.KafkaIngressBuilder;
import io.statefun.kafka.KafkaIngressStartupPosition;
import io.statefun.runtime.module.ComponentBinder;
import io.statefun.sdk.Message;
import io.statefun.sdk.TypeName;
import io.statefun.sdk.spi.Binder;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;

/**
 * Binds {@code io.statefun.kafka.v1/ingress}:
 *
 * <pre>{@code
 * kind: io.statefun.kafka.v1/ingress
 * spec:
 *   id: example/names
 *   address: kafka:9092
 *   consumerGroupId: greeter
 *   startupPosition: {type: earliest}
 *   topics:
 *     - topic: names
 *       valueType: example/Name
 *       targets: [example/greeter]
 *   badRecordPolicy: {type: dead-letter, topic: names-dead-letters}
 * }</pre>
 */
public final class KafkaIngressComponentBinder implements ComponentBinder<KafkaIngressYamlSpec> {
  public static final TypeName KIND = TypeName.parse("io.statefun.kafka.v1/ingress");

  /** StateFun's date format for {@code startupPosition.date}. */
  private static final DateTimeFormatter DATE =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS Z");

  @Override
  public TypeName kind() {
    return KIND;
  }

  @Override
  public Class<KafkaIngressYamlSpec> specClass() {
    return KafkaIngressYamlSpec.class;
  }

  @Override
  public void bind(KafkaIngressYamlSpec spec, String where, Binder binder) {
    TypeName id = typeName(YamlProperties.require(spec.id(), "id"), "id");
    KafkaIngressBuilder<Message> ingress = KafkaIngressBuilder.forIdentifier(id);
    Map<String, String> properties = YamlProperties.read(spec.properties());
    properties.forEach(ingress::withProperty);
    if (spec.address() != null) {
      ingress.withKafkaAddress(spec.address());
    }
    if (spec.consumerGroupId() != null) {
      ingress.withConsumerGroupId(spec.consumerGroupId());
    }
    if (spec.topics() == null || spec.topics().isEmpty()) {
      throw new IllegalArgumentException("'topics' is required and must list at least one topic");
    }
    for (int i = 0; i < spec.topics().size(); i++) {
      KafkaIngressYamlSpec.Topic topic = spec.topics().get(i);
      String field = "topics[" + i + "]";
      if (topic == null) {
        throw new IllegalArgumentException("'" + field + "' is empty");
      }
      String name = YamlProperties.require(topic.topic(), field + ".topic");
      TypeName valueType =
          typeName(
              YamlProperties.require(topic.valueType(), field + ".valueType"),
              field + ".valueType");
      if (topic.targets() == null || topic.targets().isEmpty()) {
        throw new IllegalArgumentException(
            "'" + field + ".targets' must list at least one function type");
      }
      List<TypeName> targets = new ArrayList<>();
      for (String target : topic.targets()) {
        targets.add(typeName(target, field + ".targets"));
      }
      ingress.withRoutableTopic(name, valueType, targets);
    }
    if (spec.autoOffsetResetPosition() != null) {
      ingress.withAutoResetPosition(autoReset(spec.autoOffsetResetPosition()));
    }
    if (spec.startupPosition() != null) {
      ingress.withStartupPosition(startupPosition(spec.startupPosition()));
    }
    if (spec.badRecordPolicy() != null) {
      ingress.withBadRecordPolicy(badRecordPolicy(spec.badRecordPolicy()));
    }
    try {
      binder.bindIngress(ingress.build());
    } catch (IllegalStateException e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    }
  }

  private static KafkaIngressAutoResetPosition autoReset(String value) {
    return switch (value.trim().toLowerCase(Locale.ROOT)) {
      case "earliest" -> KafkaIngressAutoResetPosition.EARLIEST;
      case "latest" -> KafkaIngressAutoResetPosition.LATEST;
      default ->
          throw new IllegalArgumentException(
              "'autoOffsetResetPosition' must be earliest or latest, got '" + value + "'");
    };
  }

  private static KafkaIngressStartupPosition startupPosition(
      KafkaIngressYamlSpec.StartupPosition position) {
    String type =
        YamlProperties.require(position.type(), "startupPosition.type")
            .trim()
            .toLowerCase(Locale.ROOT);
    if (!type.equals("specific-offsets") && position.offsets() != null) {
      throw new IllegalArgumentException(
          "'startupPosition.offsets' only goes with type specific-offsets, not " + type);
    }
    if (!type.equals("date") && position.date() != null) {
      throw new IllegalArgumentException(
          "'startupPosition.date' only goes with type date, not " + type);
    }
    return switch (type) {
      case "group-offsets" -> KafkaIngressStartupPosition.fromGroupOffsets();
      case "earliest" -> KafkaIngressStartupPosition.fromEarliest();
      case "latest" -> KafkaIngressStartupPosition.fromLatest();
      case "specific-offsets" ->
          KafkaIngressStartupPosition.fromSpecificOffsets(specificOffsets(position.offsets()));
      case "date" -> KafkaIngressStartupPosition.fromDate(date(position.date()));
      default ->
          throw new IllegalArgumentException(
              "'startupPosition.type' must be one of group-offsets, earliest, latest, specific-offsets, date; got '"
                  + position.type()
                  + "'");
    };
  }

  /** {@code [{"topic/0": 91}, {"topic/1": 11}]}; the partition follows the last '/'. */
  private static Map<TopicPartition, Long> specificOffsets(List<Map<String, Long>> offsets) {
    if (offsets == null || offsets.isEmpty()) {
      throw new IllegalArgumentException(
          "'startupPosition.offsets' must list offsets like - names/0: 91 for type specific-offsets");
    }
    Map<TopicPartition, Long> byPartition = new LinkedHashMap<>();
    for (Map<String, Long> entry : offsets) {
      if (entry == null) {
        continue;
      }
      entry.forEach(
          (topicPartition, offset) -> {
            int slash = topicPartition.lastIndexOf('/');
            int partition;
            try {
              partition = slash <= 0 ? -1 : Integer.parseInt(topicPartition.substring(slash + 1));
            } catch (NumberFormatException e) {
              partition = -1;
            }
            if (partition < 0) {
              throw new IllegalArgumentException(
                  "'startupPosition.offsets' keys are <topic>/<partition>, got '"
                      + topicPartition
                      + "'");
            }
            if (offset == null || offset < 0) {
              throw new IllegalArgumentException(
                  "'startupPosition.offsets' of "
                      + topicPartition
                      + " must be 0 or more, got "
                      + offset);
            }
            byPartition.put(
                new TopicPartition(topicPartition.substring(0, slash), partition), offset);
          });
    }
    return byPartition;
  }

  private static java.time.Instant date(String date) {
    if (date == null) {
      throw new IllegalArgumentException(
          "'startupPosition.date' is required for type date, e.g. \"2020-02-01 04:15:00.000 +0000\"");
    }
    try {
      return ZonedDateTime.parse(date, DATE).toInstant();
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(
          "'startupPosition.date' must look like \"2020-02-01 04:15:00.000 +0000\" (yyyy-MM-dd HH:mm:ss.SSS Z), got '"
              + date
              + "'");
    }
  }

  private static BadRecordPolicy badRecordPolicy(KafkaIngressYamlSpec.BadRecordPolicy policy) {
    String type =
        YamlProperties.require(policy.type(), "badRecordPolicy.type")
            .trim()
            .toLowerCase(Locale.ROOT);
    if (!type.equals("dead-letter") && policy.topic() != null) {
      throw new IllegalArgumentException(
          "'badRecordPolicy.topic' only goes with type dead-letter, not " + type);
    }
    return switch (type) {
      case "fail" -> BadRecordPolicy.fail();
      case "skip" -> BadRecordPolicy.skip();
      case "dead-letter" ->
          BadRecordPolicy.deadLetter(
              YamlProperties.require(policy.topic(), "badRecordPolicy.topic"));
      default ->
          throw new IllegalArgumentException(
              "'badRecordPolicy.type' must be one of fail, skip, dead-letter; got '"
                  + policy.type()
                  + "'");
    };
  }

  private static TypeName typeName(String value, String field) {
    try {
      return TypeName.parse(value);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("'" + field + "': " + e.getMessage(), e);
    }
  }
}
