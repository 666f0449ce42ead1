package io.statefun.launcher;

import io.statefun.savepoint.AddressFilter;
import io.statefun.savepoint.AddressState;
import io.statefun.savepoint.StateOutput;
import io.statefun.savepoint.StateReader;
import io.statefun.sdk.TypeName;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code statefun state read}: prints the function state of a savepoint or retained checkpoint. */
@Command(
    name = "read",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = {
      "Prints the state of every function address in a savepoint (or a retained checkpoint):",
      "its values, the delayed messages it sent that are still pending, messages queued for it,",
      "and the idempotency keys of requests to it (with their reply, or the requests waiting).",
      "Built-in io.statefun.types/* values print as JSON values, other types as type + base64.",
      "--format json (default) prints one JSON object per line, for jq; a line with only values",
      "is valid input for statefun state bootstrap."
    },
    footer = {
      "",
      "Example:",
      "  statefun state read --savepoint /savepoints/savepoint-3c5a1f-0f9e5ad2b1c4 \\",
      "      --function example/greeter | jq '.values.seen.value'"
    })
final class StateReadCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(
      names = "--savepoint",
      required = true,
      paramLabel = "PATH",
      description = "The savepoint or retained checkpoint folder (a local path or a URI).")
  String savepoint;

  @Option(
      names = "--function",
      paramLabel = "ns/name",
      description = "Only addresses of this function type.")
  String function;

  @Option(names = "--id", paramLabel = "ID", description = "Only addresses with this id.")
  String id;

  @Option(
      names = "--format",
      paramLabel = "json|table",
      defaultValue = "json",
      description = "json: one object per address and line (default); table: for people.")
  Format format;

  @Mixin StateJobEnvironment environment;

  enum Format {
    json,
    table
  }

  @Override
  public Integer call() throws Exception {
    return StateCommand.reportingUserErrors(this::run);
  }

  private int run() throws Exception {
    AddressFilter filter = AddressFilter.of(function == null ? null : TypeName.parse(function), id);
    List<AddressState> states =
        new StateReader(environment.create())
            .read(StateJobEnvironment.savepointUri(savepoint), filter);
    PrintWriter out = spec.commandLine().getOut();
    if (format == Format.table) {
      StateOutput.table(states).forEach(out::println);
    } else {
      states.forEach(state -> out.println(StateOutput.jsonLine(state)));
    }
    out.flush();
    return 0;
  }
}
