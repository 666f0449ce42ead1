package io.statefun.launcher;

import io.statefun.runtime.module.ModuleDirectory;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.plugin.PluginUtils;
import org.apache.flink.runtime.clusterframework.TaskExecutorProcessSpec;
import org.apache.flink.runtime.clusterframework.TaskExecutorProcessUtils;
import org.apache.flink.runtime.taskexecutor.TaskManagerRunner;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code statefun worker}: a Flink TaskManager that joins the master. */
@Command(
    name = "worker",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = {
      "Starts a Flink TaskManager that joins the master and runs the job's tasks. It needs the",
      "same modules folder as the master; a module that differs fails the tasks with a message",
      "naming it."
    })
final class WorkerCommand implements Callable<Integer> {
  private static final Logger LOG = LoggerFactory.getLogger(WorkerCommand.class);
  private static final Pattern DYNAMIC_PROPERTY = Pattern.compile("-D\\s*([^=\\s]+)=(\\S*)");

  @ParentCommand StatefunCommand parent;
  @Mixin LaunchOptions options;

  @Option(
      names = "--master",
      paramLabel = "HOST[:PORT]",
      description = "The master's address and RPC port (default: $MASTER_HOST, else jobmanager.rpc.address; port 6123).")
  String master;

  @Override
  public Integer call() throws Exception {
    Map<String, String> environment = parent.environment();
    List<ModuleDirectory> modules = options.scanModules(environment);
    Configuration configuration = configuration(environment);
    LOG.info(
        "Starting a worker for the master at {}:{} with {} slots, modules {} from {}",
        configuration.getString("jobmanager.rpc.address", "?"),
        configuration.getString("jobmanager.rpc.port", "?"),
        configuration.getString("taskmanager.numberOfTaskSlots", "?"),
        modules.stream().map(ModuleDirectory::name).toList(),
        options.modulesFolder(environment).toAbsolutePath().normalize());
    return TaskManagerRunner.runTaskManager(
        configuration, PluginUtils.createPluginManagerFromRootFolder(configuration));
  }

  Configuration configuration(Map<String, String> environment) {
    Configuration configuration = options.configuration(environment);
    if (master != null) {
      applyMaster(configuration, master);
    }
    ClusterDefaults.common(configuration, LauncherConfiguration.statefunHome(environment));
    ClusterDefaults.worker(configuration);
    // what Flink's start scripts derive from taskmanager.memory.process.size before starting a TM
    TaskExecutorProcessSpec memory = TaskExecutorProcessUtils.processSpecFromConfig(configuration);
    Matcher property =
        DYNAMIC_PROPERTY.matcher(TaskExecutorProcessUtils.generateDynamicConfigsStr(memory));
    while (property.find()) {
      configuration.setString(property.group(1), property.group(2));
    }
    return configuration;
  }

  static void applyMaster(Configuration configuration, String master) {
    String host = master;
    int colon = master.lastIndexOf(':');
    if (colon > 0 && master.indexOf(':') == colon) {
      String port = master.substring(colon + 1);
      if (!port.matches("\\d{1,5}")) {
        throw new LauncherException("--master " + master + ": the port must be a number");
      }
      host = master.substring(0, colon);
      configuration.setString("jobmanager.rpc.port", port);
    }
    if (host.isBlank()) {
      throw new LauncherException("--master " + master + ": the host is missing");
    }
    configuration.setString("jobmanager.rpc.address", host);
  }
}
