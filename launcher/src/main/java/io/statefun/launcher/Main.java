package io.statefun.launcher;

import java.util.List;
import java.util.Map;
import picocli.CommandLine;

/**
 * Entry point of {@code bin/statefun}. With no subcommand, follows the StateFun image convention:
 * environment {@code ROLE=master|worker} picks the role (and {@code MASTER_HOST} the master).
 */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    System.exit(run(args, System.getenv()));
  }

  static int run(String[] args, Map<String, String> environment) {
    String[] effective = withRoleFromEnvironment(args, environment);
    if (effective == null) {
      System.err.println(
          "statefun: ROLE must be 'master' or 'worker' (it is '"
              + environment.get("ROLE")
              + "'); or give a subcommand: statefun --help");
      return 2;
    }
    return commandLine(environment).execute(effective);
  }

  static CommandLine commandLine(Map<String, String> environment) {
    CommandLine commandLine = new CommandLine(new StatefunCommand(environment));
    commandLine.setExecutionExceptionHandler(
        (e, cmd, parsed) -> {
          cmd.getErr()
              .println("statefun " + cmd.getCommandName() + ": " + LauncherException.describe(e));
          if (!LauncherException.isUserFacing(e)) {
            e.printStackTrace(cmd.getErr());
          }
          return 1;
        });
    return commandLine;
  }

  /** The arguments to run: as given, or the ROLE's subcommand in front of them (null: bad ROLE). */
  static String[] withRoleFromEnvironment(String[] args, Map<String, String> environment) {
    boolean hasSubcommand =
        args.length > 0
            && List.of("local", "master", "worker", "describe", "state", "help").contains(args[0]);
    boolean asksForInfo =
        args.length > 0 && List.of("--help", "-h", "--version", "-V").contains(args[0]);
    String role = environment.get("ROLE");
    if (hasSubcommand || asksForInfo || role == null || role.isBlank()) {
      return args;
    }
    if (!role.equals("master") && !role.equals("worker")) {
      return null;
    }
    String[] withRole = new String[args.length + 1];
    withRole[0] = role;
    System.arraycopy(args, 0, withRole, 1, args.length);
    return withRole;
  }
}
