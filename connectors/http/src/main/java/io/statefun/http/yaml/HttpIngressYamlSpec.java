package io.statefun.http.yaml;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * The {@code spec} of an {@code io.statefun.http.v1/ingress} component. Fields rather than a
 * record, so Jackson reads it as a stream and an unknown field is reported at its own line.
 */
final class HttpIngressYamlSpec {
  @JsonProperty private String id;
  @JsonProperty private Integer port;
  @JsonProperty private String bindHost;
  @JsonProperty private List<String> targets;
  @JsonProperty private String valueType;
  @JsonProperty private String maxBodyBytes;
  @JsonProperty private String replyTimeout;
  @JsonProperty private Integer maxPendingRequests;
  @JsonProperty private Integer maxConnections;
  @JsonProperty private String idleTimeout;
  @JsonProperty private String idempotencyRetention;
  @JsonProperty private String replyAfter;
  @JsonProperty private Tls tls;
  @JsonProperty private AuthToken authToken;

  String id() {
    return id;
  }

  Integer port() {
    return port;
  }

  String bindHost() {
    return bindHost;
  }

  List<String> targets() {
    return targets;
  }

  String valueType() {
    return valueType;
  }

  String maxBodyBytes() {
    return maxBodyBytes;
  }

  String replyTimeout() {
    return replyTimeout;
  }

  Integer maxPendingRequests() {
    return maxPendingRequests;
  }

  Integer maxConnections() {
    return maxConnections;
  }

  String idleTimeout() {
    return idleTimeout;
  }

  String idempotencyRetention() {
    return idempotencyRetention;
  }

  String replyAfter() {
    return replyAfter;
  }

  Tls tls() {
    return tls;
  }

  AuthToken authToken() {
    return authToken;
  }

  /**
   * {@code cert} and {@code key} (required), {@code keyPassword}, {@code trustCaCerts}: PEM
   * resources, {@code classpath:name} or a path, like the endpoint kinds' {@code client_cert},
   * {@code client_key}, {@code client_key_password} and {@code trust_cacerts}.
   */
  static final class Tls {
    @JsonProperty private String cert;
    @JsonProperty private String key;
    @JsonProperty private String keyPassword;
    @JsonProperty private String trustCaCerts;

    String cert() {
      return cert;
    }

    String key() {
      return key;
    }

    String keyPassword() {
      return keyPassword;
    }

    String trustCaCerts() {
      return trustCaCerts;
    }
  }

  /** {@code value: <token>} or {@code env: <variable>}, one of the two. */
  static final class AuthToken {
    @JsonProperty private String value;
    @JsonProperty private String env;

    String value() {
      return value;
    }

    String env() {
      return env;
    }
  }
}
