package io.statefun.launcher;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.statefun.runtime.egress.EgressProvider;
import io.statefun.runtime.ingress.IngressProvider;
import io.statefun.runtime.module.Application;
import io.statefun.runtime.module.ModuleDirectory;
import io.statefun.runtime.module.ModuleLoadingException;
import io.statefun.sdk.TypeName;
import io.statefun.sdk.io.EgressSpec;
import io.statefun.sdk.io.IngressSpec;
import io.statefun.sdk.io.Router;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.apache.flink.configuration.Configuration;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code statefun describe}: loads the modules without running them and prints what they bind. */
@Command(
    name = "describe",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = {
      "Loads the modules without running anything and prints the functions, endpoints, ingresses",
      "(with their routers) and egresses they bind, or every problem found, with its file and line.",
      "Exit code 1 when there are problems."
    })
final class DescribeCommand implements Callable<Integer> {
  @ParentCommand StatefunCommand parent;
  @Mixin LaunchOptions options;
  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    Map<String, String> environment = parent.environment();
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Path folder = options.modulesFolder(environment).toAbsolutePath().normalize();
    List<ModuleDirectory> modules;
    try {
      modules = options.scanModules(environment);
    } catch (ModuleLoadingException e) {
      err.println("Problem: " + e.getMessage());
      return 1;
    }
    Configuration configuration = options.configuration(environment);
    List<String> problems = new ArrayList<>();
    // each module on its own first, so one broken module doesn't hide another's problems
    for (ModuleDirectory module : modules) {
      load(List.of(module), configuration, problems);
    }
    Application application = problems.isEmpty() ? load(modules, configuration, problems) : null;
    if (application != null) {
      checkConnectors(application, problems);
    }
    if (!problems.isEmpty()) {
      err.println(
          problems.size()
              + (problems.size() == 1 ? " problem" : " problems")
              + " in "
              + folder
              + ":");
      problems.forEach(problem -> err.println("  - " + problem));
      return 1;
    }
    print(out, folder, modules, application);
    return 0;
  }

  private static Application load(
      List<ModuleDirectory> modules, Configuration configuration, List<String> problems) {
    try {
      return StatefunJob.applicationLoader(modules, configuration)
          .load(Thread.currentThread().getContextClassLoader());
    } catch (ModuleLoadingException e) {
      problems.add(e.getMessage());
    } catch (RuntimeException | LinkageError e) {
      problems.add(
          "module "
              + modules.stream().map(ModuleDirectory::name).collect(Collectors.joining(", "))
              + ": "
              + e);
    }
    return null;
  }

  private static void checkConnectors(Application application, List<String> problems) {
    ClassLoader classLoader = Thread.currentThread().getContextClassLoader();
    Set<TypeName> ingressTypes = new TreeSet<>(java.util.Comparator.comparing(TypeName::canonical));
    ServiceLoader.load(IngressProvider.class, classLoader).forEach(p -> ingressTypes.add(p.type()));
    Set<TypeName> egressTypes = new TreeSet<>(java.util.Comparator.comparing(TypeName::canonical));
    ServiceLoader.load(EgressProvider.class, classLoader).forEach(p -> egressTypes.add(p.type()));
    if (application.ingresses().isEmpty()) {
      problems.add("no module binds an ingress, so no message could ever reach a function");
    }
    for (IngressSpec<?> ingress : application.ingresses().values()) {
      if (!ingressTypes.contains(ingress.type())) {
        problems.add(
            "ingress "
                + ingress.id()
                + " has type "
                + ingress.type()
                + ", which no connector"
                + " implements; available: "
                + ingressTypes);
      }
    }
    for (EgressSpec egress : application.egresses().values()) {
      if (!egressTypes.contains(egress.type())
          && !egress.getClass().getName().contains("Collected")) {
        problems.add(
            "egress "
                + egress.id()
                + " has type "
                + egress.type()
                + ", which no connector"
                + " implements; available: "
                + egressTypes);
      }
    }
  }

  private static void print(
      PrintWriter out, Path folder, List<ModuleDirectory> modules, Application application) {
    out.println("Modules in " + folder + ":");
    for (ModuleDirectory module : modules) {
      out.println(
          "  " + module.name() + "  " + module.files().stream().map(f -> f.name()).toList());
    }
    out.println("Functions:");
    names(application.functions().keySet()).forEach(name -> out.println("  " + name));
    application.functionNamespaces().keySet().stream()
        .sorted()
        .forEach(namespace -> out.println("  " + namespace + "/*"));
    List<String> endpoints = endpoints(modules);
    out.println("Endpoints:");
    endpoints.forEach(endpoint -> out.println("  " + endpoint));
    if (endpoints.isEmpty()) {
      out.println("  (none)");
    }
    out.println("Ingresses:");
    for (IngressSpec<?> ingress : sorted(application.ingresses())) {
      List<Router<?>> routers = application.routers(ingress.id());
      out.println(
          "  "
              + ingress.id()
              + "  ("
              + ingress.type()
              + ")  routed by "
              + (routers.isEmpty()
                  ? "its records (Messages to their targets)"
                  : routers.stream().map(r -> r.getClass().getName()).toList()));
    }
    out.println("Egresses:");
    for (EgressSpec egress : sorted(application.egresses())) {
      out.println("  " + egress.id() + "  (" + egress.type() + ")");
    }
    out.flush();
  }

  /** The endpoint components of the modules' module.yaml files, with file and line. */
  private static List<String> endpoints(List<ModuleDirectory> modules) {
    List<String> endpoints = new ArrayList<>();
    YAMLMapper mapper = new YAMLMapper();
    for (ModuleDirectory module : modules) {
      if (!module.hasModuleYaml()) {
        continue;
      }
      Path file = module.folder().resolve(ModuleDirectory.MODULE_YAML);
      try (MappingIterator<JsonNode> documents =
          mapper.readerFor(JsonNode.class).readValues(file.toFile())) {
        while (documents.hasNext()) {
          int line = documents.getCurrentLocation().getLineNr();
          JsonNode component = documents.next();
          String kind = component == null ? "" : component.path("kind").asText("");
          if (kind.startsWith("io.statefun.endpoints.")) {
            JsonNode spec = component.path("spec");
            endpoints.add(
                spec.path("functions").asText("?")
                    + " -> "
                    + spec.path("urlPathTemplate").asText("?")
                    + "  ("
                    + kind
                    + ", "
                    + file
                    + ":"
                    + line
                    + ")");
          }
        }
      } catch (java.io.IOException e) {
        endpoints.add("(cannot list the endpoints of " + file + ": " + e.getMessage() + ")");
      }
    }
    return endpoints;
  }

  private static List<String> names(Set<TypeName> names) {
    return names.stream().map(TypeName::canonical).sorted().toList();
  }

  private static <S> List<S> sorted(Map<TypeName, S> byName) {
    return byName.entrySet().stream()
        .sorted(Map.Entry.comparingByKey(java.util.Comparator.comparing(TypeName::canonical)))
        .map(Map.Entry::getValue)
        .toList();
  }
}
