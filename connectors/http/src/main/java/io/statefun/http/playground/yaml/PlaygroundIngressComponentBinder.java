package io.statefun.http.playground.yaml;

import io.statefun.http.playground.PlaygroundIngress;
import io.statefun.runtime.module.ComponentBinder;
import io.statefun.sdk.TypeName;
import io.statefun.sdk.spi.Binder;

/**
 * Binds {@code io.statefun.playground.v1/ingress}, as the StateFun playground examples write it:
 *
 * <pre>{@code
 * kind: io.statefun.playground.v1/ingress
 * spec:
 *   port: 8090
 *   # bindHost: $STATEFUN_BIND_HOST, else 127.0.0.1, unless set
 * }</pre>
 */
public final class PlaygroundIngressComponentBinder
    implements ComponentBinder<PlaygroundIngressYamlSpec> {
  public static final TypeName KIND = TypeName.parse("io.statefun.playground.v1/ingress");

  @Override
  public TypeName kind() {
    return KIND;
  }

  @Override
  public Class<PlaygroundIngressYamlSpec> specClass() {
    return PlaygroundIngressYamlSpec.class;
  }

  @Override
  public void bind(PlaygroundIngressYamlSpec spec, String where, Binder binder) {
    if (spec.port() == null) {
      throw new IllegalArgumentException("'port' is required");
    }
    binder.bindIngress(
        spec.bindHost() == null
            ? PlaygroundIngress.onPort(spec.port())
            : PlaygroundIngress.onPort(spec.port(), spec.bindHost()));
  }
}
