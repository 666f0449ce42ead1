package io.statefun.http.playground.yaml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.statefun.http.HttpIngressSpec;
import io.statefun.http.RequestDialect;
import io.statefun.http.playground.PlaygroundEgressSpec;
import io.statefun.http.playground.PlaygroundIngress;
import io.statefun.runtime.module.Application;
import io.statefun.runtime.module.ApplicationLoader;
import io.statefun.runtime.module.ModuleLoadingException;
import io.statefun.runtime.module.ModuleYaml;
import io.statefun.sdk.TypeName;
import org.junit.jupiter.api.Test;

/**
 * The playground's two kinds read from module.yaml text as its examples write them, without Flink.
 */
class PlaygroundKindsTest {

  private static Application load(String yaml) {
    return ApplicationLoader.builder()
        .discoverModules(false)
        .withYamlModule(new ModuleYaml("test/module.yaml", yaml))
        .build()
        .load(PlaygroundKindsTest.class.getClassLoader());
  }

  @Test
  void thePlaygroundExamplesModuleYamlIsAnIngressAndAnEgress() {
    Application application =
        load(
            """
            kind: io.statefun.playground.v1/ingress
            spec:
              port: 8090
            ---
            kind: io.statefun.playground.v1/egress
            spec:
              port: 8091
              topics:
                - greetings
            """);

    HttpIngressSpec ingress = (HttpIngressSpec) application.ingresses().get(PlaygroundIngress.ID);
    assertThat(ingress.port()).isEqualTo(8090);
    assertThat(ingress.bindHost()).isEqualTo("127.0.0.1");
    assertThat(ingress.dialect()).isEqualTo(RequestDialect.PLAYGROUND);
    assertThat(ingress.isTarget(TypeName.parse("greeter.fns/user"))).isTrue();
    assertThat(ingress.isTarget(TypeName.parse("io.statefun.http.reply/x"))).isFalse();

    PlaygroundEgressSpec egress =
        (PlaygroundEgressSpec)
            application.egresses().get(TypeName.parse("io.statefun.playground/egress"));
    assertThat(egress.port()).isEqualTo(8091);
    assertThat(egress.bindHost()).isEqualTo("127.0.0.1");
    assertThat(egress.topics()).containsExactly("greetings");
    assertThat(egress.maxRecordsPerTopic())
        .isEqualTo(PlaygroundEgressSpec.DEFAULT_MAX_RECORDS_PER_TOPIC);

    String launcherBindHost = System.getenv("STATEFUN_BIND_HOST");
    String expected =
        launcherBindHost == null || launcherBindHost.isBlank() ? "127.0.0.1" : launcherBindHost;
    assertThat(ingress.resolveBindHost()).as("like the launcher").isEqualTo(expected);
    assertThat(egress.resolveBindHost()).as("like the launcher").isEqualTo(expected);
  }

  @Test
  void anExplicitBindHostAndTopicBoundWin() {
    Application application =
        load(
            """
            kind: io.statefun.playground.v1/ingress
            spec:
              port: 8090
              bindHost: 0.0.0.0
            ---
            kind: io.statefun.playground.v1/egress
            spec:
              port: 8091
              topics: [greetings, farewells]
              bindHost: 0.0.0.0
              maxRecordsPerTopic: 10
            """);

    HttpIngressSpec ingress = (HttpIngressSpec) application.ingresses().get(PlaygroundIngress.ID);
    assertThat(ingress.resolveBindHost()).isEqualTo("0.0.0.0");
    PlaygroundEgressSpec egress =
        (PlaygroundEgressSpec) application.egresses().get(PlaygroundEgressSpec.ID);
    assertThat(egress.resolveBindHost()).isEqualTo("0.0.0.0");
    assertThat(egress.topics()).containsExactly("farewells", "greetings");
    assertThat(egress.maxRecordsPerTopic()).isEqualTo(10);
  }

  @Test
  void anUnknownFieldIsAnErrorAtItsLine() {
    assertThatThrownBy(
            () ->
                load(
                    """
                    kind: io.statefun.playground.v1/ingress
                    spec:
                      port: 8090
                      targets: [example/*]
                    """))
        .isInstanceOf(ModuleLoadingException.class)
        .hasMessageContaining("test/module.yaml:4")
        .hasMessageContaining("targets");
    assertThatThrownBy(
            () ->
                load(
                    """
                    kind: io.statefun.playground.v1/egress
                    spec:
                      port: 8091
                      topic: [greetings]
                    """))
        .isInstanceOf(ModuleLoadingException.class)
        .hasMessageContaining("test/module.yaml:4")
        .hasMessageContaining("topic");
  }

  @Test
  void missingOrBadFieldsAreErrorsNamingTheFile() {
    assertThatThrownBy(() -> load("kind: io.statefun.playground.v1/ingress\nspec: {}\n"))
        .isInstanceOf(ModuleLoadingException.class)
        .hasMessageContaining("test/module.yaml:")
        .hasMessageContaining("'port' is required");
    assertThatThrownBy(() -> load("kind: io.statefun.playground.v1/egress\nspec: {port: 8091}\n"))
        .isInstanceOf(ModuleLoadingException.class)
        .hasMessageContaining("test/module.yaml:")
        .hasMessageContaining("'topics'");
    assertThatThrownBy(
            () ->
                load(
                    "kind: io.statefun.playground.v1/egress\n"
                        + "spec: {port: 8091, topics: [a/b]}\n"))
        .isInstanceOf(ModuleLoadingException.class)
        .hasMessageContaining("a/b");
  }
}
