package io.statefun.runtime.admin;

import io.statefun.runtime.config.StatefunOptions;
import io.statefun.sdk.TypeName;
import io.statefun.sdk.io.IngressSpec;
import java.io.Serializable;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import org.apache.flink.annotation.Internal;
import org.apache.flink.configuration.ReadableConfig;
import org.jspecify.annotations.Nullable;

/**
 * The live state endpoint as an internal ingress of the job: where it listens, its bearer token and
 * its limits. Its callers are addresses of {@link AdminProtocol#CALLER_TYPE}. Immutable.
 */
@Internal
public final class AdminSpec implements IngressSpec<Void>, Serializable {
  private static final long serialVersionUID = 1L;

  /** The ingress type a connector implements to serve the endpoint. */
  public static final TypeName TYPE = TypeName.of(AdminProtocol.NAMESPACE, "admin-endpoint");

  /** The id of the endpoint's ingress in the job. */
  public static final TypeName ID = TypeName.of(AdminProtocol.NAMESPACE, "admin");

  /** How long a request waits for the dispatcher's answer before {@code 504}. */
  public static final Duration REPLY_TIMEOUT = Duration.ofSeconds(30);

  private final int port;
  private final String bindHost;
  private final @Nullable String token;
  private final int maxPendingRequests;

  AdminSpec(int port, String bindHost, @Nullable String token, int maxPendingRequests) {
    this.port = port;
    this.bindHost = Objects.requireNonNull(bindHost, "bindHost");
    this.token = token;
    this.maxPendingRequests = maxPendingRequests;
  }

  /**
   * The endpoint the {@code statefun.admin.*} options ask for; empty unless {@code
   * statefun.admin.enabled}.
   *
   * @throws IllegalArgumentException naming the option that is wrong, e.g. a bind host that is not
   *     a loopback address without a token
   */
  public static Optional<AdminSpec> fromConfiguration(ReadableConfig configuration) {
    if (!configuration.get(StatefunOptions.ADMIN_ENABLED)) {
      return Optional.empty();
    }
    int port = configuration.get(StatefunOptions.ADMIN_PORT);
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException(
          StatefunOptions.ADMIN_PORT.key() + " must be between 1 and 65535, got " + port);
    }
    String bindHost = configuration.get(StatefunOptions.ADMIN_BIND_HOST).trim();
    String token = configuration.getOptional(StatefunOptions.ADMIN_TOKEN).orElse(null);
    if (token != null && (token.isBlank() || token.chars().anyMatch(Character::isISOControl))) {
      throw new IllegalArgumentException(
          StatefunOptions.ADMIN_TOKEN.key() + " must be non-blank printable text");
    }
    if (token == null && !isLoopback(bindHost)) {
      throw new IllegalArgumentException(
          "The live state endpoint binds "
              + bindHost
              + " ("
              + StatefunOptions.ADMIN_BIND_HOST.key()
              + "), which is not a loopback address, so function state would be readable from"
              + " other machines: set "
              + StatefunOptions.ADMIN_TOKEN.key()
              + " (requests then need Authorization: Bearer <token>), or bind 127.0.0.1");
    }
    int maxPending = configuration.get(StatefunOptions.ADMIN_MAX_PENDING_REQUESTS);
    if (maxPending < 1) {
      throw new IllegalArgumentException(
          StatefunOptions.ADMIN_MAX_PENDING_REQUESTS.key()
              + " must be at least 1, got "
              + maxPending);
    }
    return Optional.of(new AdminSpec(port, bindHost, token, maxPending));
  }

  private static boolean isLoopback(String host) {
    try {
      for (InetAddress address : InetAddress.getAllByName(host)) {
        if (!address.isLoopbackAddress()) {
          return false;
        }
      }
      return true;
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException(
          StatefunOptions.ADMIN_BIND_HOST.key() + " names an unknown host: " + host, e);
    }
  }

  @Override
  public TypeName id() {
    return ID;
  }

  @Override
  public TypeName type() {
    return TYPE;
  }

  public int port() {
    return port;
  }

  public String bindHost() {
    return bindHost;
  }

  /** The bearer token every request must carry; empty when requests need none. */
  public Optional<String> token() {
    return Optional.ofNullable(token);
  }

  public int maxPendingRequests() {
    return maxPendingRequests;
  }

  @Override
  public String toString() {
    return "AdminSpec{"
        + bindHost
        + ":"
        + port
        + (token != null ? ", with a bearer token" : "")
        + ", max "
        + maxPendingRequests
        + " pending}";
  }
}
