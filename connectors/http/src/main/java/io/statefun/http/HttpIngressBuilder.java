package io.statefun.http;

import io.statefun.sdk.TypeName;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Builds an {@link HttpIngressSpec}.
 *
 * <pre>{@code
 * binder.bindIngress(
 *     HttpIngressBuilder.forIdentifier(TypeName.parse("example/http"))
 *         .withPort(8090)
 *         .withTarget("example/*")
 *         .build());
 * }</pre>
 *
 * Then {@code curl -d alice http://127.0.0.1:8090/example/greeter/alice} waits for the reply of
 * function {@code example/greeter}, id {@code alice}; with {@code -H 'Idempotency-Key: visit-1'},
 * repeating the request has no further effect and returns the same reply.
 */
public final class HttpIngressBuilder {
  private final TypeName id;
  private int port = -1;
  private BindHost bindHost = BindHost.launchers();
  private final Set<TypeName> targetTypes = new LinkedHashSet<>();
  private final Set<String> targetNamespaces = new LinkedHashSet<>();
  private TypeName valueType = HttpIngressSpec.DEFAULT_VALUE_TYPE;
  private int maxBodyBytes = HttpIngressSpec.DEFAULT_MAX_BODY_BYTES;
  private Duration replyTimeout = HttpIngressSpec.DEFAULT_REPLY_TIMEOUT;
  private int maxPendingRequests = HttpIngressSpec.DEFAULT_MAX_PENDING_REQUESTS;
  private int maxConnections = HttpIngressSpec.DEFAULT_MAX_CONNECTIONS;
  private Duration idleTimeout = HttpIngressSpec.DEFAULT_IDLE_TIMEOUT;
  private Duration idempotencyRetention = HttpIngressSpec.DEFAULT_IDEMPOTENCY_RETENTION;
  private ReplyAfter replyAfter = ReplyAfter.CHECKPOINT;
  private RequestDialect dialect = RequestDialect.STATEFUN;
  private @Nullable String authToken;
  private @Nullable String authTokenVariable;
  private @Nullable HttpIngressTls tls;

  private HttpIngressBuilder(TypeName id) {
    this.id = Objects.requireNonNull(id, "id");
  }

  public static HttpIngressBuilder forIdentifier(TypeName id) {
    return new HttpIngressBuilder(id);
  }

  /** The port to serve on (required). */
  public HttpIngressBuilder withPort(int port) {
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("port must be between 1 and 65535, got " + port);
    }
    this.port = port;
    return this;
  }

  /**
   * The address to bind, whatever the environment says. Unless set, the server binds {@code
   * $STATEFUN_BIND_HOST} where it starts (the launcher's bind host: {@code 0.0.0.0} in the image),
   * else {@code 127.0.0.1}.
   */
  public HttpIngressBuilder withBindHost(String bindHost) {
    this.bindHost = BindHost.fixed(bindHost);
    return this;
  }

  /**
   * Binds the address in another environment variable where the server starts (on each
   * TaskManager), when it is set; else {@code 127.0.0.1}, or the {@link #withBindHost bind host}
   * set before.
   */
  public HttpIngressBuilder withBindHostFromEnvironment(String variable) {
    this.bindHost = new BindHost(bindHost.address(), Objects.requireNonNull(variable, "variable"));
    return this;
  }

  /** Makes functions reachable: {@code ns/name} for one type, {@code ns/*} for a namespace. */
  public HttpIngressBuilder withTarget(String target) {
    Objects.requireNonNull(target, "target");
    if (target.endsWith("/*")) {
      String namespace = target.substring(0, target.length() - 2);
      if (namespace.isEmpty() || namespace.indexOf('*') >= 0) {
        throw new IllegalArgumentException("a target is ns/name or ns/*, got '" + target + "'");
      }
      checkNotReserved(namespace, target);
      targetNamespaces.add(namespace);
      return this;
    }
    if (target.indexOf('*') >= 0) {
      throw new IllegalArgumentException("a target is ns/name or ns/*, got '" + target + "'");
    }
    TypeName type = TypeName.parse(target);
    checkNotReserved(type.namespace(), target);
    targetTypes.add(type);
    return this;
  }

  /** The type of request bodies that name none; {@code io.statefun.types/string} unless set. */
  public HttpIngressBuilder withValueType(TypeName valueType) {
    this.valueType = Objects.requireNonNull(valueType, "valueType");
    return this;
  }

  /** The largest request body accepted; larger ones get 413. 1 MiB unless set. */
  public HttpIngressBuilder withMaxBodyBytes(int maxBodyBytes) {
    if (maxBodyBytes < 1) {
      throw new IllegalArgumentException("maxBodyBytes must be at least 1, got " + maxBodyBytes);
    }
    this.maxBodyBytes = maxBodyBytes;
    return this;
  }

  /** How long a caller waits for an answer before 504; 30 s unless set. */
  public HttpIngressBuilder withReplyTimeout(Duration replyTimeout) {
    this.replyTimeout = positive(replyTimeout, "replyTimeout");
    return this;
  }

  /** Requests waiting for an answer per TaskManager; more get 503. 10,000 unless set. */
  public HttpIngressBuilder withMaxPendingRequests(int maxPendingRequests) {
    if (maxPendingRequests < 1) {
      throw new IllegalArgumentException(
          "maxPendingRequests must be at least 1, got " + maxPendingRequests);
    }
    this.maxPendingRequests = maxPendingRequests;
    return this;
  }

  /**
   * Connections open at once per TaskManager; the server closes new ones beyond that. 1,000 unless
   * set.
   */
  public HttpIngressBuilder withMaxConnections(int maxConnections) {
    if (maxConnections < 1) {
      throw new IllegalArgumentException(
          "maxConnections must be at least 1, got " + maxConnections);
    }
    this.maxConnections = maxConnections;
    return this;
  }

  /**
   * How long a connection without a request in progress stays open, and how long a request may take
   * to arrive whole from its first byte; 60 s unless set. A connection waiting for its answer is
   * not idle.
   */
  public HttpIngressBuilder withIdleTimeout(Duration idleTimeout) {
    this.idleTimeout = positive(idleTimeout, "idleTimeout");
    return this;
  }

  /**
   * How long an {@code Idempotency-Key} is remembered; 24 h unless set. A request repeated with the
   * same key (to the same function address, through this ingress) within that time takes effect
   * once and gets the first request's reply, or waits for it; a {@code /send} gets {@code 202}
   * again. The retention counts from the reply (or, while none came, from the last repeat). See
   * {@link HttpIngressSpec#idempotencyRetention()}.
   */
  public HttpIngressBuilder withIdempotencyRetention(Duration idempotencyRetention) {
    this.idempotencyRetention = positive(idempotencyRetention, "idempotencyRetention");
    return this;
  }

  /** When callers get their answer; {@link ReplyAfter#CHECKPOINT} unless set. */
  public HttpIngressBuilder withReplyAfter(ReplyAfter replyAfter) {
    this.replyAfter = Objects.requireNonNull(replyAfter, "replyAfter");
    return this;
  }

  /**
   * What requests look like; {@link RequestDialect#STATEFUN} unless set. With {@link
   * RequestDialect#PLAYGROUND} every bound function is reachable, so no target is needed.
   */
  public HttpIngressBuilder withDialect(RequestDialect dialect) {
    this.dialect = Objects.requireNonNull(dialect, "dialect");
    return this;
  }

  /** Requests must carry {@code Authorization: Bearer <token>}; others get {@code 401}. */
  public HttpIngressBuilder withAuthToken(String token) {
    Objects.requireNonNull(token, "token");
    if (token.isBlank() || token.chars().anyMatch(Character::isISOControl)) {
      throw new IllegalArgumentException("an auth token must be non-blank printable text");
    }
    this.authToken = token;
    this.authTokenVariable = null;
    return this;
  }

  /**
   * As {@link #withAuthToken}, with the token read from an environment variable where the server
   * starts (on each TaskManager), so it never travels in the job.
   */
  public HttpIngressBuilder withAuthTokenFromEnvironment(String variable) {
    Objects.requireNonNull(variable, "variable");
    if (variable.isBlank()) {
      throw new IllegalArgumentException("the auth token's environment variable needs a name");
    }
    this.authTokenVariable = variable;
    this.authToken = null;
    return this;
  }

  /**
   * Serves https (and only https) with this certificate and key; with {@link
   * HttpIngressTls#withTrustCaCerts}, only to clients presenting a certificate signed by those CAs.
   * The files are read where the server starts.
   */
  public HttpIngressBuilder withTls(HttpIngressTls tls) {
    this.tls = Objects.requireNonNull(tls, "tls");
    return this;
  }

  public HttpIngressSpec build() {
    if (port < 0) {
      throw new IllegalStateException("HTTP ingress " + id + " needs a port");
    }
    if (dialect == RequestDialect.STATEFUN && targetTypes.isEmpty() && targetNamespaces.isEmpty()) {
      throw new IllegalStateException(
          "HTTP ingress " + id + " needs at least one target (ns/name or ns/*)");
    }
    return new HttpIngressSpec(
        id,
        port,
        bindHost,
        targetTypes,
        targetNamespaces,
        valueType,
        maxBodyBytes,
        replyTimeout,
        maxPendingRequests,
        maxConnections,
        idleTimeout,
        idempotencyRetention,
        replyAfter,
        authToken,
        authTokenVariable,
        tls,
        dialect);
  }

  private static void checkNotReserved(String namespace, String target) {
    if (namespace.equals(HttpIngressSpec.REPLY_NAMESPACE)) {
      throw new IllegalArgumentException(
          "target '" + target + "' is in the reserved namespace " + namespace);
    }
  }

  private static Duration positive(Duration duration, String name) {
    Objects.requireNonNull(duration, name);
    if (duration.isNegative() || duration.isZero()) {
      throw new IllegalArgumentException(name + " must be positive, got " + duration);
    }
    return duration;
  }
}
