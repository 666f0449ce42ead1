package io.statefun.launcher;

import io.statefun.runtime.config.StatefunOptions;
import io.statefun.runtime.job.StatefunJobAssembler;
import io.statefun.runtime.module.ApplicationLoader;
import io.statefun.runtime.module.ModuleDirectory;
import io.statefun.runtime.module.ModuleDirectoryScanner;
import java.nio.file.Path;
import java.util.List;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * The Stateful Functions job: the modules of a modules folder, assembled into the environment.
 * {@link #main} is the program the master runs in application mode (the one argument is the modules
 * folder); {@code local} calls {@link #assemble} directly.
 */
public final class StatefunJob {
  private StatefunJob() {}

  public static void main(String[] args) throws Exception {
    if (args.length != 1) {
      throw new IllegalArgumentException("usage: StatefunJob MODULES_FOLDER");
    }
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
    Configuration configuration = Configuration.fromMap(env.getConfiguration().toMap());
    List<ModuleDirectory> modules = ModuleDirectoryScanner.scan(Path.of(args[0]));
    assemble(env, modules, configuration);
    env.execute(configuration.get(StatefunOptions.JOB_NAME));
  }

  static void assemble(
      StreamExecutionEnvironment env, List<ModuleDirectory> modules, Configuration configuration) {
    StatefunJobAssembler.assemble(env, applicationLoader(modules, configuration), configuration);
  }

  static ApplicationLoader applicationLoader(
      List<ModuleDirectory> modules, Configuration configuration) {
    // only the module folders: the launcher's own class path holds no user modules
    ApplicationLoader.Builder loader =
        ApplicationLoader.builder()
            .discoverModules(false)
            .withGlobalConfiguration(StatefunOptions.globalConfiguration(configuration));
    modules.forEach(loader::withModuleDirectory);
    return loader.build();
  }
}
