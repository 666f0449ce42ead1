package io.statefun.http.playground.yaml;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The {@code spec} of an {@code io.statefun.playground.v1/ingress} component: the playground's
 * {@code port}, and our {@code bindHost}. Fields, so an unknown one is reported at its own line.
 */
final class PlaygroundIngressYamlSpec {
  @JsonProperty private Integer port;
  @JsonProperty private String bindHost;

  Integer port() {
    return port;
  }

  String bindHost() {
    return bindHost;
  }
}
