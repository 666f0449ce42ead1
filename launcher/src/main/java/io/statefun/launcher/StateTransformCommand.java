package io.statefun.launcher;

import io.statefun.savepoint.StateEdit;
import io.statefun.savepoint.StateTransformer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code statefun state transform}: writes an edited copy of a savepoint. */
@Command(
    name = "transform",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = {
      "Writes a new savepoint: the input's state with the given edits, applied in this order:",
      "every --drop-function, every --rename-value, every --set. The input is never changed.",
      "State of other operators (ingress positions, egress transactions) is copied as it is, and",
      "so is every other part of the functions' state (pending messages, idempotency keys).",
      "Values and idempotency keys with an expiry (TTL) start their time again when the job",
      "starts from the output."
    },
    footer = {
      "",
      "Example:",
      "  statefun state transform --savepoint /savepoints/sp-1 --output /savepoints/sp-1-fixed \\",
      "      --drop-function shop/old-cart --rename-value shop/cart:items=lines \\",
      "      --set 'shop/cart/user-17:total={\"type\":\"io.statefun.types/long\",\"value\":0}'"
    })
final class StateTransformCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(
      names = "--savepoint",
      required = true,
      paramLabel = "IN",
      description = "The savepoint or retained checkpoint to read (a local path or a URI).")
  String input;

  @Option(
      names = "--output",
      required = true,
      paramLabel = "OUT",
      description = "The new savepoint's folder; must not exist.")
  String output;

  @Option(
      names = "--drop-function",
      paramLabel = "ns/name",
      description = "Drops every address of the function: values and pending messages.")
  List<String> dropFunctions = new ArrayList<>();

  @Option(
      names = "--rename-value",
      paramLabel = "ns/name:old=new",
      description = "Renames a value of every address of the function; its type stays.")
  List<String> renameValues = new ArrayList<>();

  @Option(
      names = "--set",
      paramLabel = "ns/name/id:value=JSON",
      description = {
        "Sets one value of one address (the id is what follows the last '/'). JSON is a value",
        "of the type the savepoint stores it as, or {\"type\": .., \"value\"|\"base64\": ..}."
      })
  List<String> sets = new ArrayList<>();

  @Mixin StateJobEnvironment environment;

  @Override
  public Integer call() throws Exception {
    return StateCommand.reportingUserErrors(this::run);
  }

  private int run() throws Exception {
    List<StateEdit> edits = new ArrayList<>();
    dropFunctions.forEach(f -> edits.add(StateEdit.parseDropFunction(f)));
    renameValues.forEach(r -> edits.add(StateEdit.parseRenameValue(r)));
    sets.forEach(s -> edits.add(StateEdit.parseSet(s)));
    String in = StateJobEnvironment.savepointUri(input);
    String out = StateJobEnvironment.savepointUri(output);
    new StateTransformer(environment.create()).transform(in, out, edits);
    spec.commandLine()
        .getOut()
        .println("Wrote " + out + " (from " + in + ", " + edits.size() + " edits)");
    return 0;
  }
}
