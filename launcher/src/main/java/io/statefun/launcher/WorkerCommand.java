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
      description =
          "The master's address and RPC port (default: $MASTER_HOST, else jobmanager.rpc.address; port 6123).")
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

  /**
   * Sets the master's address from {@code HOST[:PORT]}; an IPv6 address takes brackets to add a
   * port ({@code [::1]:6123}).
   */
  static void applyMaster(Configuration configuration, String master) {
    String host = master.strip();
    String port = null;
    if (host.startsWith("[")) {
      int close = host.indexOf(']');
      if (close < 0 || (close + 1 < host.length() && host.charAt(close + 1) != ':')) {
        throw new LauncherException(
            "--master " + master + ": expected [IPV6-ADDRESS] or [IPV6-ADDRESS]:PORT");
      }
      port = close + 1 < host.length() ? host.substring(close + 2) : null;
      host = host.substring(1, close);
    } else if (host.indexOf(':') >= 0 && host.indexOf(':') == host.lastIndexOf(':')) {
      port = host.substring(host.indexOf(':') + 1);
      host = host.substring(0, host.indexOf(':'));
    } // more than one colon: an IPv6 address without a port
    if (host.isBlank()) {
      throw new LauncherException("--master " + master + ": the host is missing");
    }
    if (port != null) {
      if (!port.matches("\\d{1,5}")
          || Integer.parseInt(port) == 0
          || Integer.parseInt(port) > 65535) {
        throw new LauncherException(
            "--master " + master + ": the port must be a number from 1 to 65535");
      }
      configuration.setString("jobmanager.rpc.port", port);
    }
    configuration.setString("jobmanager.rpc.address", host);
  }
}
