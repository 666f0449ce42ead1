package io.statefun.runtime.remote.yaml;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.statefun.runtime.remote.EndpointSettings;
import io.statefun.runtime.remote.UrlPathTemplate;
import io.statefun.runtime.remote.http.TlsSettings;
import io.statefun.runtime.remote.http.TransportSettings;
import io.statefun.sdk.TypeName;
import java.time.Duration;
import org.apache.flink.util.TimeUtils;

/**
 * The {@code spec} of the {@code io.statefun.endpoints.v1|v2/http} kinds, field for field as
 * StateFun 3.x reads them (unknown fields are rejected by the module reader), plus our {@code
 * deadLetterEgress}. Durations are Flink durations ({@code 2m}, {@code 10 s}, {@code 500ms}; a bare
 * number is milliseconds).
 */
final class HttpEndpointSpecs {
  static final String ASYNC_TRANSPORT = "io.statefun.transports.v1/async";
  static final String OKHTTP_TRANSPORT = "io.statefun.transports.v1/okhttp";

  private HttpEndpointSpecs() {}

  /** {@code io.statefun.endpoints.v2/http}. */
  static final class V2 {
    @JsonProperty("functions")
    String functions;

    @JsonProperty("urlPathTemplate")
    String urlPathTemplate;

    @JsonProperty("maxNumBatchRequests")
    Integer maxNumBatchRequests;

    @JsonProperty("transport")
    Transport transport;

    @JsonProperty("deadLetterEgress")
    String deadLetterEgress;
  }

  /** {@code io.statefun.endpoints.v1/http}: always the OkHttp-style transport settings. */
  static final class V1 {
    @JsonProperty("functions")
    String functions;

    @JsonProperty("urlPathTemplate")
    String urlPathTemplate;

    @JsonProperty("maxNumBatchRequests")
    Integer maxNumBatchRequests;

    @JsonProperty("maxRetries")
    Integer maxRetries;

    @JsonProperty("timeouts")
    Timeouts timeouts;

    @JsonProperty("deadLetterEgress")
    String deadLetterEgress;
  }

  /** The v2 {@code transport}: the async transport's flat keys, or nested {@code timeouts}. */
  static final class Transport {
    @JsonProperty("type")
    String type;

    @JsonProperty("call")
    String call;

    @JsonProperty("connect")
    String connect;

    @JsonProperty("pool_ttl")
    String poolTtl;

    @JsonProperty("pool_size")
    Integer poolSize;

    @JsonProperty("payload_max_bytes")
    Long payloadMaxBytes;

    @JsonProperty("trust_cacerts")
    String trustCaCerts;

    @JsonProperty("client_cert")
    String clientCert;

    @JsonProperty("client_key")
    String clientKey;

    @JsonProperty("client_key_password")
    String clientKeyPassword;

    @JsonProperty("timeouts")
    Timeouts timeouts;
  }

  /** {@code timeouts}: {@code call}, {@code connect}, {@code read}, {@code write}. */
  static final class Timeouts {
    @JsonProperty("call")
    String call;

    @JsonProperty("connect")
    String connect;

    @JsonProperty("read")
    String read;

    @JsonProperty("write")
    String write;
  }

  static EndpointSettings settingsOf(V2 spec) {
    Transport transport = spec.transport == null ? new Transport() : spec.transport;
    String type = transport.type == null ? ASYNC_TRANSPORT : transport.type;
    Timeouts timeouts = transport.timeouts == null ? new Timeouts() : transport.timeouts;
    Duration call;
    Duration connect;
    Duration attempt;
    switch (type) {
      case ASYNC_TRANSPORT -> {
        call =
            duration(
                "transport.call",
                first(timeouts.call, transport.call),
                TransportSettings.DEFAULT_CALL_TIMEOUT);
        connect =
            duration(
                "transport.connect",
                first(timeouts.connect, transport.connect),
                TransportSettings.DEFAULT_CONNECT_TIMEOUT);
        attempt = duration("transport.timeouts.read", timeouts.read, call);
      }
      case OKHTTP_TRANSPORT -> {
        call = duration("transport.timeouts.call", timeouts.call, Duration.ofMinutes(1));
        connect = duration("transport.timeouts.connect", timeouts.connect, Duration.ofSeconds(10));
        attempt = duration("transport.timeouts.read", timeouts.read, Duration.ofSeconds(10));
        duration("transport.timeouts.write", timeouts.write, Duration.ofSeconds(10));
        atMostCall(call, connect, attempt);
      }
      default ->
          throw new IllegalArgumentException(
              "transport.type '"
                  + type
                  + "' is not supported; supported: "
                  + ASYNC_TRANSPORT
                  + ", "
                  + OKHTTP_TRANSPORT);
    }
    TlsSettings tls =
        transport.trustCaCerts == null
                && transport.clientCert == null
                && transport.clientKey == null
                && transport.clientKeyPassword == null
            ? null
            : new TlsSettings(
                transport.trustCaCerts,
                transport.clientCert,
                transport.clientKey,
                transport.clientKeyPassword);
    TransportSettings settings =
        new TransportSettings(
            call,
            connect,
            min(attempt, call),
            transport.poolSize == null ? TransportSettings.DEFAULT_POOL_SIZE : transport.poolSize,
            duration("transport.pool_ttl", transport.poolTtl, TransportSettings.DEFAULT_POOL_TTL),
            transport.payloadMaxBytes == null
                ? TransportSettings.DEFAULT_PAYLOAD_MAX_BYTES
                : transport.payloadMaxBytes,
            -1,
            tls);
    return endpoint(
        spec.functions,
        spec.urlPathTemplate,
        spec.maxNumBatchRequests,
        settings,
        spec.deadLetterEgress);
  }

  static EndpointSettings settingsOf(V1 spec) {
    Timeouts timeouts = spec.timeouts == null ? new Timeouts() : spec.timeouts;
    Duration call = duration("timeouts.call", timeouts.call, Duration.ofMinutes(1));
    Duration connect = duration("timeouts.connect", timeouts.connect, Duration.ofSeconds(10));
    Duration read = duration("timeouts.read", timeouts.read, Duration.ofSeconds(10));
    duration("timeouts.write", timeouts.write, Duration.ofSeconds(10));
    atMostCall(call, connect, read);
    if (spec.maxRetries != null && spec.maxRetries < 0) {
      throw new IllegalArgumentException("maxRetries cannot be negative, got " + spec.maxRetries);
    }
    TransportSettings settings =
        new TransportSettings(
            call,
            connect,
            read,
            TransportSettings.DEFAULT_POOL_SIZE,
            TransportSettings.DEFAULT_POOL_TTL,
            TransportSettings.DEFAULT_PAYLOAD_MAX_BYTES,
            spec.maxRetries == null ? -1 : spec.maxRetries,
            null);
    return endpoint(
        spec.functions,
        spec.urlPathTemplate,
        spec.maxNumBatchRequests,
        settings,
        spec.deadLetterEgress);
  }

  private static EndpointSettings endpoint(
      String functions,
      String urlPathTemplate,
      Integer maxNumBatchRequests,
      TransportSettings transport,
      String deadLetterEgress) {
    if (functions == null || functions.isBlank()) {
      throw new IllegalArgumentException(
          "'functions' is required: 'namespace/name' or 'namespace/*'");
    }
    TypeName target;
    try {
      target = TypeName.parse(functions);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "'functions' must be 'namespace/name' or 'namespace/*', got '" + functions + "'", e);
    }
    boolean wildcard = target.name().equals("*");
    if (!wildcard && target.name().contains("*")) {
      throw new IllegalArgumentException(
          "'functions': '*' is allowed only as the whole name ('namespace/*'), got '"
              + functions
              + "'");
    }
    TypeName deadLetters = null;
    if (deadLetterEgress != null) {
      try {
        deadLetters = TypeName.parse(deadLetterEgress);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(
            "'deadLetterEgress' must be an egress id 'namespace/name', got '"
                + deadLetterEgress
                + "'",
            e);
      }
    }
    return new EndpointSettings(
        wildcard ? target.namespace() : null,
        wildcard ? null : target,
        new UrlPathTemplate(urlPathTemplate),
        maxNumBatchRequests == null
            ? EndpointSettings.DEFAULT_MAX_NUM_BATCH_REQUESTS
            : maxNumBatchRequests,
        transport,
        deadLetters);
  }

  private static String first(String preferred, String fallback) {
    return preferred != null ? preferred : fallback;
  }

  private static Duration duration(String field, String text, Duration fallback) {
    if (text == null) {
      return fallback;
    }
    Duration parsed;
    try {
      parsed = TimeUtils.parseDuration(text);
    } catch (RuntimeException e) {
      throw new IllegalArgumentException(
          "'" + field + "' is not a duration (like 2m, 10s, 500ms): '" + text + "'", e);
    }
    if (parsed.isZero() || parsed.isNegative()) {
      throw new IllegalArgumentException("'" + field + "' must be positive, got '" + text + "'");
    }
    return parsed;
  }

  private static void atMostCall(Duration call, Duration... others) {
    for (Duration other : others) {
      if (other.compareTo(call) > 0) {
        throw new IllegalArgumentException(
            "the connect, read and write timeouts must not exceed the call timeout "
                + call
                + ", got "
                + other);
      }
    }
  }

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }
}
