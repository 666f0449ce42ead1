package io.statefun.launcher;

import io.statefun.runtime.config.StatefunOptions;
import io.statefun.runtime.module.ModuleDirectory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code statefun local}: the whole job on a Flink cluster inside this JVM. */
@Command(
    name = "local",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = {
      "Runs the modules on a Flink cluster inside this process, with the web UI on rest.port",
      "(8081), until interrupted. For trying things out: binds 127.0.0.1, checkpoints every second."
    })
final class LocalCommand implements Callable<Integer> {
  private static final Logger LOG = LoggerFactory.getLogger(LocalCommand.class);

  @ParentCommand StatefunCommand parent;
  @Mixin LaunchOptions options;
  @Mixin RestoreOptions restore;

  @Option(
      names = {"-p", "--parallelism"},
      paramLabel = "N",
      description = "The job's parallelism (default 1).")
  Integer parallelism;

  @Option(
      names = "--state-dir",
      paramLabel = "DIR",
      description =
          "Where checkpoints go (default: a new temporary folder). Started again with the same"
              + " folder, the job resumes from its newest checkpoint (--fresh: without state).")
  Path stateDir;

  @Override
  public Integer call() throws Exception {
    Map<String, String> environment = parent.environment();
    List<ModuleDirectory> modules = options.scanModules(environment);
    Configuration configuration = options.configuration(environment);
    if (parallelism != null) {
      configuration.setString("parallelism.default", String.valueOf(parallelism));
    }
    Path state = stateDir != null ? stateDir : Files.createTempDirectory("statefun-local-");
    LauncherConfiguration.setDefault(
        configuration,
        "execution.checkpointing.dir",
        state.toAbsolutePath().resolve("checkpoints").toUri().toString());
    LauncherConfiguration.setDefault(
        configuration,
        "execution.checkpointing.savepoint-dir",
        state.toAbsolutePath().resolve("savepoints").toUri().toString());
    ClusterDefaults.local(configuration);
    ClusterDefaults.common(configuration, state);
    restore.applyExplicit(configuration);
    String start = restore.resolve(configuration);
    Ports.requireFree(
        configuration, "rest.port", configuration.getString("rest.bind-address", null));

    StreamExecutionEnvironment env =
        StreamExecutionEnvironment.createLocalEnvironmentWithWebUI(configuration);
    StatefunJob.assemble(env, modules, configuration);
    JobClient job = env.executeAsync(configuration.get(StatefunOptions.JOB_NAME));
    Thread stopper =
        new Thread(
            () -> {
              LOG.info("Stopping: cancelling job {}", job.getJobID());
              try {
                job.cancel().get(30, TimeUnit.SECONDS);
              } catch (Exception e) {
                LOG.warn("Could not cancel job {} cleanly: {}", job.getJobID(), e.toString());
              }
            },
            "statefun-local-shutdown");
    Runtime.getRuntime().addShutdownHook(stopper);
    LOG.info(
        "Running job {} locally ({}): modules {}, web UI http://{}:{}, checkpoints in {};"
            + " Ctrl-C stops",
        job.getJobID(),
        start,
        modules.stream().map(ModuleDirectory::name).toList(),
        configuration.getString("rest.address", "127.0.0.1"),
        configuration.getString("rest.port", "8081"),
        configuration.getString("execution.checkpointing.dir", "?"));
    var status = job.getJobExecutionResult().handle((result, failure) -> failure).get();
    try {
      Runtime.getRuntime().removeShutdownHook(stopper);
    } catch (IllegalStateException shuttingDown) {
      return 0; // stopped by a signal: the hook cancelled the job
    }
    if (status != null) {
      throw new LauncherException("The job failed: " + LauncherException.describe(status), status);
    }
    return 0;
  }
}
