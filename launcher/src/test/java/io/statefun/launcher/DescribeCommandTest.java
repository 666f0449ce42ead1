package io.statefun.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code statefun describe}: what a modules folder binds, or its problems with file and line. */
class DescribeCommandTest {
  private static final String ENDPOINT =
      """
      kind: io.statefun.endpoints.v2/http
      spec:
        functions: example/*
        urlPathTemplate: http://functions:8000/statefun
      """;
  private static final String INGRESS =
      """
      kind: io.statefun.kafka.v1/ingress
      spec:
        id: example/names
        address: kafka:9092
        consumerGroupId: greeter
        topics:
          - topic: names
            valueType: example/Name
            targets:
              - example/greeter
      """;
  private static final String EGRESS =
      """
      kind: io.statefun.kafka.v1/egress
      spec:
        id: example/greetings
        address: kafka:9092
        deliverySemantic:
          type: at-least-once
      """;

  @TempDir Path modules;

  @Test
  void printsFunctionsEndpointsIngressesAndEgressesOfAModuleYaml() throws IOException {
    module("greeter", ENDPOINT + "---\n" + INGRESS + "---\n" + EGRESS);

    Cli.Result result = describe();

    assertThat(result.exitCode()).as(result.toString()).isZero();
    assertThat(result.err()).isEmpty();
    Path file = modules.resolve("greeter/module.yaml").toAbsolutePath();
    assertThat(result.out())
        .contains("Modules in " + modules.toAbsolutePath().normalize())
        .contains("  greeter  [module.yaml]")
        .contains("Functions:\n  example/*\n")
        .contains(
            "example/* -> http://functions:8000/statefun  (io.statefun.endpoints.v2/http, "
                + file
                + ":1)")
        .contains("example/names  (io.statefun.kafka/ingress)  routed by its records")
        .contains("example/greetings  (io.statefun.kafka/egress)");
  }

  @Test
  void anUnknownFieldIsAProblemWithItsFileAndLine() throws IOException {
    module(
        "greeter",
        ENDPOINT
            + "---\n"
            + INGRESS.replace("consumerGroupId:", "consumerGroupIdd:")
            + "---\n"
            + EGRESS);

    Cli.Result result = describe();

    assertThat(result.exitCode()).as(result.toString()).isEqualTo(1);
    assertThat(result.out()).isEmpty();
    assertThat(result.err())
        .contains("1 problem in " + modules.toAbsolutePath().normalize())
        .contains(
            modules.resolve("greeter/module.yaml").toAbsolutePath()
                + ":10: Unrecognized field \"consumerGroupIdd\"");
  }

  @Test
  void everyBrokenModuleIsReportedNotOnlyTheFirst() throws IOException {
    module("a", ENDPOINT.replace("urlPathTemplate:", "urlPathTemplat:"));
    module(
        "b",
        INGRESS.replace(
            "kind: io.statefun.kafka.v1/ingress", "kind: io.statefun.kafka.v9/ingress"));

    Cli.Result result = describe();

    assertThat(result.exitCode()).as(result.toString()).isEqualTo(1);
    assertThat(result.err())
        .contains("2 problems in")
        .contains(
            modules.resolve("a/module.yaml").toAbsolutePath()
                + ":4: Unrecognized field \"urlPathTemplat\"")
        .contains(
            modules.resolve("b/module.yaml").toAbsolutePath()
                + ":1: unknown kind 'io.statefun.kafka.v9/ingress'");
  }

  @Test
  void aModuleWithoutAnIngressIsAProblem() throws IOException {
    module("endpoints-only", ENDPOINT);

    Cli.Result result = describe();

    assertThat(result.exitCode()).as(result.toString()).isEqualTo(1);
    assertThat(result.err()).contains("no module binds an ingress");
  }

  @Test
  void aJarWithoutAModuleIsAProblemNamingTheModule() throws IOException {
    Files.createDirectories(modules.resolve("empty"));
    try (JarOutputStream jar =
        new JarOutputStream(
            Files.newOutputStream(modules.resolve("empty/empty.jar")), new Manifest())) {
      // a JAR with nothing but a manifest: no StatefulFunctionModule in it
    }

    Cli.Result result = describe();

    assertThat(result.exitCode()).as(result.toString()).isEqualTo(1);
    assertThat(result.err())
        .contains("Module folder " + modules.resolve("empty").toAbsolutePath())
        .contains("empty.jar")
        .contains("declare no io.statefun.sdk.spi.StatefulFunctionModule");
  }

  @Test
  void anEmptyModulesFolderSaysWhereModulesGo() {
    Cli.Result result = describe();

    assertThat(result.exitCode()).as(result.toString()).isEqualTo(1);
    assertThat(result.err())
        .contains("has no modules")
        .contains(modules.toAbsolutePath().normalize().resolve("greeter") + "/greeter.jar")
        .doesNotContain("at io.statefun"); // no stack trace
  }

  @Test
  void aMissingModulesFolderIsNamed() {
    Cli.Result result =
        Cli.run(Map.of(), "describe", "--modules", modules.resolve("nowhere").toString());

    assertThat(result.exitCode()).as(result.toString()).isEqualTo(1);
    assertThat(result.err()).contains(modules.resolve("nowhere") + " does not exist");
  }

  private Cli.Result describe() {
    return Cli.run(Map.of(), "describe", "--modules", modules.toString());
  }

  private void module(String name, String moduleYaml) throws IOException {
    Files.createDirectories(modules.resolve(name));
    Files.writeString(modules.resolve(name).resolve("module.yaml"), moduleYaml);
  }
}
