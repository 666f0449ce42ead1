package io.statefun.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Problems found before Flink starts: one clear line naming what to fix, exit code 1, no stack
 * trace. Every run here fails before any server starts.
 */
class StartupProblemsTest {
  @TempDir Path work;
  private Path modules;
  private ServerSocket busy;

  @BeforeEach
  void setUp() throws IOException {
    modules = Files.createDirectories(work.resolve("modules"));
    busy = new ServerSocket();
    busy.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0));
  }

  @AfterEach
  void closeSocket() throws IOException {
    busy.close();
  }

  @Test
  void aMasterWhoseRpcPortIsInUseSaysWhichPortAndHowToChooseAnother() throws IOException {
    remoteModule();
    int port = busy.getLocalPort();

    Cli.Result result =
        Cli.run(
            Map.of(),
            "master",
            "--modules",
            modules.toString(),
            "-D",
            "jobmanager.bind-host=127.0.0.1",
            "-D",
            "jobmanager.rpc.port=" + port);

    assertThat(result.exitCode()).as(result.toString()).isEqualTo(1);
    assertThat(result.err())
        .startsWith(
            "statefun master: Port " + port + " (jobmanager.rpc.port) on 127.0.0.1 is in use")
        .contains("-D jobmanager.rpc.port=PORT")
        .doesNotContain("\tat ");
  }

  @Test
  void localWhoseWebUiPortIsInUseSaysSo() throws IOException {
    remoteModule();
    int port = busy.getLocalPort();

    Cli.Result result =
        Cli.run(
            Map.of(),
            "local",
            "--modules",
            modules.toString(),
            "--state-dir",
            work.resolve("state").toString(),
            "-D",
            "rest.port=" + port);

    assertThat(result.exitCode()).as(result.toString()).isEqualTo(1);
    assertThat(result.err())
        .startsWith("statefun local: Port " + port + " (rest.port) on 127.0.0.1 is in use")
        .doesNotContain("\tat ");
  }

  @Test
  void anEmptyModulesFolderStopsEveryRunningRoleWithWhereModulesGo() {
    for (String role : new String[] {"local", "master", "worker"}) {
      Cli.Result result = Cli.run(Map.of(), role, "--modules", modules.toString());

      assertThat(result.exitCode()).as(result.toString()).isEqualTo(1);
      assertThat(result.err())
          .as(role)
          .startsWith(
              "statefun "
                  + role
                  + ": The modules folder "
                  + modules.toAbsolutePath()
                  + " has no modules.")
          .contains(modules.toAbsolutePath().resolve("greeter") + "/greeter.jar")
          .doesNotContain("\tat ");
    }
  }

  @Test
  void aModuleFolderWithNothingInItIsNamed() throws IOException {
    Files.createDirectories(modules.resolve("forgotten"));

    Cli.Result result = Cli.run(Map.of(), "master", "--modules", modules.toString());

    assertThat(result.exitCode()).as(result.toString()).isEqualTo(1);
    assertThat(result.err())
        .contains(
            "Module folder "
                + modules.toAbsolutePath().resolve("forgotten")
                + " has neither a *.jar file nor a module.yaml");
  }

  @Test
  void theModulesFolderComesFromStatefunModulesThenTheDistribution() throws IOException {
    Path home = Files.createDirectories(work.resolve("home"));
    Cli.Result fromHome = Cli.run(Map.of("STATEFUN_HOME", home.toString()), "describe");
    assertThat(fromHome.err())
        .contains("The modules folder " + home.resolve("modules") + " does not exist");

    Cli.Result fromVariable =
        Cli.run(
            Map.of("STATEFUN_HOME", home.toString(), "STATEFUN_MODULES", modules.toString()),
            "describe");
    assertThat(fromVariable.err())
        .contains("The modules folder " + modules.toAbsolutePath() + " has no modules");
  }

  private void remoteModule() throws IOException {
    Files.createDirectories(modules.resolve("remote"));
    Files.writeString(
        modules.resolve("remote/module.yaml"),
        """
        kind: io.statefun.endpoints.v2/http
        spec:
          functions: example/*
          urlPathTemplate: http://127.0.0.1:1/statefun
        """);
  }
}
