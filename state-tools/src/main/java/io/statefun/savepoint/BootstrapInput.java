package io.statefun.savepoint;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.statefun.runtime.inspect.TypedValueJson;
import io.statefun.sdk.Address;
import io.statefun.sdk.TypeName;
import io.statefun.sdk.TypedValue;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Parses bootstrap input: one address per line,
 *
 * <pre>{@code
 * {"function": "example/greeter", "id": "alice", "values": {"seen": {"type": "io.statefun.types/int", "value": 2}}}
 * }</pre>
 *
 * Every line is checked before anything is written: malformed JSON, unknown fields, a function the
 * catalog does not know, a value whose type differs from the declared one (or, without a catalog,
 * from the same value on an earlier line), a duplicate address. All problems are reported at once,
 * each with its file and line.
 */
public final class BootstrapInput {
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
  private static final Set<String> FIELDS = Set.of("function", "id", "values");

  private BootstrapInput() {}

  /** The addresses of {@code file}, in file order. */
  public static List<AddressState> parse(Path file, FunctionCatalog catalog)
      throws IOException, BootstrapInputException {
    List<String> problems = new ArrayList<>();
    List<AddressState> states = new ArrayList<>();
    Map<Address, Integer> lineOfAddress = new HashMap<>();
    Map<String, TypeName> typeOfValue = new HashMap<>();
    Map<String, Integer> lineOfType = new HashMap<>();
    try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      String text;
      int line = 0;
      while ((text = reader.readLine()) != null) {
        line++;
        if (text.isBlank()) {
          continue;
        }
        String where = file + ":" + line + ": ";
        try {
          AddressState state = parseLine(text, catalog);
          Integer earlier = lineOfAddress.putIfAbsent(state.address(), line);
          if (earlier != null) {
            problems.add(
                where + "duplicate address " + state.address() + " (also on line " + earlier + ")");
            continue;
          }
          for (Map.Entry<String, TypedValue> value : state.values().entrySet()) {
            String key = state.address().type().canonical() + " value '" + value.getKey() + "'";
            TypeName type = value.getValue().typeName();
            TypeName first = typeOfValue.putIfAbsent(key, type);
            if (first == null) {
              lineOfType.put(key, line);
            } else if (!first.equals(type)) {
              problems.add(
                  where
                      + key
                      + " is "
                      + type
                      + " here but "
                      + first
                      + " on line "
                      + lineOfType.get(key)
                      + " (one Flink state holds one type)");
            }
          }
          states.add(state);
        } catch (JsonProcessingException e) {
          problems.add(where + "malformed JSON: " + e.getOriginalMessage());
        } catch (IllegalArgumentException e) {
          problems.add(where + e.getMessage());
        }
      }
    }
    if (!problems.isEmpty()) {
      throw new BootstrapInputException(problems);
    }
    return states;
  }

  private static AddressState parseLine(String text, FunctionCatalog catalog)
      throws JsonProcessingException {
    JsonNode node = JSON.readTree(text);
    if (!node.isObject()) {
      throw new IllegalArgumentException(
          "expected an object {\"function\": .., \"id\": .., \"values\": {..}}, got "
              + node.getNodeType());
    }
    for (String field : (Iterable<String>) node::fieldNames) {
      if (!FIELDS.contains(field)) {
        throw new IllegalArgumentException(
            "unknown field '" + field + "' (expected function, id, values)");
      }
    }
    TypeName function = parseFunction(node.get("function"));
    JsonNode id = node.get("id");
    if (id == null || !id.isTextual() || id.asText().isEmpty()) {
      throw new IllegalArgumentException("\"id\" must be a non-empty string");
    }
    JsonNode values = node.get("values");
    if (values == null || !values.isObject()) {
      throw new IllegalArgumentException("\"values\" must be an object of value name to value");
    }
    Optional<Map<String, TypeName>> declared = catalog.declaredValues(function);
    if (declared.isEmpty()) {
      throw new IllegalArgumentException("unknown function " + function + ": no module binds it");
    }
    Map<String, TypedValue> parsed = new TreeMap<>();
    for (Map.Entry<String, JsonNode> value :
        (Iterable<Map.Entry<String, JsonNode>>) values::fields) {
      TypeName declaredType = declared.get().get(value.getKey());
      TypedValue typed;
      try {
        typed = TypedValueJson.fromJson(value.getValue(), declaredType);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("value '" + value.getKey() + "': " + e.getMessage());
      }
      if (declaredType != null && !declaredType.equals(typed.typeName())) {
        throw new IllegalArgumentException(
            "value '"
                + value.getKey()
                + "' is given as "
                + typed.typeName()
                + ", but "
                + function
                + " declares it as "
                + declaredType);
      }
      parsed.put(value.getKey(), typed);
    }
    return AddressState.ofValues(new Address(function, id.asText()), parsed);
  }

  private static TypeName parseFunction(JsonNode function) {
    if (function == null || !function.isTextual()) {
      throw new IllegalArgumentException("\"function\" must be a string like example/greeter");
    }
    try {
      return TypeName.parse(function.asText());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("\"function\": " + e.getMessage());
    }
  }
}
