package io.statefun.runtime.module;

import io.statefun.sdk.TypeName;
import io.statefun.sdk.io.EgressSpec;
import io.statefun.sdk.io.IngressSpec;
import io.statefun.sdk.spi.StatefulFunctionModule;
import java.io.Serializable;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.ServiceLoader;
import java.util.Set;
import org.apache.flink.annotation.Internal;
import org.apache.flink.util.UserCodeClassLoader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How to load the application, as a serializable recipe: the client uses it to assemble the job and
 * every task uses it again to get the functions and routers (so functions need not be
 * serializable). Modules come from {@link ServiceLoader}, from explicitly named classes, from
 * {@code module.yaml} texts, and from module folders ({@link ModuleDirectory}: JARs in a class
 * loader of their own plus an optional {@code module.yaml}, checked against the files the job was
 * built with); the harness may replace ingresses and egresses by id.
 */
@Internal
public final class ApplicationLoader implements Serializable {
  private static final long serialVersionUID = 1L;
  private static final Logger LOG = LoggerFactory.getLogger(ApplicationLoader.class);

  private final boolean discoverModules;
  private final List<String> moduleClassNames;
  private final List<ModuleYaml> yamlModules;
  private final List<ModuleDirectory> moduleDirectories;
  private final Map<String, String> globalConfiguration;
  private final Map<TypeName, IngressSpec<?>> ingressOverrides;
  private final Map<TypeName, EgressSpec> egressOverrides;

  private ApplicationLoader(Builder builder) {
    this.discoverModules = builder.discoverModules;
    this.moduleClassNames = List.copyOf(builder.moduleClassNames);
    this.yamlModules = List.copyOf(builder.yamlModules);
    this.moduleDirectories = List.copyOf(builder.moduleDirectories);
    this.globalConfiguration = Map.copyOf(builder.globalConfiguration);
    this.ingressOverrides = new LinkedHashMap<>(builder.ingressOverrides);
    this.egressOverrides = new LinkedHashMap<>(builder.egressOverrides);
  }

  public static Builder builder() {
    return new Builder();
  }

  /**
   * Loads the modules with {@code classLoader} and returns what they bound; the caller closes the
   * application when done with it.
   */
  public Application load(ClassLoader classLoader) {
    List<java.net.URLClassLoader> moduleClassLoaders = new ArrayList<>();
    try {
      return load(classLoader, moduleClassLoaders);
    } catch (RuntimeException e) {
      Application.closeAll(moduleClassLoaders); // the application they were for never came to be
      throw e;
    }
  }

  /**
   * Loads the modules in a task, for an object of the task that has no close of its own (a
   * serialization schema, a router): the application is closed when Flink releases the task's user
   * code class loader.
   */
  public Application load(UserCodeClassLoader userCodeClassLoader) {
    Application application = load(userCodeClassLoader.asClassLoader());
    userCodeClassLoader.registerReleaseHookIfAbsent(
        "statefun-application-" + System.identityHashCode(application), application::close);
    return application;
  }

  private Application load(ClassLoader classLoader, List<java.net.URLClassLoader> created) {
    ApplicationBinder binder = new ApplicationBinder();
    Set<String> configured = new LinkedHashSet<>();
    if (discoverModules) {
      for (StatefulFunctionModule module :
          ServiceLoader.load(StatefulFunctionModule.class, classLoader)) {
        configure(module, binder, configured);
      }
    }
    for (String className : moduleClassNames) {
      configure(instantiate(className, classLoader), binder, configured);
    }
    if (!yamlModules.isEmpty()) {
      ModuleYamlReader reader = new ModuleYamlReader(ComponentBinders.discover(classLoader));
      for (ModuleYaml yaml : yamlModules) {
        reader.read(yaml, binder.bindingFrom(yaml.location()));
      }
    }
    for (ModuleDirectory directory : moduleDirectories) {
      loadDirectory(directory, classLoader, binder, configured, created);
    }
    ingressOverrides.values().forEach(binder::overrideIngress);
    egressOverrides.values().forEach(binder::overrideEgress);
    return binder.build(created);
  }

  private void loadDirectory(
      ModuleDirectory directory,
      ClassLoader parent,
      ApplicationBinder binder,
      Set<String> configured,
      List<java.net.URLClassLoader> created) {
    directory.verifyUnchanged();
    ClassLoader moduleLoader = parent;
    if (!directory.jars().isEmpty()) {
      ModuleClassLoader jars = new ModuleClassLoader(directory.name(), directory.jarUrls(), parent);
      created.add(jars);
      moduleLoader = jars;
    }
    int modules = 0;
    if (moduleLoader != parent) {
      // only the modules whose classes come from this folder's JARs (the parent's class path may
      // hold them too, e.g. Flink's user class path; parent first, they are then defined there)
      Set<String> jars = new HashSet<>();
      directory.jarUrls().forEach(url -> jars.add(url.toString()));
      for (ServiceLoader.Provider<StatefulFunctionModule> provider :
          ServiceLoader.load(StatefulFunctionModule.class, moduleLoader).stream().toList()) {
        if (jars.contains(codeSource(provider.type()))) {
          configure(provider.get(), binder, configured);
          modules++;
        }
      }
    }
    if (directory.hasModuleYaml()) {
      ModuleYaml yaml = ModuleYaml.read(directory.folder().resolve(ModuleDirectory.MODULE_YAML));
      new ModuleYamlReader(ComponentBinders.discover(moduleLoader))
          .read(yaml, binder.bindingFrom(yaml.location()));
      modules++;
    }
    if (modules == 0) {
      throw new ModuleLoadingException(
          "Module folder "
              + directory.path()
              + ": its JARs "
              + directory.jars()
              + " declare no "
              + StatefulFunctionModule.class.getName()
              + " (a JAR needs a"
              + " META-INF/services/"
              + StatefulFunctionModule.class.getName()
              + " file naming"
              + " its module class), and the folder has no "
              + ModuleDirectory.MODULE_YAML);
    }
    LOG.debug(
        "Loaded module folder {} ({} module(s), files {})",
        directory.path(),
        modules,
        directory.files());
  }

  private static String codeSource(Class<?> type) {
    CodeSource source = type.getProtectionDomain().getCodeSource();
    if (source == null || source.getLocation() == null) {
      return "";
    }
    try {
      return Path.of(source.getLocation().toURI()).toUri().toURL().toString();
    } catch (Exception e) {
      return source.getLocation().toString();
    }
  }

  private void configure(
      StatefulFunctionModule module, ApplicationBinder binder, Set<String> configured) {
    String name = module.getClass().getName();
    if (!configured.add(name)) {
      return; // found both by discovery and by name
    }
    LOG.debug("Configuring module {}", name);
    try {
      module.configure(globalConfiguration, binder.bindingFrom("module " + name));
    } catch (ModuleLoadingException e) {
      throw e;
    } catch (RuntimeException e) {
      throw new ModuleLoadingException("Module " + name + " failed to configure: " + e, e);
    }
  }

  private static StatefulFunctionModule instantiate(String className, ClassLoader classLoader) {
    try {
      Class<?> type = Class.forName(className, true, classLoader);
      if (!StatefulFunctionModule.class.isAssignableFrom(type)) {
        throw new ModuleLoadingException(
            className + " is not a " + StatefulFunctionModule.class.getName());
      }
      return (StatefulFunctionModule) type.getDeclaredConstructor().newInstance();
    } catch (ReflectiveOperationException e) {
      throw new ModuleLoadingException(
          "Cannot instantiate module "
              + className
              + " (it needs a public no-arg constructor): "
              + e,
          e);
    }
  }

  /** Builds an {@link ApplicationLoader}. */
  public static final class Builder {
    private boolean discoverModules = true;
    private final List<String> moduleClassNames = new ArrayList<>();
    private final List<ModuleYaml> yamlModules = new ArrayList<>();
    private final List<ModuleDirectory> moduleDirectories = new ArrayList<>();
    private final Map<String, String> globalConfiguration = new LinkedHashMap<>();
    private final Map<TypeName, IngressSpec<?>> ingressOverrides = new LinkedHashMap<>();
    private final Map<TypeName, EgressSpec> egressOverrides = new LinkedHashMap<>();

    private Builder() {}

    /** Whether to load every module {@link ServiceLoader} finds (default: yes). */
    public Builder discoverModules(boolean discover) {
      this.discoverModules = discover;
      return this;
    }

    public Builder withModule(Class<? extends StatefulFunctionModule> moduleClass) {
      moduleClassNames.add(moduleClass.getName());
      return this;
    }

    public Builder withModuleClassName(String className) {
      moduleClassNames.add(Objects.requireNonNull(className, "className"));
      return this;
    }

    public Builder withYamlModule(ModuleYaml yaml) {
      yamlModules.add(Objects.requireNonNull(yaml, "yaml"));
      return this;
    }

    /**
     * Adds a module folder: its JARs' modules (in a class loader of their own, a child of the one
     * {@link #load} gets) and its {@code module.yaml}. The folder must hold the same files wherever
     * the application is loaded.
     */
    public Builder withModuleDirectory(ModuleDirectory directory) {
      moduleDirectories.add(Objects.requireNonNull(directory, "directory"));
      return this;
    }

    public Builder withGlobalConfiguration(Map<String, String> configuration) {
      globalConfiguration.putAll(configuration);
      return this;
    }

    public Builder withGlobalConfiguration(String key, String value) {
      globalConfiguration.put(key, value);
      return this;
    }

    /** Replaces (or adds) the ingress with the same id; the spec must be serializable. */
    public Builder overrideIngress(IngressSpec<?> spec) {
      requireSerializable(spec);
      ingressOverrides.put(spec.id(), spec);
      return this;
    }

    /** Replaces (or adds) the egress with the same id; the spec must be serializable. */
    public Builder overrideEgress(EgressSpec spec) {
      requireSerializable(spec);
      egressOverrides.put(spec.id(), spec);
      return this;
    }

    private static void requireSerializable(Object spec) {
      if (!(spec instanceof Serializable)) {
        throw new IllegalArgumentException(spec.getClass().getName() + " must be Serializable");
      }
    }

    public ApplicationLoader build() {
      return new ApplicationLoader(this);
    }
  }
}
