package io.statefun.http;

import io.statefun.sdk.TypeName;
import io.statefun.sdk.Types;
import io.statefun.sdk.io.IngressSpec;
import java.io.Serializable;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;

/**
 * An HTTP ingress, built with {@link HttpIngressBuilder} or from an {@code
 * io.statefun.http.v1/ingress} component. Immutable.
 *
 * <p>Its callers are addresses of {@link #replyType()}, with the request id as id: a function
 * answers an HTTP request by sending a message to its caller.
 */
public final class HttpIngressSpec implements IngressSpec<Void>, Serializable {
  private static final long serialVersionUID = 1L;

  /** The ingress type that this connector implements. */
  public static final TypeName TYPE = TypeName.of("io.statefun.http", "ingress");

  /** The namespace of the callers' function types; no function may be bound in it. */
  public static final String REPLY_NAMESPACE = "io.statefun.http.reply";

  public static final String DEFAULT_BIND_HOST = BindHost.LOOPBACK;

  /**
   * The environment variable with the address the launcher's servers bind ({@code statefun master}
   * and {@code worker}; the image sets {@code 0.0.0.0}): the ingress binds it too, where the server
   * starts, unless its spec names a bind host.
   */
  public static final String LAUNCHER_BIND_HOST = BindHost.LAUNCHER_VARIABLE;

  public static final TypeName DEFAULT_VALUE_TYPE = Types.STRING.typeName();
  public static final int DEFAULT_MAX_BODY_BYTES = 1 << 20;
  public static final Duration DEFAULT_REPLY_TIMEOUT = Duration.ofSeconds(30);
  public static final int DEFAULT_MAX_PENDING_REQUESTS = 10_000;
  public static final int DEFAULT_MAX_CONNECTIONS = 1_000;
  public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofSeconds(60);
  public static final Duration DEFAULT_IDEMPOTENCY_RETENTION = Duration.ofHours(24);

  private final TypeName id;
  private final int port;
  private final BindHost bindHost;
  private final Set<TypeName> targetTypes;
  private final Set<String> targetNamespaces;
  private final TypeName valueType;
  private final int maxBodyBytes;
  private final Duration replyTimeout;
  private final int maxPendingRequests;
  private final int maxConnections;
  private final Duration idleTimeout;
  private final Duration idempotencyRetention;
  private final ReplyAfter replyAfter;
  private final @Nullable String authToken;
  private final @Nullable String authTokenVariable;
  private final @Nullable HttpIngressTls tls;
  private final RequestDialect dialect;

  HttpIngressSpec(
      TypeName id,
      int port,
      BindHost bindHost,
      Set<TypeName> targetTypes,
      Set<String> targetNamespaces,
      TypeName valueType,
      int maxBodyBytes,
      Duration replyTimeout,
      int maxPendingRequests,
      int maxConnections,
      Duration idleTimeout,
      Duration idempotencyRetention,
      ReplyAfter replyAfter,
      @Nullable String authToken,
      @Nullable String authTokenVariable,
      @Nullable HttpIngressTls tls,
      RequestDialect dialect) {
    this.id = Objects.requireNonNull(id, "id");
    this.port = port;
    this.bindHost = Objects.requireNonNull(bindHost, "bindHost");
    this.targetTypes = Set.copyOf(targetTypes);
    this.targetNamespaces = Set.copyOf(targetNamespaces);
    this.valueType = Objects.requireNonNull(valueType, "valueType");
    this.maxBodyBytes = maxBodyBytes;
    this.replyTimeout = Objects.requireNonNull(replyTimeout, "replyTimeout");
    this.maxPendingRequests = maxPendingRequests;
    this.maxConnections = maxConnections;
    this.idleTimeout = Objects.requireNonNull(idleTimeout, "idleTimeout");
    this.idempotencyRetention =
        Objects.requireNonNull(idempotencyRetention, "idempotencyRetention");
    this.replyAfter = Objects.requireNonNull(replyAfter, "replyAfter");
    this.authToken = authToken;
    this.authTokenVariable = authTokenVariable;
    this.tls = tls;
    this.dialect = Objects.requireNonNull(dialect, "dialect");
  }

  @Override
  public TypeName id() {
    return id;
  }

  @Override
  public TypeName type() {
    return TYPE;
  }

  /**
   * The function type of this ingress's callers: {@code io.statefun.http.reply/<ns>:<name>} for
   * ingress {@code <ns>/<name>}.
   */
  public TypeName replyType() {
    return TypeName.of(REPLY_NAMESPACE, id.namespace() + ":" + id.name());
  }

  public int port() {
    return port;
  }

  /** The address to bind, unless {@link #resolveBindHost()} finds another. */
  public String bindHost() {
    return bindHost.address();
  }

  /**
   * The address to bind, read where the server starts: the environment variable named in the spec
   * ({@link #LAUNCHER_BIND_HOST} unless a bind host was set) when it is set there, else {@link
   * #bindHost()}.
   */
  public String resolveBindHost() {
    return bindHost.resolve();
  }

  /** {@link #resolveBindHost()} with {@code environment} for the process's environment. */
  public String resolveBindHost(UnaryOperator<@Nullable String> environment) {
    return bindHost.resolve(environment);
  }

  /**
   * Whether requests may reach functions of {@code type}: listed, or its namespace listed; with
   * {@link RequestDialect#PLAYGROUND}, any type outside the reply namespace.
   */
  public boolean isTarget(TypeName type) {
    if (dialect == RequestDialect.PLAYGROUND) {
      return !type.namespace().equals(REPLY_NAMESPACE);
    }
    return targetTypes.contains(type) || targetNamespaces.contains(type.namespace());
  }

  /** What requests look like and how they are answered. */
  public RequestDialect dialect() {
    return dialect;
  }

  /** The targets as written: {@code ns/name} and {@code ns/*}, sorted. */
  public List<String> targets() {
    return java.util.stream.Stream.concat(
            targetTypes.stream().map(TypeName::canonical),
            targetNamespaces.stream().map(namespace -> namespace + "/*"))
        .sorted()
        .toList();
  }

  /** The type of a request body that names none. */
  public TypeName valueType() {
    return valueType;
  }

  public int maxBodyBytes() {
    return maxBodyBytes;
  }

  public Duration replyTimeout() {
    return replyTimeout;
  }

  public int maxPendingRequests() {
    return maxPendingRequests;
  }

  /**
   * Connections a TaskManager's server keeps open; it closes new ones beyond that at once. With
   * {@link #maxBodyBytes()} it bounds the memory of the requests being read.
   */
  public int maxConnections() {
    return maxConnections;
  }

  /**
   * How long a connection may sit idle (no request, no answer) before the server closes it, and how
   * long a request may take to arrive whole from its first byte; a connection waiting for its
   * answer is never idle.
   */
  public Duration idleTimeout() {
    return idleTimeout;
  }

  /**
   * How long the {@code Idempotency-Key} of a request is remembered.
   *
   * <p>A request with the header {@code Idempotency-Key: <key>} (1 to 256 printable ASCII
   * characters; else {@code 400}) takes effect at most once per key and function address within
   * this time: a repeat is not delivered to the function again. While the first is in progress, the
   * repeat waits for its reply; once the function replied, the repeat gets that reply (a {@code
   * /send} gets {@code 202} again). The record of the key is keyed state of the target address
   * (restored and rescaled with it), so a client whose connection or whose TaskManager went away
   * retries with the same key and gets the reply. The reply is answered under {@link #replyAfter()}
   * like any: by default only after the checkpoint that holds it, so every answer to a key is the
   * same committed one. The same key sent to another address, or through another ingress, is
   * another request. Only a reply from the target address itself is recorded; if the function has
   * another address reply, that reply reaches only the request it names.
   */
  public Duration idempotencyRetention() {
    return idempotencyRetention;
  }

  public ReplyAfter replyAfter() {
    return replyAfter;
  }

  /**
   * The bearer token every request must carry ({@code Authorization: Bearer <token>}), read where
   * the server starts: the configured value, or the environment variable named in the spec; empty
   * when requests need none.
   *
   * @throws IllegalStateException if the named environment variable is not set
   */
  public Optional<String> resolveAuthToken() {
    if (authToken != null) {
      return Optional.of(authToken);
    }
    if (authTokenVariable == null) {
      return Optional.empty();
    }
    String value = System.getenv(authTokenVariable);
    if (value == null || value.isEmpty()) {
      throw new IllegalStateException(
          "HTTP ingress "
              + id
              + " reads its auth token from environment variable "
              + authTokenVariable
              + ", which is not set here");
    }
    return Optional.of(value);
  }

  /** The server's TLS; empty for plain HTTP. */
  public Optional<HttpIngressTls> tls() {
    return Optional.ofNullable(tls);
  }

  @Override
  public String toString() {
    return "HttpIngressSpec{"
        + id
        + " on "
        + bindHost
        + ":"
        + port
        + (dialect == RequestDialect.PLAYGROUND
            ? ", playground requests"
            : ", targets " + targets())
        + ", reply after "
        + replyAfter
        + (authToken != null || authTokenVariable != null ? ", with a bearer token" : "")
        + (tls == null ? "" : tls.requiresClientCertificate() ? ", over mutual TLS" : ", over TLS")
        + "}";
  }
}
