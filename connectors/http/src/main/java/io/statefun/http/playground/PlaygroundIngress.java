package io.statefun.http.playground;

import io.statefun.http.HttpIngressBuilder;
import io.statefun.http.HttpIngressSpec;
import io.statefun.http.RequestDialect;
import io.statefun.sdk.TypeName;

/**
 * The StateFun playground's ingress ({@code io.statefun.playground.v1/ingress}), translated into an
 * {@link HttpIngressSpec} in the {@link RequestDialect#PLAYGROUND} dialect: {@code PUT} or {@code
 * POST /{namespace}/{name}/{id}} reaches any bound function and is answered {@code 200} after the
 * checkpoint that made the message durable. It binds where the launcher's servers do.
 *
 * <pre>{@code
 * binder.bindIngress(PlaygroundIngress.onPort(8090));
 * }</pre>
 */
public final class PlaygroundIngress {
  /** The id of the playground's ingress; there is one per application. */
  public static final TypeName ID = TypeName.of("io.statefun.playground", "ingress");

  private PlaygroundIngress() {}

  /**
   * The environment variable with the address the launcher's servers bind ({@code statefun master}
   * and {@code worker}); the playground's kinds bind it too, else {@code 127.0.0.1}.
   */
  public static final String LAUNCHER_BIND_HOST = HttpIngressSpec.LAUNCHER_BIND_HOST;

  /** The playground ingress on {@code $STATEFUN_BIND_HOST:port}, else {@code 127.0.0.1:port}. */
  public static HttpIngressSpec onPort(int port) {
    return builder(port).withBindHostFromEnvironment(LAUNCHER_BIND_HOST).build();
  }

  /** The playground ingress on {@code bindHost:port}. */
  public static HttpIngressSpec onPort(int port, String bindHost) {
    return builder(port).withBindHost(bindHost).build();
  }

  private static HttpIngressBuilder builder(int port) {
    return HttpIngressBuilder.forIdentifier(ID)
        .withPort(port)
        .withDialect(RequestDialect.PLAYGROUND);
  }
}
