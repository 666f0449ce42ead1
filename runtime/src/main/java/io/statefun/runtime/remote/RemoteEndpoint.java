package io.statefun.runtime.remote;

import io.statefun.runtime.remote.http.HttpRequestReplyClient;
import io.statefun.runtime.remote.http.RequestReplyClient;
import io.statefun.runtime.remote.http.TransportSettings;
import io.statefun.sdk.StatefulFunctionSpec;
import io.statefun.sdk.TypeName;
import io.statefun.sdk.spi.Binder;
import io.statefun.sdk.spi.StatefulFunctionProvider;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.apache.flink.annotation.Internal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The functions of one endpoint, bound into an application: a spec per function type, whose
 * functions share one HTTP client made when the first of them is (so assembling the job on the
 * client makes no connections). Every task that loads the application gets its own endpoint.
 */
@Internal
public final class RemoteEndpoint implements StatefulFunctionProvider {
  private static final Logger LOG = LoggerFactory.getLogger(RemoteEndpoint.class);

  private final EndpointSettings settings;
  private final Function<TransportSettings, RequestReplyClient> clients;
  private final Map<TypeName, RemoteFunction> functions = new ConcurrentHashMap<>();
  private volatile RequestReplyClient client;

  RemoteEndpoint(
      EndpointSettings settings, Function<TransportSettings, RequestReplyClient> clients) {
    this.settings = settings;
    this.clients = clients;
  }

  public static RemoteEndpoint overHttp(EndpointSettings settings) {
    return new RemoteEndpoint(settings, HttpRequestReplyClient::new);
  }

  /** Binds the endpoint's function type or namespace. */
  public void bindTo(Binder binder) {
    if (settings.functionType() != null) {
      binder.bindFunction(functionSpec(settings.functionType()));
    } else {
      binder.bindFunctionNamespace(settings.namespace(), this);
    }
  }

  @Override
  public StatefulFunctionSpec functionSpec(TypeName type) {
    return StatefulFunctionSpec.builder(type).withSupplier(() -> function(type)).build();
  }

  /** The function of a type, made once per endpoint. */
  RemoteFunction function(TypeName type) {
    return functions.computeIfAbsent(
        type,
        t ->
            new RemoteFunction(
                t,
                settings.urlPathTemplate().urlOf(t),
                client(),
                settings.deadLetterEgress(),
                new RemoteFunctionMetrics(),
                settings.maxNumBatchRequests()));
  }

  private RequestReplyClient client() {
    RequestReplyClient current = client;
    if (current == null) {
      synchronized (this) {
        current = client;
        if (current == null) {
          TransportSettings transport = settings.transport();
          LOG.info(
              "Remote functions {} at {}: call timeout {}, connect timeout {}, up to {} requests"
                  + " in flight, failures {}",
              settings.functions(),
              settings.urlPathTemplate().template(),
              transport.callTimeout(),
              transport.connectTimeout(),
              transport.maxConcurrentRequests(),
              settings.deadLetterEgress() == null
                  ? "fail the job"
                  : "go to dead-letter egress " + settings.deadLetterEgress());
          current = clients.apply(transport);
          client = current;
        }
      }
    }
    return current;
  }
}
