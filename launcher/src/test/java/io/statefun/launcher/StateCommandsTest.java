package io.statefun.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code statefun state read|bootstrap|transform} as users type them. */
class StateCommandsTest {
  private static final String ALICE =
      "{\"function\": \"example/greeter\", \"id\": \"alice\", \"values\": {\"seen\":"
          + " {\"type\": \"io.statefun.types/int\", \"value\": 2}}}";
  private static final String CART =
      "{\"function\": \"shop/cart\", \"id\": \"user-17\", \"values\": {\"items\":"
          + " {\"type\": \"com.example/Items\", \"base64\": \"AQID\"}}}";

  @TempDir Path dir;

  @Test
  void eachStateCommandExplainsItself() {
    for (String command : List.of("read", "bootstrap", "transform")) {
      Cli.Result help = Cli.run(Map.of(), "state", command, "--help");
      assertThat(help.exitCode()).as(help.toString()).isZero();
      assertThat(help.out()).contains("Usage: statefun state " + command);
    }
    Cli.Result missing = Cli.run(Map.of(), "state");
    assertThat(missing.exitCode()).isEqualTo(2);
    assertThat(missing.err()).contains("Missing subcommand: read, bootstrap or transform");
  }

  @Test
  void badBootstrapInputNamesTheLineAndWritesNothing() throws Exception {
    Path input = dir.resolve("state.jsonl");
    Files.write(input, List.of(ALICE, "{\"function\": \"example/greeter\", \"id\": "));
    Path output = dir.resolve("savepoint");

    Cli.Result result =
        Cli.run(
            Map.of(),
            "state",
            "bootstrap",
            "--from",
            input.toString(),
            "--output",
            output.toString());

    assertThat(result.exitCode()).as(result.toString()).isEqualTo(1);
    assertThat(result.err()).contains(input + ":2: malformed JSON");
    assertThat(output).doesNotExist();
  }

  @Test
  void anUnknownFunctionIsRefusedWhenModulesAreGiven() throws Exception {
    Path module = Files.createDirectories(dir.resolve("modules/remote"));
    Files.writeString(
        module.resolve("module.yaml"),
        """
        kind: io.statefun.endpoints.v2/http
        spec:
          functions: example/*
          urlPathTemplate: http://functions:8000/statefun
        """);
    Path input = dir.resolve("state.jsonl");
    Files.write(input, List.of(ALICE, CART));

    Cli.Result result =
        Cli.run(
            Map.of(),
            "state",
            "bootstrap",
            "--from",
            input.toString(),
            "--output",
            dir.resolve("savepoint").toString(),
            "--modules",
            dir.resolve("modules").toString());

    assertThat(result.exitCode()).as(result.toString()).isEqualTo(1);
    assertThat(result.err()).contains(":2: unknown function shop/cart: no module binds it");
    assertThat(result.err()).doesNotContain(":1:");
  }

  @Test
  void bootstrappedStateReadsBackAsJsonLinesAndAsATable() throws Exception {
    Path input = dir.resolve("state.jsonl");
    Files.write(input, List.of(ALICE, CART));
    String savepoint = dir.resolve("savepoint").toString();
    Cli.Result bootstrap =
        Cli.run(Map.of(), "state", "bootstrap", "--from", input.toString(), "--output", savepoint);
    assertThat(bootstrap.exitCode()).as(bootstrap.toString()).isZero();

    Cli.Result json = Cli.run(Map.of(), "state", "read", "--savepoint", savepoint);
    Cli.Result table =
        Cli.run(Map.of(), "state", "read", "--savepoint", savepoint, "--format", "table");
    Cli.Result one =
        Cli.run(Map.of(), "state", "read", "--savepoint", savepoint, "--function", "shop/cart");

    assertThat(json.exitCode()).as(json.toString()).isZero();
    assertThat(json.out().lines())
        .containsExactly(
            "{\"function\":\"example/greeter\",\"id\":\"alice\",\"values\":{\"seen\":"
                + "{\"type\":\"io.statefun.types/int\",\"value\":2}}}",
            "{\"function\":\"shop/cart\",\"id\":\"user-17\",\"values\":{\"items\":"
                + "{\"type\":\"com.example/Items\",\"base64\":\"AQID\"}}}");
    assertThat(table.out().lines())
        .containsExactly(
            "FUNCTION         ID       VALUE  TYPE                   CONTENT",
            "example/greeter  alice    seen   io.statefun.types/int  2",
            "shop/cart        user-17  items  com.example/Items      base64:AQID");
    assertThat(one.out().lines()).hasSize(1).allMatch(line -> line.contains("user-17"));
  }

  @Test
  void transformRenamesAndSetsAndReportsABadEditWithoutAStackTrace() throws Exception {
    Path input = dir.resolve("state.jsonl");
    Files.write(input, List.of(ALICE));
    String savepoint = dir.resolve("savepoint").toString();
    assertThat(
            Cli.run(
                    Map.of(),
                    "state",
                    "bootstrap",
                    "--from",
                    input.toString(),
                    "--output",
                    savepoint)
                .exitCode())
        .isZero();
    String edited = dir.resolve("edited").toString();

    Cli.Result transform =
        Cli.run(
            Map.of(),
            "state",
            "transform",
            "--savepoint",
            savepoint,
            "--output",
            edited,
            "--rename-value",
            "example/greeter:seen=visits",
            "--set",
            "example/greeter/alice:visits=7");
    Cli.Result badSet =
        Cli.run(
            Map.of(),
            "state",
            "transform",
            "--savepoint",
            savepoint,
            "--output",
            dir.resolve("never").toString(),
            "--set",
            "example/greeter/alice:seen=\"seven\"");

    assertThat(transform.exitCode()).as(transform.toString()).isZero();
    assertThat(Cli.run(Map.of(), "state", "read", "--savepoint", edited).out())
        .isEqualTo(
            "{\"function\":\"example/greeter\",\"id\":\"alice\",\"values\":{\"visits\":"
                + "{\"type\":\"io.statefun.types/int\",\"value\":7}}}\n");
    assertThat(badSet.exitCode()).isEqualTo(1);
    assertThat(badSet.err())
        .contains(
            "--set example/greeter/alice:seen: \"seven\" is not a value of type"
                + " io.statefun.types/int")
        .doesNotContain("\tat ");
    assertThat(dir.resolve("never")).doesNotExist();
  }

  @Test
  void readingAFolderThatIsNoSavepointSaysSo() throws Exception {
    Cli.Result result =
        Cli.run(
            Map.of(),
            "state",
            "read",
            "--savepoint",
            Files.createDirectories(dir.resolve("empty")).toString());

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.err()).doesNotContain("\tat ");
  }
}
