package io.statefun.runtime.ingress;

import io.statefun.runtime.message.Envelope;
import io.statefun.runtime.module.ApplicationLoader;
import io.statefun.sdk.Message;
import io.statefun.sdk.TypeName;
import io.statefun.sdk.io.Router;
import java.io.Serializable;
import java.util.List;
import java.util.function.Consumer;
import org.apache.flink.util.UserCodeClassLoader;

/**
 * Routes the records of one ingress inside its source task: each bound router turns a record into
 * messages; an ingress without routers must produce {@link Message}s, which go to their targets.
 * Call {@link #open(UserCodeClassLoader)} once in the task before routing.
 */
public final class IngressRouting<T> implements SequenceSource.Emitter<T>, Serializable {
  private static final long serialVersionUID = 1L;

  private final ApplicationLoader application;
  private final TypeName ingressId;
  private transient List<Router<?>> routers;

  IngressRouting(ApplicationLoader application, TypeName ingressId) {
    this.application = application;
    this.ingressId = ingressId;
  }

  @Override
  public void open(UserCodeClassLoader classLoader) {
    // closed (module class loaders) when Flink releases the task's class loader
    routers = application.load(classLoader).routers(ingressId);
  }

  @Override
  public void emit(T record, Consumer<Envelope> out) {
    route(record, out);
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  public void route(T record, Consumer<Envelope> out) {
    if (routers.isEmpty()) {
      if (!(record instanceof Message message)) {
        throw new IllegalStateException(
            "Ingress "
                + ingressId
                + " has no router, and its record is not a Message but a "
                + (record == null ? "null" : record.getClass().getName())
                + "; bind a router with bindIngressRouter("
                + ingressId
                + ", ...)");
      }
      out.accept(Envelope.fromIngress(message));
      return;
    }
    Router.Downstream downstream = message -> out.accept(Envelope.fromIngress(message));
    for (Router router : routers) {
      router.route(record, downstream);
    }
  }
}
