package io.statefun.http.yaml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.statefun.http.HttpIngressBuilder;
import io.statefun.http.HttpIngressSpec;
import io.statefun.http.HttpIngressTls;
import io.statefun.http.ReplyAfter;
import io.statefun.http.server.TestCertificates;
import io.statefun.runtime.job.StatefunJobAssembler;
import io.statefun.runtime.module.Application;
import io.statefun.runtime.module.ApplicationLoader;
import io.statefun.runtime.module.ModuleLoadingException;
import io.statefun.runtime.module.ModuleYaml;
import io.statefun.sdk.TypeName;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The io.statefun.http.v1/ingress kind read from module.yaml text, without a Flink cluster (what
 * only the job's assembly knows, its reply types, is checked by assembling a job, never run).
 */
class HttpIngressKindTest {

  private static Application load(String yaml) {
    return ApplicationLoader.builder()
        .discoverModules(false)
        .withYamlModule(new ModuleYaml("test/module.yaml", yaml))
        .build()
        .load(HttpIngressKindTest.class.getClassLoader());
  }

  /** Assembles (without running) the job of {@code yaml}: where reply types are known. */
  private static void assemble(String yaml) {
    StatefunJobAssembler.assemble(
        StreamExecutionEnvironment.getExecutionEnvironment(),
        ApplicationLoader.builder()
            .discoverModules(false)
            .withYamlModule(new ModuleYaml("test/module.yaml", yaml))
            .build(),
        new Configuration());
  }

  private static HttpIngressSpec ingress(String yaml) {
    return (HttpIngressSpec) load(yaml).ingresses().get(TypeName.parse("example/http"));
  }

  @Test
  void theDefaultsAreLoopbackTextOneMebibyteThirtySecondsAndAfterTheCheckpoint() {
    HttpIngressSpec spec =
        ingress(
            """
            kind: io.statefun.http.v1/ingress
            spec:
              id: example/http
              port: 8090
              targets: [example/*, other/greeter]
            """);

    assertThat(spec.port()).isEqualTo(8090);
    assertThat(spec.bindHost()).isEqualTo("127.0.0.1");
    assertThat(spec.targets()).containsExactly("example/*", "other/greeter");
    assertThat(spec.isTarget(TypeName.parse("example/anything"))).isTrue();
    assertThat(spec.isTarget(TypeName.parse("other/greeter"))).isTrue();
    assertThat(spec.isTarget(TypeName.parse("other/counter"))).isFalse();
    assertThat(spec.valueType()).isEqualTo(TypeName.parse("io.statefun.types/string"));
    assertThat(spec.maxBodyBytes()).isEqualTo(1 << 20);
    assertThat(spec.replyTimeout()).isEqualTo(Duration.ofSeconds(30));
    assertThat(spec.idempotencyRetention()).isEqualTo(Duration.ofHours(24));
    assertThat(spec.maxConnections()).isEqualTo(1_000);
    assertThat(spec.idleTimeout()).isEqualTo(Duration.ofSeconds(60));
    assertThat(spec.replyAfter()).isEqualTo(ReplyAfter.CHECKPOINT);
    assertThat(spec.replyType()).isEqualTo(TypeName.parse("io.statefun.http.reply/example:http"));
  }

  @Test
  void everyFieldIsRead() {
    HttpIngressSpec spec =
        ingress(
            """
            kind: io.statefun.http.v1/ingress
            spec:
              id: example/http
              port: 9000
              bindHost: 0.0.0.0
              targets: [example/greeter]
              valueType: com.example/Json
              maxBodyBytes: 64kb
              replyTimeout: 2 s
              maxPendingRequests: 7
              maxConnections: 20
              idleTimeout: 5 s
              idempotencyRetention: 1h
              replyAfter: invoke
            """);

    assertThat(spec.bindHost()).isEqualTo("0.0.0.0");
    assertThat(spec.valueType()).isEqualTo(TypeName.parse("com.example/Json"));
    assertThat(spec.maxBodyBytes()).isEqualTo(64 * 1024);
    assertThat(spec.replyTimeout()).isEqualTo(Duration.ofSeconds(2));
    assertThat(spec.maxPendingRequests()).isEqualTo(7);
    assertThat(spec.maxConnections()).isEqualTo(20);
    assertThat(spec.idleTimeout()).isEqualTo(Duration.ofSeconds(5));
    assertThat(spec.idempotencyRetention()).isEqualTo(Duration.ofHours(1));
    assertThat(spec.replyAfter()).isEqualTo(ReplyAfter.INVOKE);
  }

  @Test
  void theBindHostFollowsTheLaunchersUnlessTheSpecNamesOne() {
    String base =
        """
        kind: io.statefun.http.v1/ingress
        spec:
          id: example/http
          port: 8090
          targets: [example/*]
        """;
    Map<String, String> image = Map.of("STATEFUN_BIND_HOST", "0.0.0.0");
    Map<String, String> local = Map.of();

    HttpIngressSpec byDefault = ingress(base);
    assertThat(byDefault.resolveBindHost(image::get)).isEqualTo("0.0.0.0");
    assertThat(byDefault.resolveBindHost(local::get)).isEqualTo("127.0.0.1");
    assertThat(byDefault.resolveBindHost(Map.of("STATEFUN_BIND_HOST", " ")::get))
        .isEqualTo("127.0.0.1");
    HttpIngressSpec explicit = ingress(base + "  bindHost: 10.0.0.7\n");
    assertThat(explicit.resolveBindHost(image::get)).isEqualTo("10.0.0.7");
    assertThat(explicit.resolveBindHost(local::get)).isEqualTo("10.0.0.7");

    HttpIngressBuilder builder =
        HttpIngressBuilder.forIdentifier(TypeName.parse("example/http"))
            .withPort(8090)
            .withTarget("example/*");
    assertThat(builder.build().resolveBindHost(image::get)).isEqualTo("0.0.0.0");
    assertThat(builder.build().resolveBindHost(local::get)).isEqualTo("127.0.0.1");
    assertThat(builder.withBindHost("127.0.0.1").build().resolveBindHost(image::get))
        .isEqualTo("127.0.0.1");
  }

  @Test
  void anUnknownFieldIsAnErrorAtItsLine() {
    assertThatThrownBy(
            () ->
                load(
                    """
                    kind: io.statefun.http.v1/ingress
                    spec:
                      id: example/http
                      port: 8090
                      targets: [example/*]
                      replyTimout: 5s
                    """))
        .isInstanceOf(ModuleLoadingException.class)
        .hasMessageContaining("test/module.yaml:6")
        .hasMessageContaining("replyTimout");
  }

  @Test
  void anAuthTokenIsAValueOrAnEnvironmentVariableReadWhereTheServerStarts() {
    String base =
        """
        kind: io.statefun.http.v1/ingress
        spec:
          id: example/http
          port: 8090
          targets: [example/*]
        """;
    assertThat(ingress(base + "  authToken: {value: s3cret}\n").resolveAuthToken())
        .hasValue("s3cret");
    assertThat(ingress(base).resolveAuthToken()).isEmpty();
    HttpIngressSpec fromEnvironment =
        ingress(base + "  authToken: {env: STATEFUN_TEST_SURELY_UNSET_TOKEN}\n");
    assertThatThrownBy(fromEnvironment::resolveAuthToken)
        .hasMessageContaining("STATEFUN_TEST_SURELY_UNSET_TOKEN")
        .hasMessageContaining("not set");
    assertThatThrownBy(() -> load(base + "  authToken: {value: a, env: B}\n"))
        .hasMessageContaining("test/module.yaml:")
        .hasMessageContaining("one of 'value: <token>' or 'env:");
  }

  @Test
  void tlsNamesPemFilesReadAtBindTimeAndWhereTheServerStarts(@TempDir Path dir) throws Exception {
    TestCertificates certificates = TestCertificates.createIn(dir);
    String base =
        """
        kind: io.statefun.http.v1/ingress
        spec:
          id: example/http
          port: 8090
          targets: [example/*]
          tls:
        """;
    String files =
        "    cert: %s\n    key: %s\n".formatted(certificates.serverCert, certificates.serverKey);

    HttpIngressSpec tls = ingress(base + files);
    assertThat(tls.tls())
        .hasValue(
            HttpIngressTls.of(
                certificates.serverCert.toString(), certificates.serverKey.toString()));
    assertThat(ingress(base).tls()).isEmpty();
    HttpIngressSpec mutual =
        ingress(base + files + "    trustCaCerts: %s\n".formatted(certificates.clientCert));
    assertThat(mutual.tls().orElseThrow().requiresClientCertificate()).isTrue();
    assertThat(mutual.toString()).contains("over mutual TLS");

    assertThatThrownBy(() -> load(base + files + "    trustCaCert: x.pem\n"))
        .isInstanceOf(ModuleLoadingException.class)
        .hasMessageContaining("test/module.yaml:9")
        .hasMessageContaining("trustCaCert");
    assertThatThrownBy(() -> load(base + "    cert: %s\n".formatted(certificates.serverCert)))
        .hasMessageContaining("test/module.yaml:")
        .hasMessageContaining("'tls' needs 'cert' and 'key'");
    Path missing = dir.resolve("missing.pem");
    assertThatThrownBy(
            () ->
                load(
                    base
                        + "    cert: %s\n    key: %s\n"
                            .formatted(certificates.serverCert, missing)))
        .hasMessageContaining("test/module.yaml:")
        .hasMessageContaining(missing.toString());
    assertThatThrownBy(() -> load(base + files + "    trustCaCerts: classpath:no/such/ca.pem\n"))
        .hasMessageContaining("test/module.yaml:")
        .hasMessageContaining("no/such/ca.pem");
  }

  @Test
  void malformedValuesAreNamed() {
    String base =
        """
        kind: io.statefun.http.v1/ingress
        spec:
          id: example/http
        """;
    assertThatThrownBy(() -> load(base + "  targets: [example/*]\n"))
        .hasMessageContaining("'port' is required");
    assertThatThrownBy(() -> load(base + "  port: 8090\n"))
        .hasMessageContaining("'targets' must list");
    assertThatThrownBy(() -> load(base + "  port: 8090\n  targets: [example]\n"))
        .hasMessageContaining("namespace/name");
    assertThatThrownBy(() -> load(base + "  port: 8090\n  targets: [io.statefun.http.reply/*]\n"))
        .hasMessageContaining("reserved");
    assertThatThrownBy(() -> load(base + "  port: 70000\n  targets: [example/*]\n"))
        .hasMessageContaining("port must be between 1 and 65535");
    assertThatThrownBy(
            () -> load(base + "  port: 8090\n  targets: [example/*]\n  replyAfter: later\n"))
        .hasMessageContaining("'replyAfter' must be checkpoint or invoke");
    assertThatThrownBy(
            () -> load(base + "  port: 8090\n  targets: [example/*]\n  replyTimeout: soon\n"))
        .hasMessageContaining("'replyTimeout' must be a duration");
    assertThatThrownBy(
            () -> load(base + "  port: 8090\n  targets: [example/*]\n  maxConnections: 0\n"))
        .hasMessageContaining("maxConnections must be at least 1");
    assertThatThrownBy(
            () -> load(base + "  port: 8090\n  targets: [example/*]\n  idleTimeout: 0s\n"))
        .hasMessageContaining("idleTimeout must be positive");
  }

  @Test
  void noFunctionIsBoundAtAReplyTypeNorInItsNamespace() {
    String ingress =
        """
        kind: io.statefun.http.v1/ingress
        spec:
          id: example/http
          port: 8090
          targets: [example/*]
          replyAfter: invoke
        ---
        kind: io.statefun.endpoints.v2/http
        spec:
        """;

    assertThatThrownBy(
            () ->
                assemble(
                    ingress
                        + "  functions: io.statefun.http.reply/example:http\n"
                        + "  urlPathTemplate: http://127.0.0.1:1/{function.name}\n"))
        .isInstanceOf(ModuleLoadingException.class)
        .hasMessageContaining("test/module.yaml:8")
        .hasMessageContaining("function io.statefun.http.reply/example:http")
        .hasMessageContaining("reply type of ingress example/http")
        .hasMessageContaining("never be invoked");
    assertThatThrownBy(
            () ->
                assemble(
                    ingress
                        + "  functions: io.statefun.http.reply/*\n"
                        + "  urlPathTemplate: http://127.0.0.1:1/{function.name}\n"))
        .isInstanceOf(ModuleLoadingException.class)
        .hasMessageContaining("test/module.yaml:8")
        .hasMessageContaining("function namespace io.statefun.http.reply/*")
        .hasMessageContaining("reply type of ingress example/http");
  }
}
