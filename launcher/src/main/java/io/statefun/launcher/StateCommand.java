package io.statefun.launcher;

import java.io.IOException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code statefun state}: the parent of the commands that read and write savepoint state. */
@Command(
    name = "state",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = {
      "Reads, seeds and edits function state in savepoints, without any function code: embedded",
      "and remote functions alike. A savepoint of statefun local, statefun master or a flink run",
      "deployment is the same job with the same operator uids, so all three work the same way."
    },
    subcommands = {
      StateReadCommand.class,
      StateBootstrapCommand.class,
      StateTransformCommand.class,
      picocli.CommandLine.HelpCommand.class
    })
final class StateCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    throw new ParameterException(
        spec.commandLine(), "Missing subcommand: read, bootstrap or transform");
  }

  /**
   * Runs a subcommand's work: a bad option value, or a path that holds no Stateful Functions
   * savepoint, ends it as a {@link LauncherException} with the same message (no stack trace).
   */
  static int reportingUserErrors(Callable<Integer> work) throws Exception {
    try {
      return work.call();
    } catch (IllegalArgumentException | IOException e) {
      throw new LauncherException(e.getMessage(), e);
    }
  }
}
