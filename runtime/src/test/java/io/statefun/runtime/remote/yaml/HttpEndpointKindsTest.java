package io.statefun.runtime.remote.yaml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.statefun.runtime.module.Application;
import io.statefun.runtime.module.ApplicationLoader;
import io.statefun.runtime.module.ModuleYaml;
import io.statefun.runtime.remote.EndpointSettings;
import io.statefun.sdk.TypeName;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class HttpEndpointKindsTest {

  @Test
  void aV2EndpointBindsANamespaceWithStatefunsDefaults() {
    Application app =
        load(
            """
            kind: io.statefun.endpoints.v2/http
            spec:
              functions: example/*
              urlPathTemplate: http://functions:8000/{function.name}
            """);

    assertThat(app.functionNamespaces()).containsKey("example");
    assertThat(app.functionSpec(TypeName.parse("example/greeter"))).isPresent();
    assertThat(app.functionSpec(TypeName.parse("other/greeter"))).isEmpty();
  }

  @Test
  void transportSettingsAreReadAsStatefunNamesThem() {
    HttpEndpointSpecs.V2 spec = new HttpEndpointSpecs.V2();
    spec.functions = "example/greeter";
    spec.urlPathTemplate = "https://fn.example.com:8443/{function.name}";
    spec.transport = new HttpEndpointSpecs.Transport();
    spec.transport.call = "1 min";
    spec.transport.connect = "5s";
    spec.transport.poolSize = 7;
    spec.transport.payloadMaxBytes = 1024L;

    EndpointSettings settings = HttpEndpointSpecs.settingsOf(spec);

    assertThat(settings.functionType()).isEqualTo(TypeName.parse("example/greeter"));
    assertThat(settings.maxNumBatchRequests()).isEqualTo(1000);
    assertThat(settings.transport().callTimeout()).isEqualTo(Duration.ofMinutes(1));
    assertThat(settings.transport().connectTimeout()).isEqualTo(Duration.ofSeconds(5));
    assertThat(settings.transport().attemptTimeout()).isEqualTo(Duration.ofMinutes(1));
    assertThat(settings.transport().maxConcurrentRequests()).isEqualTo(7);
    assertThat(settings.transport().payloadMaxBytes()).isEqualTo(1024L);
    assertThat(settings.urlPathTemplate().urlOf(TypeName.parse("example/greeter")).toString())
        .isEqualTo("https://fn.example.com:8443/greeter");
  }

  @Test
  void aV1EndpointTakesItsTimeoutsAndRetries() {
    HttpEndpointSpecs.V1 spec = new HttpEndpointSpecs.V1();
    spec.functions = "example/*";
    spec.urlPathTemplate = "http://functions:8000/statefun";
    spec.maxRetries = 3;
    spec.timeouts = new HttpEndpointSpecs.Timeouts();
    spec.timeouts.call = "2min";
    spec.timeouts.read = "10sec";

    EndpointSettings settings = HttpEndpointSpecs.settingsOf(spec);

    assertThat(settings.namespace()).isEqualTo("example");
    assertThat(settings.transport().callTimeout()).isEqualTo(Duration.ofMinutes(2));
    assertThat(settings.transport().attemptTimeout()).isEqualTo(Duration.ofSeconds(10));
    assertThat(settings.transport().maxRetries()).isEqualTo(3);
  }

  @Test
  void mistakesAreErrorsWithFileAndLine() {
    assertThatThrownBy(
            () ->
                load(
                    """
                    kind: io.statefun.endpoints.v2/http
                    spec:
                      functions: example/*
                      urlPathTemplate: http://functions:8000/
                      transport:
                        timeout: 2m
                    """))
        .hasMessageContaining("module.yaml:")
        .hasMessageContaining("timeout");
    assertThatThrownBy(
            () ->
                load(
                    """
                    kind: io.statefun.endpoints.v2/http
                    spec:
                      functions: example/gr*
                      urlPathTemplate: http://functions:8000/
                    """))
        .hasMessageContaining("module.yaml:2")
        .hasMessageContaining("'*' is allowed only as the whole name");
    assertThatThrownBy(
            () ->
                load(
                    """
                    kind: io.statefun.endpoints.v1/http
                    spec:
                      functions: example/*
                      urlPathTemplate: http+unix:///tmp/functions/statefun
                    """))
        .hasMessageContaining("module.yaml:2")
        .hasMessageContaining("names no socket file");
    assertThatThrownBy(
            () ->
                load(
                    """
                    kind: io.statefun.endpoints.v2/http
                    spec:
                      functions: example/*
                      urlPathTemplate: http://functions:8000/
                      transport: {type: io.statefun.transports.v1/okhttp, timeouts: {call: 1s, read: 5s}}
                    """))
        .hasMessageContaining("must not exceed the call timeout");
  }

  private static Application load(String yaml) {
    return ApplicationLoader.builder()
        .discoverModules(false)
        .withYamlModule(new ModuleYaml("module.yaml", yaml))
        .build()
        .load(HttpEndpointKindsTest.class.getClassLoader());
  }
}
