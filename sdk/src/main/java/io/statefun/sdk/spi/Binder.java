package io.statefun.sdk.spi;

import io.statefun.sdk.StatefulFunctionSpec;
import io.statefun.sdk.TypeName;
import io.statefun.sdk.io.EgressSpec;
import io.statefun.sdk.io.IngressSpec;
import io.statefun.sdk.io.Router;

/** What a {@link StatefulFunctionModule} binds. Binding the same id twice is an error. */
public interface Binder {

  /** Binds one function type. */
  void bindFunction(StatefulFunctionSpec spec);

  /**
   * Binds every function type of {@code namespace} ({@code namespace/*}); a type bound on its own
   * wins over its namespace.
   */
  void bindFunctionNamespace(String namespace, StatefulFunctionProvider provider);

  <T> void bindIngress(IngressSpec<T> spec);

  /**
   * Routes the records of an ingress to functions. An ingress whose records are already {@link
   * io.statefun.sdk.Message}s needs no router: each goes to its target.
   */
  <T> void bindIngressRouter(TypeName ingressId, Router<T> router);

  void bindEgress(EgressSpec spec);
}
