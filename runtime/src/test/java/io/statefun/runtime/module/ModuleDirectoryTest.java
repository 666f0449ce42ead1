package io.statefun.runtime.module;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.statefun.sdk.TypeName;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
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
  void closingTheApplicationClosesTheClassLoadersOfItsModulesJars(@TempDir Path modules)
      throws Exception {
    Path folder = Files.createDirectories(modules.resolve("demo"));
    Files.writeString(folder.resolve("module.yaml"), GREETING);
    try (JarOutputStream jar =
        new JarOutputStream(Files.newOutputStream(folder.resolve("demo.jar")))) {
      jar.putNextEntry(new JarEntry("marker.txt"));
      jar.write("here".getBytes(StandardCharsets.UTF_8));
    }
    Application application =
        ApplicationLoader.builder()
            .discoverModules(false)
            .withModuleDirectory(ModuleDirectory.of(folder))
            .build()
            .load(getClass().getClassLoader());
    assertThat(application.moduleClassLoaders()).hasSize(1);
    URLClassLoader jars = application.moduleClassLoaders().get(0);
    assertThat(jars.getResource("marker.txt")).isNotNull();

    application.close();

    assertThat(jars.getResource("marker.txt")).as("found after close").isNull();
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
