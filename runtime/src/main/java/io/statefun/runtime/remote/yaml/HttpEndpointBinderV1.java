package io.statefun.runtime.remote.yaml;

import io.statefun.runtime.module.ComponentBinder;
import io.statefun.runtime.remote.RemoteEndpoint;
import io.statefun.sdk.TypeName;
import io.statefun.sdk.spi.Binder;
import org.apache.flink.annotation.Internal;

/**
 * Binds {@code kind: io.statefun.endpoints.v1/http}, the older endpoint kind: timeouts directly
 * under the spec and an optional {@code maxRetries}.
 *
 * <pre>
 * kind: io.statefun.endpoints.v1/http
 * spec:
 *   functions: example/*
 *   urlPathTemplate: http://functions:8000/statefun
 *   maxNumBatchRequests: 10000
 *   timeouts: {call: 1 min, connect: 10 s, read: 10 s, write: 10 s}
 * </pre>
 */
@Internal
public final class HttpEndpointBinderV1 implements ComponentBinder<HttpEndpointSpecs.V1> {
  static final TypeName KIND = TypeName.parse("io.statefun.endpoints.v1/http");

  @Override
  public TypeName kind() {
    return KIND;
  }

  @Override
  public Class<HttpEndpointSpecs.V1> specClass() {
    return HttpEndpointSpecs.V1.class;
  }

  @Override
  public void bind(HttpEndpointSpecs.V1 spec, String where, Binder binder) {
    RemoteEndpoint.overHttp(HttpEndpointSpecs.settingsOf(spec)).bindTo(binder);
  }
}
