package io.statefun.runtime.inspect;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.statefun.sdk.Type;
import io.statefun.sdk.TypeName;
import io.statefun.sdk.TypedValue;
import io.statefun.sdk.Types;
import java.util.Base64;
import org.apache.flink.annotation.Internal;
import org.jspecify.annotations.Nullable;

/**
 * A typed value as JSON: {@code {"type": "io.statefun.types/int", "value": 3}} for the built-in
 * types, {@code {"type": "com.example/Cart", "base64": "..."}} for any other (protobuf, JSON or
 * custom bytes, as the function encoded them). The one JSON form of values, shared by the savepoint
 * tools and the live state endpoint.
 */
@Internal
public final class TypedValueJson {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private TypedValueJson() {}

  public static ObjectNode toJson(TypedValue value) {
    ObjectNode node = NODES.objectNode();
    node.put("type", value.typeName().canonical());
    Type<?> builtIn = Types.builtIn(value.typeName());
    if (builtIn == null) {
      node.put("base64", Base64.getEncoder().encodeToString(value.value()));
      return node;
    }
    Object decoded = builtIn.deserialize(value.value());
    if (decoded instanceof Boolean b) {
      node.put("value", b);
    } else if (decoded instanceof Integer i) {
      node.put("value", i);
    } else if (decoded instanceof Long l) {
      node.put("value", l);
    } else if (decoded instanceof Float f) {
      node.put("value", f);
    } else if (decoded instanceof Double d) {
      node.put("value", d);
    } else {
      node.put("value", (String) decoded);
    }
    return node;
  }

  /** The value's content for a human: the built-in value, or the type's bytes in base64. */
  public static String display(TypedValue value) {
    JsonNode json = toJson(value);
    return json.has("value")
        ? json.get("value").toString()
        : "base64:" + json.get("base64").asText();
  }

  /**
   * Parses {@code {"type": .., "value": ..}} or {@code {"type": .., "base64": ..}}; with {@code
   * defaultType} (not null), also a bare JSON value of that type.
   *
   * @throws IllegalArgumentException naming what is wrong
   */
  public static TypedValue fromJson(JsonNode node, @Nullable TypeName defaultType) {
    TypeName type;
    JsonNode value;
    if (node.isObject() && node.has("type")) {
      for (String field : (Iterable<String>) node::fieldNames) {
        if (!field.equals("type") && !field.equals("value") && !field.equals("base64")) {
          throw new IllegalArgumentException(
              "unknown field '" + field + "' in a value (expected type, value or base64)");
        }
      }
      type = parseType(node.get("type"));
      if (node.has("base64") == node.has("value")) {
        throw new IllegalArgumentException(
            "a value has either \"value\" (built-in types) or \"base64\", got " + node);
      }
      if (node.has("base64")) {
        if (!node.get("base64").isTextual()) {
          throw new IllegalArgumentException("\"base64\" must be a string, got " + node);
        }
        try {
          return new TypedValue(type, Base64.getDecoder().decode(node.get("base64").asText()));
        } catch (IllegalArgumentException e) {
          throw new IllegalArgumentException("\"base64\" is not base64: " + e.getMessage());
        }
      }
      value = node.get("value");
    } else if (defaultType != null) {
      type = defaultType;
      value = node;
    } else {
      throw new IllegalArgumentException(
          "a value is {\"type\": .., \"value\": ..} or {\"type\": .., \"base64\": ..}, got "
              + node);
    }
    Type<?> builtIn = Types.builtIn(type);
    if (builtIn == null) {
      throw new IllegalArgumentException(
          type + " is not a built-in type (io.statefun.types/...): give its bytes as \"base64\"");
    }
    return new TypedValue(type, encode(builtIn, value));
  }

  private static TypeName parseType(JsonNode type) {
    if (!type.isTextual()) {
      throw new IllegalArgumentException("\"type\" must be a string like io.statefun.types/int");
    }
    try {
      return TypeName.parse(type.asText());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("\"type\": " + e.getMessage());
    }
  }

  private static byte[] encode(Type<?> type, JsonNode value) {
    TypeName name = type.typeName();
    if (type == Types.BOOL && value.isBoolean()) {
      return Types.BOOL.serialize(value.booleanValue());
    }
    if (type == Types.INT && value.isIntegralNumber() && value.canConvertToInt()) {
      return Types.INT.serialize(value.intValue());
    }
    if (type == Types.LONG && value.isIntegralNumber() && value.canConvertToLong()) {
      return Types.LONG.serialize(value.longValue());
    }
    if (type == Types.FLOAT && value.isNumber()) {
      return Types.FLOAT.serialize(value.floatValue());
    }
    if (type == Types.DOUBLE && value.isNumber()) {
      return Types.DOUBLE.serialize(value.doubleValue());
    }
    if (type == Types.STRING && value.isTextual()) {
      return Types.STRING.serialize(value.textValue());
    }
    throw new IllegalArgumentException(value + " is not a value of type " + name);
  }
}
