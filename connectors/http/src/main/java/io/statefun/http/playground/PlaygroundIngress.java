package io.statefun.http.playground;

import io.statefun.http.HttpIngressBuilder;
import io.statefun.http.HttpIngressSpec;
import io.statefun.http.RequestDialect;
import io.statefun.sdk.TypeName;

/**
 * The StateFun playground's ingress ({@code io.statefun.playground.v1/ingress}), translated into an
 * {@link HttpIngressSpec} in the {@link RequestDialect#PLAYGROUND} dialect: {@code PUT} or {@code
 * POST /{namespace}/{name}/{id}} reaches any bound function and is answered {@code 200} after the
 * checkpoint that made the message durable.
 *
 * <pre>{@code
 * binder.bindIngress(PlaygroundIngress.onPort(8090));
 * }</pre>
 */
public final class PlaygroundIngress {
  /** The id of the playground's ingress; there is one per application. */
  public static final TypeName ID = TypeName.of("io.statefun.playground", "ingress");

  private PlaygroundIngress() {}

  /** The playground ingress on {@code 127.0.0.1:port}. */
  public static HttpIngressSpec onPort(int port) {
    return onPort(port, HttpIngressSpec.DEFAULT_BIND_HOST);
  }

  /** The playground ingress on {@code bindHost:port}. */
  public static HttpIngressSpec onPort(int port, String bindHost) {
    return HttpIngressBuilder.forIdentifier(ID)
        .withPort(port)
        .withBindHost(bindHost)
        .withDialect(RequestDialect.PLAYGROUND)
        .build();
  }
}
