package io.statefun.runtime.module;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * Splits a {@code module.yaml} text into its documents ({@code ---}), each a tree with the line of
 * every node. Empty documents are skipped; a key written twice in one mapping is an error, since
 * one of the two values would be silently lost. Aliases ({@code *name}) are refused: Jackson does
 * not expand them (it reads the anchor's name as a string), so a value would silently be wrong;
 * refusing them also makes an alias bomb cost nothing. A text longer than {@link #MAX_CHARS} is
 * refused before it is parsed.
 */
final class YamlDocuments {
  private static final YAMLFactory YAML = new YAMLFactory();
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  /**
   * The longest {@code module.yaml} read, in characters: far beyond any real one, and refused at
   * once rather than after SnakeYAML has scanned it up to its own limit of 3 Mi code points.
   */
  static final int MAX_CHARS = 1 << 20;

  private final String location;
  private final JsonParser parser;
  private Map<String, Integer> lines;

  private YamlDocuments(String location, JsonParser parser) {
    this.location = location;
    this.parser = parser;
  }

  static List<LocatedYaml> read(ModuleYaml yaml) {
    String location = yaml.location();
    if (yaml.content().length() > MAX_CHARS) {
      throw tooLarge(location, yaml.content().length() + " characters");
    }
    try (JsonParser parser = YAML.createParser(yaml.content())) {
      return new YamlDocuments(location, parser).documents();
    } catch (JsonProcessingException e) {
      throw syntaxError(location, e);
    } catch (IOException e) {
      throw new ModuleLoadingException("Cannot read " + location + ": " + e.getMessage(), e);
    }
  }

  static ModuleLoadingException tooLarge(String location, String size) {
    return new ModuleLoadingException(
        location + ": the file is " + size + "; a module.yaml may hold at most " + MAX_CHARS);
  }

  /** SnakeYAML's problem and the line it is on, without its multi-line excerpt of the file. */
  private static ModuleLoadingException syntaxError(String location, JsonProcessingException e) {
    for (Throwable cause = e; cause != null; cause = cause.getCause()) {
      if (cause instanceof MarkedYAMLException marked && marked.getProblemMark() != null) {
        String context = marked.getContext() == null ? "" : marked.getContext() + ": ";
        return ModuleYamlReader.error(
            location, marked.getProblemMark().getLine() + 1, context + marked.getProblem());
      }
    }
    return ModuleYamlReader.error(location, line(e.getLocation()), e.getOriginalMessage());
  }

  private List<LocatedYaml> documents() throws IOException {
    List<LocatedYaml> documents = new ArrayList<>();
    while (parser.nextToken() != null) {
      if (parser.currentToken() == JsonToken.VALUE_NULL) {
        continue; // an empty document
      }
      lines = new HashMap<>();
      lines.put("", line(parser.currentTokenLocation()));
      JsonNode root = value("");
      documents.add(new LocatedYaml(root, "", lines));
    }
    return documents;
  }

  /** Reads the value at the current token; {@code pointer} names it for the line index. */
  private JsonNode value(String pointer) throws IOException {
    if (parser instanceof YAMLParser yaml && yaml.isCurrentAlias()) {
      throw ModuleYamlReader.error(
          location,
          line(parser.currentTokenLocation()),
          "aliases (*"
              + parser.getText()
              + ") are not supported in a module.yaml; write the value out");
    }
    switch (parser.currentToken()) {
      case START_OBJECT -> {
        ObjectNode object = NODES.objectNode();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
          String field = parser.currentName();
          int fieldLine = line(parser.currentTokenLocation());
          if (object.has(field)) {
            throw ModuleYamlReader.error(location, fieldLine, "'" + field + "' is given twice");
          }
          String childPointer = pointer + "/" + LocatedYaml.escape(field);
          lines.put(childPointer, fieldLine);
          parser.nextToken();
          object.set(field, value(childPointer));
        }
        return object;
      }
      case START_ARRAY -> {
        ArrayNode array = NODES.arrayNode();
        int index = 0;
        while (parser.nextToken() != JsonToken.END_ARRAY) {
          String childPointer = pointer + "/" + index++;
          lines.put(childPointer, line(parser.currentTokenLocation()));
          array.add(value(childPointer));
        }
        return array;
      }
      case VALUE_STRING -> {
        return NODES.textNode(parser.getText());
      }
      case VALUE_NUMBER_INT -> {
        return switch (parser.getNumberType()) {
          case INT -> NODES.numberNode(parser.getIntValue());
          case LONG -> NODES.numberNode(parser.getLongValue());
          default -> NODES.numberNode(parser.getBigIntegerValue());
        };
      }
      case VALUE_NUMBER_FLOAT -> {
        return parser.getNumberType() == JsonParser.NumberType.BIG_DECIMAL
            ? NODES.numberNode(parser.getDecimalValue())
            : NODES.numberNode(parser.getDoubleValue());
      }
      case VALUE_TRUE -> {
        return NODES.booleanNode(true);
      }
      case VALUE_FALSE -> {
        return NODES.booleanNode(false);
      }
      case VALUE_NULL -> {
        return NODES.nullNode();
      }
      case VALUE_EMBEDDED_OBJECT -> {
        Object embedded = parser.getEmbeddedObject();
        return embedded instanceof byte[] bytes
            ? NODES.binaryNode(bytes)
            : NODES.pojoNode(embedded);
      }
      default ->
          throw ModuleYamlReader.error(
              location, line(parser.currentTokenLocation()), "unexpected " + parser.currentToken());
    }
  }

  static int line(JsonLocation location) {
    return location == null ? 0 : location.getLineNr();
  }
}
