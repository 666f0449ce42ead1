package io.statefun.kafka.yaml;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/**
 * The {@code spec} of an {@code io.statefun.kafka.v1/egress} component, field for field as in
 * StateFun 3.x. Fields rather than a record, so an unknown field is reported at its own line.
 */
final class KafkaEgressYamlSpec {
  @JsonProperty private String id;
  @JsonProperty private String address;
  @JsonProperty private DeliverySemantic deliverySemantic;
  @JsonProperty private List<Map<String, String>> properties;

  String id() {
    return id;
  }

  String address() {
    return address;
  }

  DeliverySemantic deliverySemantic() {
    return deliverySemantic;
  }

  List<Map<String, String>> properties() {
    return properties;
  }

  /**
   * {@code type}: exactly-once | at-least-once | none; exactly-once takes {@code
   * transactionTimeout} (a duration such as {@code 15min}) or the older {@code
   * transactionTimeoutMillis}, which wins when both are given.
   */
  static final class DeliverySemantic {
    @JsonProperty private String type;
    @JsonProperty private String transactionTimeout;
    @JsonProperty private Long transactionTimeoutMillis;

    String type() {
      return type;
    }

    String transactionTimeout() {
      return transactionTimeout;
    }

    Long transactionTimeoutMillis() {
      return transactionTimeoutMillis;
    }
  }
}
