package io.statefun.http.yaml;

import io.statefun.http.HttpIngressBuilder;
import io.statefun.http.HttpIngressTls;
import io.statefun.http.ReplyAfter;
import io.statefun.runtime.module.ComponentBinder;
import io.statefun.runtime.remote.http.TlsContexts;
import io.statefun.sdk.TypeName;
import io.statefun.sdk.spi.Binder;
import java.time.Duration;
import java.util.Locale;
import org.apache.flink.configuration.MemorySize;
import org.apache.flink.util.TimeUtils;

/**
 * Binds {@code io.statefun.http.v1/ingress}:
 *
 * <pre>{@code
 * kind: io.statefun.http.v1/ingress
 * spec:
 *   id: example/http
 *   port: 8090
 *   # bindHost: $STATEFUN_BIND_HOST where set (the image: 0.0.0.0), else 127.0.0.1, unless set
 *   targets: [example/*]
 *   replyAfter: checkpoint     # or invoke
 *   idempotencyRetention: 24h  # how long an Idempotency-Key is remembered
 *   authToken: {env: HTTP_INGRESS_TOKEN}   # or {value: ...}: requests need a bearer token
 *   tls:                       # https only; each a PEM file path or classpath:name
 *     cert: /etc/statefun/ingress.pem
 *     key: /etc/statefun/ingress.key
 *     keyPassword: /etc/statefun/ingress.key.password   # for an encrypted key
 *     trustCaCerts: /etc/statefun/clients-ca.pem        # mutual TLS: clients need a certificate
 * }</pre>
 *
 * The TLS files are read here, so that one that cannot be read or used is an error at its line of
 * {@code module.yaml}, and again where the server starts (on each TaskManager).
 */
public final class HttpIngressComponentBinder implements ComponentBinder<HttpIngressYamlSpec> {
  public static final TypeName KIND = TypeName.parse("io.statefun.http.v1/ingress");

  @Override
  public TypeName kind() {
    return KIND;
  }

  @Override
  public Class<HttpIngressYamlSpec> specClass() {
    return HttpIngressYamlSpec.class;
  }

  @Override
  public void bind(HttpIngressYamlSpec spec, String where, Binder binder) {
    HttpIngressBuilder ingress = HttpIngressBuilder.forIdentifier(typeName(spec.id(), "id"));
    if (spec.port() == null) {
      throw new IllegalArgumentException("'port' is required");
    }
    ingress.withPort(spec.port());
    if (spec.bindHost() != null) {
      ingress.withBindHost(spec.bindHost());
    }
    if (spec.targets() == null || spec.targets().isEmpty()) {
      throw new IllegalArgumentException("'targets' must list at least one ns/name or ns/*");
    }
    for (String target : spec.targets()) {
      if (target == null) {
        throw new IllegalArgumentException("'targets' has an empty entry");
      }
      ingress.withTarget(target);
    }
    if (spec.valueType() != null) {
      ingress.withValueType(typeName(spec.valueType(), "valueType"));
    }
    if (spec.maxBodyBytes() != null) {
      ingress.withMaxBodyBytes(maxBodyBytes(spec.maxBodyBytes()));
    }
    if (spec.replyTimeout() != null) {
      ingress.withReplyTimeout(duration(spec.replyTimeout(), "replyTimeout"));
    }
    if (spec.maxPendingRequests() != null) {
      ingress.withMaxPendingRequests(spec.maxPendingRequests());
    }
    if (spec.maxConnections() != null) {
      ingress.withMaxConnections(spec.maxConnections());
    }
    if (spec.idleTimeout() != null) {
      ingress.withIdleTimeout(duration(spec.idleTimeout(), "idleTimeout"));
    }
    if (spec.idempotencyRetention() != null) {
      ingress.withIdempotencyRetention(
          duration(spec.idempotencyRetention(), "idempotencyRetention"));
    }
    if (spec.replyAfter() != null) {
      ingress.withReplyAfter(replyAfter(spec.replyAfter()));
    }
    if (spec.authToken() != null) {
      HttpIngressYamlSpec.AuthToken token = spec.authToken();
      if ((token.value() == null) == (token.env() == null)) {
        throw new IllegalArgumentException(
            "'authToken' takes one of 'value: <token>' or 'env: <environment variable>'");
      }
      if (token.value() != null) {
        ingress.withAuthToken(token.value());
      } else {
        ingress.withAuthTokenFromEnvironment(token.env());
      }
    }
    if (spec.tls() != null) {
      ingress.withTls(tls(spec.tls()));
    }
    try {
      binder.bindIngress(ingress.build());
    } catch (IllegalStateException e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    }
  }

  private static HttpIngressTls tls(HttpIngressYamlSpec.Tls spec) {
    if (spec.cert() == null || spec.key() == null) {
      throw new IllegalArgumentException(
          "'tls' needs 'cert' and 'key' (PEM files or classpath:name); got no "
              + (spec.cert() == null ? "'cert'" : "'key'"));
    }
    HttpIngressTls tls = HttpIngressTls.of(spec.cert(), spec.key());
    if (spec.keyPassword() != null) {
      tls = tls.withKeyPassword(spec.keyPassword());
    }
    if (spec.trustCaCerts() != null) {
      tls = tls.withTrustCaCerts(spec.trustCaCerts());
      TlsContexts.trustManagers(tls.trustCaCerts());
    }
    TlsContexts.keyManagers(tls.cert(), tls.key(), tls.keyPassword());
    return tls;
  }

  private static ReplyAfter replyAfter(String value) {
    return switch (value.trim().toLowerCase(Locale.ROOT)) {
      case "checkpoint" -> ReplyAfter.CHECKPOINT;
      case "invoke" -> ReplyAfter.INVOKE;
      default ->
          throw new IllegalArgumentException(
              "'replyAfter' must be checkpoint or invoke, got '" + value + "'");
    };
  }

  /** Bytes, or a size with a unit: {@code 1048576}, {@code 512kb}, {@code 1mb}. */
  private static int maxBodyBytes(String value) {
    long bytes;
    try {
      bytes = MemorySize.parse(value.trim()).getBytes();
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "'maxBodyBytes' must be a size like 1048576 or 1mb, got '" + value + "'", e);
    }
    if (bytes < 1 || bytes > Integer.MAX_VALUE) {
      throw new IllegalArgumentException(
          "'maxBodyBytes' must be between 1 byte and 2 GiB, got '" + value + "'");
    }
    return (int) bytes;
  }

  private static Duration duration(String value, String field) {
    try {
      return TimeUtils.parseDuration(value);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "'" + field + "' must be a duration like 30s or 24h, got '" + value + "'", e);
    }
  }

  private static TypeName typeName(String value, String field) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException("'" + field + "' is required");
    }
    try {
      return TypeName.parse(value);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("'" + field + "': " + e.getMessage(), e);
    }
  }
}
