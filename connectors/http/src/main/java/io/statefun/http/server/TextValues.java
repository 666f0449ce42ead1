package io.statefun.http.server;

import io.netty.handler.codec.http.HttpResponseStatus;
import io.statefun.sdk.Type;
import io.statefun.sdk.TypeName;
import io.statefun.sdk.TypedValue;
import io.statefun.sdk.Types;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * The built-in types {@code io.statefun.types/*} as plain text, both ways: UTF-8 strings, decimal
 * numbers, {@code true}/{@code false}, so curl users see text and not protobuf wrappers. Every
 * other type travels as its raw bytes.
 */
final class TextValues {
  private record Text<T>(Type<T> type, Function<String, T> parse) {
    TypedValue typed(String text) {
      return TypedValue.of(type, parse.apply(text));
    }

    String text(byte[] bytes) {
      return String.valueOf(type.deserialize(bytes));
    }
  }

  private static final Map<TypeName, Text<?>> BUILT_IN =
      Map.of(
          Types.STRING.typeName(), new Text<>(Types.STRING, text -> text),
          Types.INT.typeName(), new Text<>(Types.INT, text -> Integer.parseInt(text.trim())),
          Types.LONG.typeName(), new Text<>(Types.LONG, text -> Long.parseLong(text.trim())),
          Types.FLOAT.typeName(), new Text<>(Types.FLOAT, text -> Float.parseFloat(text.trim())),
          Types.DOUBLE.typeName(),
              new Text<>(Types.DOUBLE, text -> Double.parseDouble(text.trim())),
          Types.BOOL.typeName(), new Text<>(Types.BOOL, TextValues::parseBool));

  private TextValues() {}

  /** A request body as a value of {@code type}. */
  static TypedValue fromBody(TypeName type, byte[] body) throws Rejection {
    Text<?> text = BUILT_IN.get(type);
    if (text == null) {
      return new TypedValue(type, body);
    }
    String decoded;
    try {
      decoded =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(body))
              .toString();
    } catch (CharacterCodingException e) {
      throw new Rejection(
          HttpResponseStatus.BAD_REQUEST, "the body of a " + type + " must be UTF-8 text");
    }
    try {
      return text.typed(decoded);
    } catch (IllegalArgumentException e) {
      throw new Rejection(
          HttpResponseStatus.BAD_REQUEST,
          "the body is not a " + type + " (" + text.type().typeName().name() + " as text)");
    }
  }

  /** The text of a built-in value; null for other types or bytes that are not such a value. */
  static @Nullable String asText(TypedValue value) {
    Text<?> text = BUILT_IN.get(value.typeName());
    if (text == null) {
      return null;
    }
    try {
      return text.text(value.value());
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  private static Boolean parseBool(String text) {
    return switch (text.trim()) {
      case "true" -> true;
      case "false" -> false;
      default -> throw new IllegalArgumentException("not true or false");
    };
  }
}
