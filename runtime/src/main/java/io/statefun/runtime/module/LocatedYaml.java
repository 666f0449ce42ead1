package io.statefun.runtime.module;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.HashMap;
import java.util.Map;

/**
 * A node of a parsed YAML document together with the line of every node under it, so that anything
 * found wrong in a tree (a typo in a spec, a missing legacy field) is reported at its own line.
 * Pointers are JSON pointers ({@code /module/spec/endpoints/0}) relative to the document; a node
 * without a recorded line reports its nearest ancestor's.
 */
final class LocatedYaml {
  private final JsonNode node;
  private final String pointer;
  private final Map<String, Integer> lines;

  LocatedYaml(JsonNode node, String pointer, Map<String, Integer> lines) {
    this.node = node;
    this.pointer = pointer;
    this.lines = lines;
  }

  JsonNode node() {
    return node;
  }

  /** The line of this node (of its key, for a mapping value). */
  int line() {
    return lineOf(pointer);
  }

  /** The line of the node at {@code relativePointer} below this one, or of its nearest ancestor. */
  int lineBelow(String relativePointer) {
    return lineOf(pointer + relativePointer);
  }

  private int lineOf(String absolutePointer) {
    String at = absolutePointer;
    while (true) {
      Integer line = lines.get(at);
      if (line != null) {
        return line;
      }
      if (at.isEmpty()) {
        return 0;
      }
      at = at.substring(0, at.lastIndexOf('/'));
    }
  }

  /** The value of {@code field} of this mapping; a missing node if there is none. */
  LocatedYaml field(String field) {
    JsonNode child = node.isObject() ? node.get(field) : null;
    return new LocatedYaml(
        child == null ? MissingNode.getInstance() : child, pointer + "/" + escape(field), lines);
  }

  /** The {@code index}th element of this sequence; a missing node if there is none. */
  LocatedYaml element(int index) {
    JsonNode child = node.isArray() ? node.get(index) : null;
    return new LocatedYaml(
        child == null ? MissingNode.getInstance() : child, pointer + "/" + index, lines);
  }

  /**
   * A copy of this mapping with {@code field} set to {@code value}, which is reported at the line
   * of {@code origin} (where the value was written in the file).
   */
  LocatedYaml withField(String field, JsonNode value, LocatedYaml origin) {
    ObjectNode copy = ((ObjectNode) node).deepCopy();
    copy.set(field, value);
    Map<String, Integer> copiedLines = new HashMap<>(lines);
    copiedLines.put(pointer + "/" + escape(field), origin.line());
    return new LocatedYaml(copy, pointer, copiedLines);
  }

  static String escape(String field) {
    return field.replace("~", "~0").replace("/", "~1");
  }
}
