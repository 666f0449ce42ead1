package io.statefun.launcher;

import io.statefun.runtime.module.Application;
import io.statefun.runtime.module.ModuleDirectoryScanner;
import io.statefun.savepoint.AddressState;
import io.statefun.savepoint.BootstrapInput;
import io.statefun.savepoint.BootstrapInputException;
import io.statefun.savepoint.FunctionCatalog;
import io.statefun.savepoint.StateBootstrap;
import io.statefun.sdk.TypeName;
import io.statefun.sdk.ValueSpec;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code statefun state bootstrap}: writes a new savepoint from JSON lines. */
@Command(
    name = "bootstrap",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = {
      "Writes a new savepoint holding the given function state, for any function (embedded or",
      "remote). Start a deployment from it with statefun local/master -s PATH or flink run -s PATH.",
      "Input: one address per line,",
      "  {\"function\": \"ns/name\", \"id\": \"...\", \"values\": {\"seen\": {\"type\": \"io.statefun.types/int\", \"value\": 2}}}",
      "built-in io.statefun.types/* values as JSON values, any other type as",
      "  {\"type\": \"...\", \"base64\": \"...\"}.",
      "A value with an expiry (TTL) starts its time when the job starts from the savepoint.",
      "Every line is checked first; a bad line (malformed JSON, a duplicate address, with --modules",
      "an unknown function or a type other than the declared one) is reported with its line number",
      "and nothing is written. Exit code 1 then."
    })
final class StateBootstrapCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(
      names = "--from",
      required = true,
      paramLabel = "FILE.jsonl",
      description = "The state, one JSON object per line.")
  Path from;

  @Option(
      names = "--output",
      required = true,
      paramLabel = "PATH",
      description = "The new savepoint's folder (a local path or a URI); must not exist.")
  String output;

  @Option(
      names = "--max-parallelism",
      paramLabel = "N",
      defaultValue = "" + StateBootstrap.DEFAULT_MAX_PARALLELISM,
      description = {
        "Key groups of the savepoint. Default ${DEFAULT-VALUE}, which is what the job uses unless",
        "pipeline.max-parallelism is set; then give that value."
      })
  int maxParallelism;

  @Option(
      names = "--modules",
      paramLabel = "DIR",
      description = {
        "A modules folder to check the input against: every function must be bound, and every",
        "value a function declares must have its declared type. Without it nothing is checked."
      })
  Path modules;

  @Mixin StateJobEnvironment environment;

  @Override
  public Integer call() throws Exception {
    return StateCommand.reportingUserErrors(this::run);
  }

  private int run() throws Exception {
    FunctionCatalog catalog = modules == null ? FunctionCatalog.ANY : catalog(modules);
    List<AddressState> states;
    try {
      states = BootstrapInput.parse(from, catalog);
    } catch (BootstrapInputException e) {
      spec.commandLine().getErr().println(e.getMessage());
      return 1;
    }
    String path = StateJobEnvironment.savepointUri(output);
    StateBootstrap.write(environment.create(), states, path, maxParallelism);
    spec.commandLine().getOut().println("Wrote " + states.size() + " addresses to " + path);
    return 0;
  }

  private FunctionCatalog catalog(Path folder) {
    Application application =
        StatefunJob.applicationLoader(
                ModuleDirectoryScanner.scan(folder), environment.configuration())
            .load(Thread.currentThread().getContextClassLoader());
    return function -> declaredValues(application, function);
  }

  private static Optional<Map<String, TypeName>> declaredValues(
      Application application, TypeName function) {
    return application
        .functionSpec(function)
        .map(
            spec -> {
              Map<String, TypeName> values = new LinkedHashMap<>();
              for (ValueSpec<?> value : spec.valueSpecs().values()) {
                values.put(value.name(), value.typeName());
              }
              return values;
            });
  }
}
