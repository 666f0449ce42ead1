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
      "'statefun worker --master HOST'. Stops when the job ends (e.g. stopped with a savepoint).",
      "Started again, it resumes from the job's newest complete checkpoint or savepoint (found by",
      "the job's name); -s PATH restores another one, --fresh starts without state."
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

  @Mixin RestoreOptions restore;

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

    String start = restore.resolve(configuration);
    PackagedProgram program =
        PackagedProgram.newBuilder()
            .setEntryPointClassName(StatefunJob.class.getName())
            .setArguments(modulesFolder.toString())
            .setSavepointRestoreSettings(SavepointRestoreSettings.fromConfiguration(configuration))
            .setConfiguration(configuration)
            .build();
    LOG.info(
        "Starting the master on {}:{} (REST and web UI on port {}), modules {} from {}; {}",
        configuration.getString("jobmanager.rpc.address", "?"),
        configuration.getString("jobmanager.rpc.port", "?"),
        configuration.getString("rest.port", "?"),
        modules.stream().map(ModuleDirectory::name).toList(),
        modulesFolder,
        start);
    EmbeddedJobManager.run(configuration, program); // exits the JVM
    return 0;
  }

  Configuration configuration(Map<String, String> environment) {
    Configuration configuration = options.configuration(environment);
    if (parallelism != null) {
      configuration.setString("parallelism.default", String.valueOf(parallelism));
    }
    restore.applyExplicit(configuration);
    ClusterDefaults.common(configuration, LauncherConfiguration.statefunHome(environment));
    ClusterDefaults.master(configuration);
    return configuration;
  }
}
