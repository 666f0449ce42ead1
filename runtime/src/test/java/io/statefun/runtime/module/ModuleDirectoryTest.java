package io.statefun.runtime.module;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.statefun.sdk.TypeName;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModuleDirectoryTest {
  private static final String GREETING =
      "kind: test.v1/greeting\nspec: {function: demo/a, times: 1}\n";

  @Test
  void aModuleFolderWithAModuleYamlLoadsLikeAnyModule(@TempDir Path modules) throws Exception {
    Path folder = Files.createDirectories(modules.resolve("demo"));
    Files.writeString(folder.resolve("module.yaml"), GREETING);

    Application application =
        ApplicationLoader.builder()
            .discoverModules(false)
            .withModuleDirectory(ModuleDirectory.of(folder))
            .build()
            .load(getClass().getClassLoader());

    assertThat(application.functions()).containsKey(TypeName.parse("demo/a"));
  }

  @Test
  void aFolderThatChangedSinceTheJobWasBuiltIsRefusedNamingTheModule(@TempDir Path modules)
      throws Exception {
    Path folder = Files.createDirectories(modules.resolve("greeter"));
    Files.writeString(folder.resolve("module.yaml"), GREETING);
    ModuleDirectory asBuilt = ModuleDirectory.of(folder);

    Files.writeString(folder.resolve("module.yaml"), GREETING.replace("demo/a", "demo/b"));

    assertThatThrownBy(asBuilt::verifyUnchanged)
        .isInstanceOf(ModuleLoadingException.class)
        .hasMessageContaining("Module 'greeter'")
        .hasMessageContaining("differs from the one the job was built with");
    assertThatThrownBy(
            () ->
                ApplicationLoader.builder()
                    .discoverModules(false)
                    .withModuleDirectory(asBuilt)
                    .build()
                    .load(getClass().getClassLoader()))
        .hasMessageContaining("Module 'greeter'");
  }

  @Test
  void aMissingFolderOnAWorkerSaysEveryWorkerNeedsTheSameModules(@TempDir Path modules)
      throws Exception {
    Path folder = Files.createDirectories(modules.resolve("greeter"));
    Files.writeString(folder.resolve("module.yaml"), GREETING);
    ModuleDirectory asBuilt = ModuleDirectory.of(folder);
    Files.delete(folder.resolve("module.yaml"));
    Files.delete(folder);

    assertThatThrownBy(asBuilt::verifyUnchanged)
        .hasMessageContaining("Module 'greeter'")
        .hasMessageContaining("Every worker needs the same modules folder");
  }
}
