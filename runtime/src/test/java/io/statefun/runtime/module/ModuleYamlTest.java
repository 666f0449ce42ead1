package io.statefun.runtime.module;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.statefun.sdk.TypeName;
import org.junit.jupiter.api.Test;

class ModuleYamlTest {

  private static Application load(String yaml) {
    return ApplicationLoader.builder()
        .discoverModules(false)
        .withYamlModule(new ModuleYaml("modules/demo/module.yaml", yaml))
        .build()
        .load(ModuleYamlTest.class.getClassLoader());
  }

  @Test
  void bindsEveryDocumentOfAMultiDocumentFile() {
    Application application =
        load(
            """
            kind: test.v1/greeting
            spec:
              function: demo/a
              times: 1
            ---
            spec:
              times: 2
              function: demo/b
            kind: test.v1/greeting
            """);
    assertThat(application.functions().keySet())
        .containsExactlyInAnyOrder(TypeName.parse("demo/a"), TypeName.parse("demo/b"));
  }

  @Test
  void anUnknownKindNamesTheFileLineAndKnownKinds() {
    assertThatThrownBy(
            () ->
                load(
                    """
                    kind: test.v1/greeting
                    spec: {function: demo/a, times: 1}
                    ---
                    kind: test.v9/nothing
                    spec: {}
                    """))
        .isInstanceOf(ModuleLoadingException.class)
        .hasMessageStartingWith("modules/demo/module.yaml:4:")
        .hasMessageContaining("test.v9/nothing")
        .hasMessageContaining("test.v1/greeting");
  }

  @Test
  void anUnknownFieldInASpecNamesItsLine() {
    assertThatThrownBy(
            () ->
                load(
                    """
                    kind: test.v1/greeting
                    spec:
                      function: demo/a
                      tims: 1
                    """))
        .hasMessageStartingWith("modules/demo/module.yaml:")
        .hasMessageContaining("Unrecognized field \"tims\"");
  }

  @Test
  void anUnknownTopLevelFieldIsAnError() {
    assertThatThrownBy(() -> load("kind: test.v1/greeting\nspecs: {}\n"))
        .hasMessageStartingWith("modules/demo/module.yaml:2:")
        .hasMessageContaining("'specs'");
  }

  @Test
  void aBinderErrorNamesTheComponent() {
    assertThatThrownBy(() -> load("kind: test.v1/greeting\nspec: {function: demo/a, times: 0}\n"))
        .hasMessageStartingWith("modules/demo/module.yaml:2:")
        .hasMessageContaining("times must be positive");
  }

  @Test
  void bindingTheSameFunctionTwiceNamesBothSources() {
    assertThatThrownBy(
            () ->
                load(
                    """
                    kind: test.v1/greeting
                    spec: {function: demo/a, times: 1}
                    ---
                    kind: test.v1/greeting
                    spec: {function: demo/a, times: 1}
                    """))
        .hasMessageContaining("function demo/a is bound twice")
        .hasMessageContaining("modules/demo/module.yaml");
  }

  @Test
  void aModuleClassThatIsNotAModuleIsRefused() {
    assertThatThrownBy(
            () ->
                ApplicationLoader.builder()
                    .discoverModules(false)
                    .withModuleClassName(String.class.getName())
                    .build()
                    .load(getClass().getClassLoader()))
        .hasMessageContaining("java.lang.String is not a");
  }
}
