package io.statefun.launcher;

import io.statefun.runtime.module.ModuleDirectory;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.flink.client.program.PackagedProgram;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.runtime.jobgraph.SavepointRestoreSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code statefun master}: a Flink JobManager that runs the job in application mode. */
@Command(
    name = "master",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = {
      "Starts a Flink JobManager that assembles the job from the modules and runs it (application",
      "mode), with the REST API and web UI on rest.port (8081). Workers join it with",
      "'statefun worker --master HOST'. Stops when the job ends (e.g. stopped with a savepoint)."
    })
final class MasterCommand implements Callable<Integer> {
  private static final Logger LOG = LoggerFactory.getLogger(MasterCommand.class);

  @ParentCommand StatefunCommand parent;
  @Mixin LaunchOptions options;

  @Option(
      names = {"-p", "--parallelism"},
      paramLabel = "N",
      description = "The job's parallelism (parallelism.default).")
  Integer parallelism;

  @Option(
      names = {"-s", "--from-savepoint"},
      paramLabel = "PATH",
      description = "Restore the job's state from this savepoint or retained checkpoint.")
  String savepoint;

  @Option(
      names = {"-n", "--allow-non-restored-state"},
      description = "With -s: accept state in the savepoint that no operator of the job claims.")
  boolean allowNonRestoredState;

  @Override
  public Integer call() throws Exception {
    Map<String, String> environment = parent.environment();
    Configuration configuration = configuration(environment);
    List<ModuleDirectory> modules = options.scanModules(environment);
    Path modulesFolder = options.modulesFolder(environment).toAbsolutePath().normalize();
    String bindHost = configuration.getString("jobmanager.bind-host", null);
    Ports.requireFree(configuration, "jobmanager.rpc.port", bindHost);
    Ports.requireFree(configuration, "blob.server.port", bindHost);
    Ports.requireFree(
        configuration, "rest.port", configuration.getString("rest.bind-address", null));

    SavepointRestoreSettings restore = SavepointRestoreSettings.fromConfiguration(configuration);
    PackagedProgram program =
        PackagedProgram.newBuilder()
            .setEntryPointClassName(StatefunJob.class.getName())
            .setArguments(modulesFolder.toString())
            .setSavepointRestoreSettings(restore)
            .setConfiguration(configuration)
            .build();
    LOG.info(
        "Starting the master on {}:{} (REST and web UI on port {}), modules {} from {}{}",
        configuration.getString("jobmanager.rpc.address", "?"),
        configuration.getString("jobmanager.rpc.port", "?"),
        configuration.getString("rest.port", "?"),
        modules.stream().map(ModuleDirectory::name).toList(),
        modulesFolder,
        restore.restoreSavepoint() ? ", restoring " + restore.getRestorePath() : "");
    EmbeddedJobManager.run(configuration, program); // exits the JVM
    return 0;
  }

  Configuration configuration(Map<String, String> environment) {
    Configuration configuration = options.configuration(environment);
    if (parallelism != null) {
      configuration.setString("parallelism.default", String.valueOf(parallelism));
    }
    if (savepoint != null) {
      SavepointRestoreSettings.toConfiguration(
          SavepointRestoreSettings.forPath(savepoint, allowNonRestoredState), configuration);
    }
    ClusterDefaults.common(configuration, LauncherConfiguration.statefunHome(environment));
    ClusterDefaults.master(configuration);
    return configuration;
  }
}
