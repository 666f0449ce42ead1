package io.statefun.launcher;

import io.statefun.runtime.module.ModuleDirectory;
import io.statefun.runtime.module.ModuleDirectoryScanner;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.configuration.Configuration;
import picocli.CommandLine.Option;

/** The options every subcommand shares: the modules folder and {@code -D key=value}. */
final class LaunchOptions {
  static final Path IMAGE_MODULES = Path.of("/opt/statefun/modules");

  @Option(
      names = "--modules",
      paramLabel = "DIR",
      description = {
        "The modules folder: each sub-folder is one module (its *.jar files and/or a module.yaml).",
        "Default: $STATEFUN_MODULES, else the distribution's modules/ (/opt/statefun/modules in the image)."
      })
  Path modules;

  @Option(
      names = "-D",
      paramLabel = "key=value",
      mapFallbackValue = "",
      description = {
        "A Flink or statefun.* configuration entry; wins over the environment and conf/config.yaml.",
        "Modules get every statefun.module.global-config.KEY as KEY."
      })
  Map<String, String> dynamic = new LinkedHashMap<>();

  Path modulesFolder(Map<String, String> environment) {
    if (modules != null) {
      return modules;
    }
    String fromEnvironment = environment.get("STATEFUN_MODULES");
    if (fromEnvironment != null && !fromEnvironment.isBlank()) {
      return Path.of(fromEnvironment);
    }
    Path home = LauncherConfiguration.statefunHome(environment);
    return home != null ? home.resolve("modules") : IMAGE_MODULES;
  }

  List<ModuleDirectory> scanModules(Map<String, String> environment) {
    return ModuleDirectoryScanner.scan(modulesFolder(environment));
  }

  Configuration configuration(Map<String, String> environment) {
    return LauncherConfiguration.load(
        LauncherConfiguration.statefunHome(environment), environment, dynamic);
  }
}
