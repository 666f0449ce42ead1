package io.statefun.launcher;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import picocli.CommandLine;

/**
 * Runs the {@code statefun} command line in this JVM with a given environment, capturing its
 * output.
 */
final class Cli {
  private Cli() {}

  record Result(int exitCode, String out, String err) {
    @Override
    public String toString() {
      return "exit " + exitCode + "\n--- out:\n" + out + "--- err:\n" + err;
    }
  }

  static Result run(Map<String, String> environment, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine commandLine = Main.commandLine(environment);
    commandLine.setOut(new PrintWriter(out, true));
    commandLine.setErr(new PrintWriter(err, true));
    int exitCode = commandLine.execute(args);
    return new Result(exitCode, out.toString(), err.toString());
  }

  /** The subcommand object {@code args} parse into, with its options set, not run. */
  @SuppressWarnings("unchecked")
  static <T> T parse(Map<String, String> environment, String... args) {
    CommandLine.ParseResult parsed = Main.commandLine(environment).parseArgs(args);
    return (T) parsed.subcommand().commandSpec().userObject();
  }
}
