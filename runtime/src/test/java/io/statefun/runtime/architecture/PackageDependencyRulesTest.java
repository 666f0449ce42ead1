package io.statefun.runtime.architecture;

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
  private static final String ROOT = "io.statefun.runtime";

  @Test
  void everyPackageKeepsTheDependencyRulesItsDocStates() throws Exception {
    List<String> checked =
        new PackageDependencyRules(
                ROOT,
                Path.of("src/main/java"),
                Map.of(
                    "dispatch", ROOT + ".dispatch..",
                    "dispatcher", ROOT + ".dispatch..",
                    "state", ROOT + ".state..",
                    "feedback loop", ROOT + ".feedback..",
                    "job assembly", ROOT + ".job..",
                    "remote.yaml", ROOT + ".remote.yaml.."))
            .check();

    assertThat(checked).as("rules found in the package docs").hasSizeGreaterThan(10);
  }
}
