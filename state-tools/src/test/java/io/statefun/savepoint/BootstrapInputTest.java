package io.statefun.savepoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.statefun.sdk.Address;
import io.statefun.sdk.TypeName;
import io.statefun.sdk.TypedValue;
import io.statefun.sdk.Types;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BootstrapInputTest {
  private static final TypeName GREETER = TypeName.parse("example/greeter");
  private static final FunctionCatalog GREETER_ONLY =
      function ->
          function.equals(GREETER)
              ? Optional.of(Map.of("seen", Types.INT.typeName()))
              : Optional.empty();

  @TempDir Path dir;

  @Test
  void linesBecomeAddressesWithTypedValues() throws Exception {
    List<AddressState> states =
        parse(
            FunctionCatalog.ANY,
            "{\"function\": \"example/greeter\", \"id\": \"alice\", \"values\": {\"seen\":"
                + " {\"type\": \"io.statefun.types/int\", \"value\": 2}}}",
            "",
            "{\"function\": \"shop/cart\", \"id\": \"user-17\", \"values\": {\"items\":"
                + " {\"type\": \"com.example/Items\", \"base64\": \"AQID\"}, \"note\":"
                + " {\"type\": \"io.statefun.types/string\", \"value\": \"hi\"}}}");

    assertThat(states).hasSize(2);
    assertThat(states.get(0).address()).isEqualTo(new Address(GREETER, "alice"));
    assertThat(states.get(0).values().get("seen").as(Types.INT)).isEqualTo(2);
    assertThat(states.get(1).values().get("items"))
        .isEqualTo(new TypedValue(TypeName.parse("com.example/Items"), new byte[] {1, 2, 3}));
    assertThat(states.get(1).values().get("note").as(Types.STRING)).isEqualTo("hi");
  }

  @Test
  void aLineWithOnlyValuesThatReadPrintsIsBootstrapInput() throws Exception {
    AddressState state =
        AddressState.ofValues(
            new Address(GREETER, "bob"),
            Map.of(
                "seen", TypedValue.of(Types.INT, 2),
                "ratio", TypedValue.of(Types.DOUBLE, 0.5),
                "blob", new TypedValue(TypeName.parse("com.example/Blob"), new byte[] {9})));

    assertThat(parse(FunctionCatalog.ANY, StateOutput.jsonLine(state))).containsExactly(state);
  }

  @Test
  void malformedJsonNamesItsLine() {
    assertProblems(
        FunctionCatalog.ANY,
        List.of(
            "{\"function\": \"example/greeter\", \"id\": \"a\", \"values\": {}}",
            "{\"function\": \"example/greeter\", \"id\": \"b\", \"values\": {"),
        ":2: malformed JSON");
  }

  @Test
  void anUnknownFunctionNamesItsLineWhenModulesAreGiven() {
    assertProblems(
        GREETER_ONLY,
        List.of("{\"function\": \"example/nobody\", \"id\": \"a\", \"values\": {}}"),
        ":1: unknown function example/nobody: no module binds it");
  }

  @Test
  void aTypeOtherThanTheDeclaredOneNamesItsLine() {
    assertProblems(
        GREETER_ONLY,
        List.of(
            "{\"function\": \"example/greeter\", \"id\": \"a\", \"values\": {\"seen\":"
                + " {\"type\": \"io.statefun.types/long\", \"value\": 2}}}"),
        ":1: value 'seen' is given as io.statefun.types/long, but example/greeter declares it as"
            + " io.statefun.types/int");
  }

  @Test
  void aValueThatIsNotOfItsTypeNamesItsLine() {
    assertProblems(
        FunctionCatalog.ANY,
        List.of(
            "{\"function\": \"example/greeter\", \"id\": \"a\", \"values\": {\"seen\":"
                + " {\"type\": \"io.statefun.types/int\", \"value\": \"three\"}}}"),
        ":1: value 'seen': \"three\" is not a value of type io.statefun.types/int");
  }

  @Test
  void aDuplicateAddressNamesBothLines() {
    String line = "{\"function\": \"example/greeter\", \"id\": \"a\", \"values\": {}}";
    assertProblems(
        FunctionCatalog.ANY,
        List.of(line, line),
        ":2: duplicate address example/greeter/a (also on line 1)");
  }

  @Test
  void oneValueWithTwoTypesAcrossLinesIsRefusedWithoutModules() {
    assertProblems(
        FunctionCatalog.ANY,
        List.of(
            "{\"function\": \"example/greeter\", \"id\": \"a\", \"values\": {\"seen\":"
                + " {\"type\": \"io.statefun.types/int\", \"value\": 1}}}",
            "{\"function\": \"example/greeter\", \"id\": \"b\", \"values\": {\"seen\":"
                + " {\"type\": \"io.statefun.types/long\", \"value\": 1}}}"),
        ":2: example/greeter value 'seen' is io.statefun.types/long here but"
            + " io.statefun.types/int on line 1");
  }

  @Test
  void unknownFieldsAreProblems() {
    assertProblems(
        FunctionCatalog.ANY,
        List.of("{\"function\": \"example/greeter\", \"id\": \"a\", \"valeus\": {}}"),
        ":1: unknown field 'valeus'");
  }

  private List<AddressState> parse(FunctionCatalog catalog, String... lines) throws Exception {
    Path file = dir.resolve("input.jsonl");
    Files.write(file, List.of(lines));
    return BootstrapInput.parse(file, catalog);
  }

  private void assertProblems(FunctionCatalog catalog, List<String> lines, String problem) {
    assertThatThrownBy(() -> parse(catalog, lines.toArray(String[]::new)))
        .isInstanceOf(BootstrapInputException.class)
        .hasMessageContaining("input.jsonl" + problem)
        .hasMessageContaining("nothing written");
  }
}
