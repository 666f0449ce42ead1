package io.statefun.runtime.module;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.apache.flink.annotation.Internal;

/**
 * Finds the modules of a modules folder: each sub-folder is one module, made of its {@code *.jar}
 * files and/or a {@code module.yaml}. Files directly in the modules folder are not modules.
 */
@Internal
public final class ModuleDirectoryScanner {
  private ModuleDirectoryScanner() {}

  /**
   * The modules under {@code modulesFolder}, sorted by name.
   *
   * @throws ModuleLoadingException if the folder is missing, empty, or a sub-folder has neither a
   *     JAR nor a {@code module.yaml}
   */
  public static List<ModuleDirectory> scan(Path modulesFolder) {
    Path root = modulesFolder.toAbsolutePath().normalize();
    if (!Files.isDirectory(root)) {
      throw new ModuleLoadingException(
          "The modules folder "
              + root
              + " does not exist. Put each module in a sub-folder of it,"
              + " e.g. "
              + root.resolve("greeter")
              + "/greeter.jar or "
              + root.resolve("remote")
              + "/module.yaml");
    }
    List<Path> folders;
    try (Stream<Path> entries = Files.list(root)) {
      folders = entries.filter(Files::isDirectory).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot list the modules folder " + root, e);
    }
    if (folders.isEmpty()) {
      throw new ModuleLoadingException(
          "The modules folder "
              + root
              + " has no modules. Put each module in a sub-folder of it,"
              + " e.g. "
              + root.resolve("greeter")
              + "/greeter.jar (a JAR with a"
              + " StatefulFunctionModule) or "
              + root.resolve("remote")
              + "/module.yaml");
    }
    List<ModuleDirectory> modules = folders.stream().map(ModuleDirectory::of).toList();
    for (ModuleDirectory module : modules) {
      if (module.files().isEmpty()) {
        throw new ModuleLoadingException(
            "Module folder " + module.path() + " has neither a *.jar file nor a module.yaml");
      }
    }
    return modules;
  }
}
