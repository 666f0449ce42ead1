package io.statefun.runtime.module;

import io.statefun.sdk.StatefulFunctionSpec;
import io.statefun.sdk.TypeName;
import io.statefun.sdk.io.EgressSpec;
import io.statefun.sdk.io.IngressSpec;
import io.statefun.sdk.io.Router;
import io.statefun.sdk.spi.StatefulFunctionProvider;
import java.io.IOException;
import java.net.URLClassLoader;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.flink.annotation.Internal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Everything the loaded modules bound: functions (single types and whole namespaces), ingresses
 * with their routers, and egresses. Immutable, except that {@link #close()} closes the class
 * loaders made for module folders' JARs (their open JAR files): call it when the application is no
 * longer used, e.g. when the task that loaded it closes.
 */
@Internal
public final class Application implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Application.class);

  private final Map<TypeName, StatefulFunctionSpec> functions;
  private final Map<String, StatefulFunctionProvider> namespaces;
  private final Map<TypeName, IngressSpec<?>> ingresses;
  private final Map<TypeName, List<Router<?>>> routers;
  private final Map<TypeName, EgressSpec> egresses;
  private final Map<TypeName, String> functionSources;
  private final Map<String, String> namespaceSources;
  private final List<URLClassLoader> moduleClassLoaders;

  Application(
      Map<TypeName, StatefulFunctionSpec> functions,
      Map<String, StatefulFunctionProvider> namespaces,
      Map<TypeName, IngressSpec<?>> ingresses,
      Map<TypeName, List<Router<?>>> routers,
      Map<TypeName, EgressSpec> egresses,
      Map<TypeName, String> functionSources,
      Map<String, String> namespaceSources,
      List<URLClassLoader> moduleClassLoaders) {
    this.moduleClassLoaders = List.copyOf(moduleClassLoaders);
    this.functions = Map.copyOf(functions);
    this.namespaces = Map.copyOf(namespaces);
    this.functionSources = Map.copyOf(functionSources);
    this.namespaceSources = Map.copyOf(namespaceSources);
    this.ingresses = Map.copyOf(ingresses);
    this.routers = Map.copyOf(routers);
    this.egresses = Map.copyOf(egresses);
  }

  /** The spec of a function type: bound on its own, or through its namespace. */
  public Optional<StatefulFunctionSpec> functionSpec(TypeName type) {
    StatefulFunctionSpec spec = functions.get(type);
    if (spec != null) {
      return Optional.of(spec);
    }
    StatefulFunctionProvider provider = namespaces.get(type.namespace());
    if (provider == null) {
      return Optional.empty();
    }
    StatefulFunctionSpec provided = provider.functionSpec(type);
    if (provided != null && !provided.typeName().equals(type)) {
      throw new IllegalStateException(
          "The provider of namespace "
              + type.namespace()
              + " answered "
              + provided.typeName()
              + " when asked for "
              + type);
    }
    return Optional.ofNullable(provided);
  }

  public Map<TypeName, StatefulFunctionSpec> functions() {
    return functions;
  }

  /** Namespaces bound as a whole ({@code ns/*}). */
  public Map<String, StatefulFunctionProvider> functionNamespaces() {
    return namespaces;
  }

  /**
   * Who bound the function type {@code type} on its own, for errors: a module ({@code module
   * com.example.Module}) or a YAML component ({@code module.yaml:7}); {@code ?} if unknown.
   */
  public String boundBy(TypeName type) {
    return functionSources.getOrDefault(type, "?");
  }

  /** Who bound the function namespace {@code namespace} as a whole, like {@link #boundBy}. */
  public String namespaceBoundBy(String namespace) {
    return namespaceSources.getOrDefault(namespace, "?");
  }

  public Map<TypeName, IngressSpec<?>> ingresses() {
    return ingresses;
  }

  public List<Router<?>> routers(TypeName ingressId) {
    return routers.getOrDefault(ingressId, List.of());
  }

  public Map<TypeName, EgressSpec> egresses() {
    return egresses;
  }

  /** The class loaders made for module folders' JARs, which {@link #close()} closes. */
  List<URLClassLoader> moduleClassLoaders() {
    return moduleClassLoaders;
  }

  /** Closes the module folders' class loaders; the application's classes must not be used after. */
  @Override
  public void close() {
    closeAll(moduleClassLoaders);
  }

  /** Closes {@code loaders}, logging what does not close. */
  static void closeAll(List<URLClassLoader> loaders) {
    for (URLClassLoader loader : loaders) {
      try {
        loader.close();
      } catch (IOException | RuntimeException e) {
        LOG.warn("Could not close {}: {}", loader, e.toString());
      }
    }
  }
}
