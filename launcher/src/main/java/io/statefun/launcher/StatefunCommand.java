package io.statefun.launcher;

import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code statefun}: the parent of the subcommands. */
@Command(
    name = "statefun",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description =
        "Stateful Functions on Apache Flink 2: run or describe the modules of a modules folder,"
            + " or read and seed function state in savepoints.",
    footer = {
      "",
      "Without a subcommand, environment ROLE=master|worker picks one (the image convention),",
      "with MASTER_HOST naming the master."
    },
    subcommands = {
      LocalCommand.class,
      MasterCommand.class,
      WorkerCommand.class,
      DescribeCommand.class,
      StateCommand.class,
      ClassArchiveCommand.class,
      picocli.CommandLine.HelpCommand.class
    })
final class StatefunCommand implements Runnable {
  private final Map<String, String> environment;
  @Spec CommandSpec spec;

  StatefunCommand(Map<String, String> environment) {
    this.environment = environment;
  }

  Map<String, String> environment() {
    return environment;
  }

  @Override
  public void run() {
    // this command line's own, so the usage goes where its output is configured to go
    throw new ParameterException(
        spec.commandLine(), "Missing subcommand: local, master, worker, describe or state");
  }
}
