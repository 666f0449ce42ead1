package io.statefun.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.apache.flink.configuration.Configuration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where each configuration entry comes from: conf/config.yaml, then the environment, then -D. */
class LauncherConfigurationTest {
  @TempDir Path home;

  @BeforeEach
  void configFile() throws Exception {
    Files.createDirectories(home.resolve("conf"));
    Files.writeString(
        home.resolve("conf/config.yaml"),
        """
        rest:
          port: 8081
        parallelism:
          default: 2
        jobmanager:
          rpc:
            address: from-file
        state:
          backend:
            type: hashmap
        """);
  }

  @Test
  void theEnvironmentWinsOverTheFileAndDynamicPropertiesWinOverBoth() {
    Map<String, String> environment =
        Map.of(
            "STATEFUN_HOME",
            home.toString(),
            "FLINK_PROPERTIES",
            "rest.port: 9000\nparallelism.default: 3\n# a comment\n\n");
    MasterCommand master = Cli.parse(environment, "master", "-D", "parallelism.default=4");

    Configuration configuration = master.configuration(environment);

    assertThat(configuration.getString("state.backend.type", null))
        .as("file only")
        .isEqualTo("hashmap");
    assertThat(configuration.getString("rest.port", null))
        .as("file < environment")
        .isEqualTo("9000");
    assertThat(configuration.getString("parallelism.default", null))
        .as("file < environment < -D")
        .isEqualTo("4");
  }

  @Test
  void masterHostAndBindHostComeFromTheEnvironment() {
    Map<String, String> environment =
        Map.of(
            "STATEFUN_HOME",
            home.toString(),
            "MASTER_HOST",
            "master",
            "STATEFUN_BIND_HOST",
            "0.0.0.0");

    Configuration configuration = LauncherConfiguration.load(home, environment, Map.of());

    assertThat(configuration.getString("jobmanager.rpc.address", null)).isEqualTo("master");
    assertThat(configuration.getString("jobmanager.bind-host", null)).isEqualTo("0.0.0.0");
    assertThat(configuration.getString("taskmanager.bind-host", null)).isEqualTo("0.0.0.0");
    assertThat(configuration.getString("rest.bind-address", null)).isEqualTo("0.0.0.0");
    assertThat(
            LauncherConfiguration.load(
                    home, environment, Map.of("jobmanager.rpc.address", "from-d"))
                .getString("jobmanager.rpc.address", null))
        .isEqualTo("from-d");
  }

  @Test
  void launcherDefaultsNeverOverrideWhatWasConfigured() {
    Map<String, String> environment = Map.of("STATEFUN_HOME", home.toString());
    MasterCommand master =
        Cli.parse(
            environment, "master", "-D", "restart-strategy.type=none", "-D", "rest.port=9999");

    Configuration configuration = master.configuration(environment);

    assertThat(configuration.getString("restart-strategy.type", null)).isEqualTo("none");
    assertThat(configuration.getString("rest.port", null)).isEqualTo("9999");
    assertThat(configuration.getString("rest.address", null))
        .as("follows the rpc address")
        .isEqualTo("from-file");
    assertThat(configuration.getString("state.backend.type", null)).isEqualTo("hashmap");
  }

  @Test
  void withoutAConfigFileOnlyTheEnvironmentAndDynamicPropertiesCount() {
    Configuration configuration =
        LauncherConfiguration.load(
            home.resolve("elsewhere"), Map.of(), Map.of("rest.port", "1234"));
    assertThat(configuration.toMap()).containsExactly(Map.entry("rest.port", "1234"));
  }

  @Test
  void aFlinkPropertiesLineWithoutColonIsRefusedWithTheLine() {
    assertThatThrownBy(
            () ->
                LauncherConfiguration.fromEnvironment(Map.of("FLINK_PROPERTIES", "rest.port=9000")))
        .isInstanceOf(LauncherException.class)
        .hasMessage("FLINK_PROPERTIES: 'rest.port=9000' is not a 'key: value' line");
  }

  @Test
  void theShippedConfigFileIsTheDocumentedDefault() {
    Configuration shipped = LauncherConfiguration.load(Path.of("src/dist"), Map.of(), Map.of());
    assertThat(shipped.getString("rest.port", null)).isEqualTo("8081");
    assertThat(shipped.getString("jobmanager.rpc.port", null)).isEqualTo("6123");
    assertThat(shipped.getString("state.backend.type", null)).isEqualTo("rocksdb");
    assertThat(shipped.getString("execution.checkpointing.mode", null)).isEqualTo("EXACTLY_ONCE");
  }
}
