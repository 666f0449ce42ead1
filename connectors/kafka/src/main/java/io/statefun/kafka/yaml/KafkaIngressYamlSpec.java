package io.statefun.kafka.yaml;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/**
 * The {@code spec} of an {@code io.statefun.kafka.v1/ingress} component, field for field as in
 * StateFun 3.x, plus {@code badRecordPolicy} (ours). Fields rather than a record, so Jackson reads
 * it as a stream and an unknown field is reported at its own line.
 */
final class KafkaIngressYamlSpec {
  @JsonProperty private String id;
  @JsonProperty private String address;
  @JsonProperty private String consumerGroupId;
  @JsonProperty private List<Topic> topics;
  @JsonProperty private String autoOffsetResetPosition;
  @JsonProperty private StartupPosition startupPosition;
  @JsonProperty private List<Map<String, String>> properties;
  @JsonProperty private BadRecordPolicy badRecordPolicy;

  String id() {
    return id;
  }

  String address() {
    return address;
  }

  String consumerGroupId() {
    return consumerGroupId;
  }

  List<Topic> topics() {
    return topics;
  }

  String autoOffsetResetPosition() {
    return autoOffsetResetPosition;
  }

  StartupPosition startupPosition() {
    return startupPosition;
  }

  List<Map<String, String>> properties() {
    return properties;
  }

  BadRecordPolicy badRecordPolicy() {
    return badRecordPolicy;
  }

  /** One routable topic: the key is the function id of every target. */
  static final class Topic {
    @JsonProperty private String topic;
    @JsonProperty private String valueType;
    @JsonProperty private List<String> targets;

    String topic() {
      return topic;
    }

    String valueType() {
      return valueType;
    }

    List<String> targets() {
      return targets;
    }
  }

  /** {@code type}: group-offsets | earliest | latest | specific-offsets (offsets) | date (date). */
  static final class StartupPosition {
    @JsonProperty private String type;
    @JsonProperty private List<Map<String, Long>> offsets;
    @JsonProperty private String date;

    String type() {
      return type;
    }

    List<Map<String, Long>> offsets() {
      return offsets;
    }

    String date() {
      return date;
    }
  }

  /** {@code type}: fail | skip | dead-letter (topic). */
  static final class BadRecordPolicy {
    @JsonProperty private String type;
    @JsonProperty private String topic;

    String type() {
      return type;
    }

    String topic() {
      return topic;
    }
  }
}
