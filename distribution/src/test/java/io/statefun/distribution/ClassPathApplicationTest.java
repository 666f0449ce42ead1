package io.statefun.distribution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.statefun.runtime.config.StatefunOptions;
import io.statefun.runtime.module.Application;
import io.statefun.runtime.module.ModuleLoadingException;
import io.statefun.sdk.StatefulFunctionSpec;
import io.statefun.sdk.TypeName;
import io.statefun.sdk.spi.Binder;
import io.statefun.sdk.spi.StatefulFunctionModule;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.apache.flink.configuration.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClassPathApplicationTest {
  private static final String REMOTE_APP =
      """
      kind: io.statefun.endpoints.v2/http
      spec:
        functions: example/*
        urlPathTemplate: http://functions:8000/statefun
      ---
      kind: io.statefun.kafka.v1/ingress
      spec:
        id: example/names
        address: ${kafka-address}
        consumerGroupId: greeter
        topics:
          - topic: names
            valueType: example/Name
            targets:
              - example/greeter
      ---
      kind: io.statefun.kafka.v1/egress
      spec:
        id: example/greetings
        address: kafka:9092
      """;

  @TempDir Path jar;

  @Test
  void aModuleYamlResourceOnTheClassPathAndTheOptionsFileAreBothLoaded() throws Exception {
    Files.writeString(jar.resolve("module.yaml"), REMOTE_APP.replace("${kafka-address}", "k:9092"));
    Path extra =
        Files.writeString(
            jar.resolveSibling(jar.getFileName() + "-extra.yaml"),
            """
        kind: io.statefun.endpoints.v2/http
        spec:
          functions: other/*
          urlPathTemplate: http://other:8000/statefun
        """);
    Configuration configuration = new Configuration();
    configuration.set(StatefunOptions.MODULE_YAML, extra.toString());

    try (URLClassLoader classLoader =
        new URLClassLoader(new URL[] {jar.toUri().toURL()}, getClass().getClassLoader())) {
      Application application =
          ClassPathApplication.loader(classLoader, configuration).load(classLoader);
      assertThat(application.ingresses()).containsOnlyKeys(TypeName.parse("example/names"));
      assertThat(application.egresses()).containsOnlyKeys(TypeName.parse("example/greetings"));
      assertThat(application.functionNamespaces()).containsOnlyKeys("example", "other");
    } finally {
      Files.delete(extra);
    }
  }

  @Test
  void serviceLoaderModulesGetTheGlobalConfigurationFromFlinksConfiguration() throws Exception {
    Path services = jar.resolve("META-INF/services/" + StatefulFunctionModule.class.getName());
    Files.createDirectories(services.getParent());
    Files.writeString(services, NamedByGlobalConfiguration.class.getName() + "\n");
    Configuration configuration = new Configuration();
    configuration.setString("statefun.module.global-config.function-name", "greeter");
    configuration.setString("parallelism.default", "2");

    try (URLClassLoader classLoader =
        new URLClassLoader(new URL[] {jar.toUri().toURL()}, getClass().getClassLoader())) {
      Application application =
          ClassPathApplication.loader(classLoader, configuration).load(classLoader);
      assertThat(application.functions()).containsOnlyKeys(TypeName.parse("test/greeter"));
    }
  }

  /** Binds a function named by the global configuration entry {@code function-name}. */
  public static final class NamedByGlobalConfiguration implements StatefulFunctionModule {
    @Override
    public void configure(Map<String, String> globalConfiguration, Binder binder) {
      binder.bindFunction(
          StatefulFunctionSpec.builder(
                  TypeName.parse("test/" + globalConfiguration.get("function-name")))
              .withSupplier(() -> (context, message) -> context.done())
              .build());
    }
  }

  @Test
  void aMissingModuleYamlFileIsNamedWithItsOption() {
    assertThatThrownBy(() -> ClassPathApplication.fileOrUrl("no/such/module.yaml"))
        .isInstanceOf(ModuleLoadingException.class)
        .hasMessage("statefun.module.yaml=no/such/module.yaml: no such file");
  }

  @Test
  void programArgumentsAreRejectedWithTheRightWayToConfigure() {
    assertThatThrownBy(() -> StatefulFunctionsJob.main(new String[] {"-Dx=y"}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("before the JAR");
  }
}
