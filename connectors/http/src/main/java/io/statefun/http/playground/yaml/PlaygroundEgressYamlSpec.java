package io.statefun.http.playground.yaml;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * The {@code spec} of an {@code io.statefun.playground.v1/egress} component: the playground's
 * {@code port} and {@code topics}, and our {@code bindHost} and {@code maxRecordsPerTopic}.
 */
final class PlaygroundEgressYamlSpec {
  @JsonProperty private Integer port;
  @JsonProperty private List<String> topics;
  @JsonProperty private String bindHost;
  @JsonProperty private Integer maxRecordsPerTopic;

  Integer port() {
    return port;
  }

  List<String> topics() {
    return topics;
  }

  String bindHost() {
    return bindHost;
  }

  Integer maxRecordsPerTopic() {
    return maxRecordsPerTopic;
  }
}
