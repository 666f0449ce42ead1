package io.statefun.http.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import io.statefun.architecture.PackageDependencyRules;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Every "must not depend on ..." sentence of a package-info in this module, checked against the
 * compiled classes ({@link PackageDependencyRules}).
 */
class PackageDependencyRulesTest {
  private static final String ROOT = "io.statefun.http";

  @Test
  void everyPackageKeepsTheDependencyRulesItsDocStates() throws Exception {
    List<String> checked =
        new PackageDependencyRules(
                ROOT,
                Path.of("src/main/java"),
                Map.of(
                    "dispatch",
                    "io.statefun.runtime.dispatch..",
                    "state",
                    "io.statefun.runtime.state..",
                    "feedback loop",
                    "io.statefun.runtime.feedback..",
                    "netty",
                    "io.netty..",
                    "server",
                    "io.statefun.http.server..",
                    "flink operators",
                    "io.statefun.http.ingress.."))
            .check();

    assertThat(checked).as("rules found in the package docs").hasSizeGreaterThanOrEqualTo(7);
  }
}
