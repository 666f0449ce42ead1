package io.statefun.runtime.remote.yaml;

import io.statefun.runtime.module.ComponentBinder;
import io.statefun.runtime.remote.RemoteEndpoint;
import io.statefun.sdk.TypeName;
import io.statefun.sdk.spi.Binder;
import org.apache.flink.annotation.Internal;

/**
 * Binds {@code kind: io.statefun.endpoints.v2/http}: remote functions of one type or a whole
 * namespace at a URL template.
 *
 * <pre>
 * kind: io.statefun.endpoints.v2/http
 * spec:
 *   functions: example/*
 *   urlPathTemplate: http://functions:8000/{function.name}
 *   maxNumBatchRequests: 1000
 *   transport:
 *     type: io.statefun.transports.v1/async
 *     call: 2m
 *     connect: 20s
 *   deadLetterEgress: example/dead-letters    # optional: instead of failing the job
 * </pre>
 */
@Internal
public final class HttpEndpointBinderV2 implements ComponentBinder<HttpEndpointSpecs.V2> {
  static final TypeName KIND = TypeName.parse("io.statefun.endpoints.v2/http");

  @Override
  public TypeName kind() {
    return KIND;
  }

  @Override
  public Class<HttpEndpointSpecs.V2> specClass() {
    return HttpEndpointSpecs.V2.class;
  }

  @Override
  public void bind(HttpEndpointSpecs.V2 spec, String where, Binder binder) {
    RemoteEndpoint.overHttp(HttpEndpointSpecs.settingsOf(spec)).bindTo(binder);
  }
}
