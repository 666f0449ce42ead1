package io.statefun.runtime.module;

import io.statefun.sdk.StatefulFunctionSpec;
import io.statefun.sdk.TypeName;
import io.statefun.sdk.io.EgressSpec;
import io.statefun.sdk.io.IngressSpec;
import io.statefun.sdk.io.Router;
import io.statefun.sdk.spi.Binder;
import io.statefun.sdk.spi.StatefulFunctionProvider;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Collects what modules bind, refusing duplicates with the name of both binders, and builds the
 * {@link Application}. {@link #bindingFrom(String)} names the module (or the file and line of the
 * YAML component) being bound, for errors. A function bound on its own inside a namespace bound by
 * someone else is refused too: which of the two would serve it is a guess, not a decision; within
 * one module, a namespace plus a specific override of it is deliberate and allowed.
 */
final class ApplicationBinder implements Binder {
  /** No module may bind functions in this namespace: the runtime's internal addresses. */
  static final String RESERVED_NAMESPACE = "io.statefun.internal";

  private final Map<TypeName, StatefulFunctionSpec> functions = new LinkedHashMap<>();
  private final Map<String, StatefulFunctionProvider> namespaces = new LinkedHashMap<>();
  private final Map<TypeName, IngressSpec<?>> ingresses = new LinkedHashMap<>();
  private final Map<TypeName, List<Router<?>>> routers = new LinkedHashMap<>();
  private final Map<TypeName, EgressSpec> egresses = new LinkedHashMap<>();
  private final Map<String, String> boundBy = new LinkedHashMap<>();
  private String currentSource = "?";

  ApplicationBinder bindingFrom(String source) {
    this.currentSource = source;
    return this;
  }

  @Override
  public void bindFunction(StatefulFunctionSpec spec) {
    Objects.requireNonNull(spec, "spec");
    requireUnreserved(spec.typeName().namespace());
    claim(functionClaim(spec.typeName()));
    functions.put(spec.typeName(), spec);
  }

  @Override
  public void bindFunctionNamespace(String namespace, StatefulFunctionProvider provider) {
    Objects.requireNonNull(namespace, "namespace");
    Objects.requireNonNull(provider, "provider");
    requireUnreserved(namespace);
    claim(namespaceClaim(namespace));
    namespaces.put(namespace, provider);
  }

  /** The runtime's own addresses (e.g. the sender of its internal messages) live here. */
  private void requireUnreserved(String namespace) {
    if (namespace.equals(RESERVED_NAMESPACE)) {
      throw new ModuleLoadingException(
          currentSource
              + ": function namespace "
              + RESERVED_NAMESPACE
              + " is reserved for the runtime; bind functions under a namespace of your own");
    }
  }

  @Override
  public <T> void bindIngress(IngressSpec<T> spec) {
    Objects.requireNonNull(spec, "spec");
    claim("ingress " + spec.id());
    ingresses.put(spec.id(), spec);
  }

  @Override
  public <T> void bindIngressRouter(TypeName ingressId, Router<T> router) {
    Objects.requireNonNull(ingressId, "ingressId");
    Objects.requireNonNull(router, "router");
    routers.computeIfAbsent(ingressId, id -> new ArrayList<>()).add(router);
  }

  @Override
  public void bindEgress(EgressSpec spec) {
    Objects.requireNonNull(spec, "spec");
    claim("egress " + spec.id());
    egresses.put(spec.id(), spec);
  }

  void overrideIngress(IngressSpec<?> spec) {
    ingresses.put(spec.id(), spec);
  }

  void overrideEgress(EgressSpec spec) {
    egresses.put(spec.id(), spec);
  }

  /** What binding a function type claims, as errors name it. */
  private static String functionClaim(TypeName type) {
    return "function " + type;
  }

  /** What binding a function namespace claims, as errors name it. */
  private static String namespaceClaim(String namespace) {
    return "function namespace " + namespace + "/*";
  }

  private void claim(String what) {
    String previous = boundBy.putIfAbsent(what, currentSource);
    if (previous != null) {
      throw new ModuleLoadingException(
          "The " + what + " is bound twice: by " + previous + " and by " + currentSource);
    }
  }

  Application build(List<java.net.URLClassLoader> moduleClassLoaders) {
    for (TypeName function : functions.keySet()) {
      String functionSource = boundBy.get(functionClaim(function));
      String namespaceSource = boundBy.get(namespaceClaim(function.namespace()));
      if (namespaceSource != null && !namespaceSource.equals(functionSource)) {
        throw new ModuleLoadingException(
            "The function "
                + function
                + " (bound by "
                + functionSource
                + ") is also in namespace "
                + function.namespace()
                + "/* (bound by "
                + namespaceSource
                + "); bind it in one place only");
      }
    }
    for (TypeName ingressId : routers.keySet()) {
      if (!ingresses.containsKey(ingressId)) {
        throw new ModuleLoadingException(
            "A router is bound to ingress "
                + ingressId
                + ", but no such ingress is bound; known: "
                + ingresses.keySet());
      }
    }
    Map<TypeName, String> functionSources = new LinkedHashMap<>();
    functions.keySet().forEach(type -> functionSources.put(type, boundBy.get(functionClaim(type))));
    Map<String, String> namespaceSources = new LinkedHashMap<>();
    namespaces.keySet().forEach(ns -> namespaceSources.put(ns, boundBy.get(namespaceClaim(ns))));
    return new Application(
        functions,
        namespaces,
        ingresses,
        routers,
        egresses,
        functionSources,
        namespaceSources,
        moduleClassLoaders);
  }
}
