package io.statefun.sdk;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The built-in types {@code io.statefun.types/{bool,int,long,float,double,string}}, encoded exactly
 * as the StateFun 3.x SDKs encode them (a protobuf wrapper message with field 1; int is sfixed32,
 * long is sfixed64; the zero value is the empty byte string), and a factory for custom types.
 */
public final class Types {
  public static final String BUILT_IN_NAMESPACE = "io.statefun.types";

  public static final Type<Boolean> BOOL =
      custom(TypeName.of(BUILT_IN_NAMESPACE, "bool"), Types::encodeBool, Types::decodeBool);
  public static final Type<Integer> INT =
      custom(TypeName.of(BUILT_IN_NAMESPACE, "int"), Types::encodeInt, Types::decodeInt);
  public static final Type<Long> LONG =
      custom(TypeName.of(BUILT_IN_NAMESPACE, "long"), Types::encodeLong, Types::decodeLong);
  public static final Type<Float> FLOAT =
      custom(TypeName.of(BUILT_IN_NAMESPACE, "float"), Types::encodeFloat, Types::decodeFloat);
  public static final Type<Double> DOUBLE =
      custom(TypeName.of(BUILT_IN_NAMESPACE, "double"), Types::encodeDouble, Types::decodeDouble);
  public static final Type<String> STRING =
      custom(TypeName.of(BUILT_IN_NAMESPACE, "string"), Types::encodeString, Types::decodeString);

  private static final Map<TypeName, Type<?>> BUILT_IN_BY_NAME =
      Map.of(
          BOOL.typeName(), BOOL,
          INT.typeName(), INT,
          LONG.typeName(), LONG,
          FLOAT.typeName(), FLOAT,
          DOUBLE.typeName(), DOUBLE,
          STRING.typeName(), STRING);

  private static final byte[] EMPTY = new byte[0];
  private static final int TAG_VARINT = 0x08;
  private static final int TAG_FIXED64 = 0x09;
  private static final int TAG_LENGTH_DELIMITED = 0x0A;
  private static final int TAG_FIXED32 = 0x0D;

  private Types() {}

  /** A type with the given name whose values are converted by the two functions. */
  public static <T> Type<T> custom(
      TypeName typeName, Serializer<T> serializer, Deserializer<T> deserializer) {
    return new CustomType<>(typeName, serializer, deserializer);
  }

  /** Turns a value into bytes. */
  @FunctionalInterface
  public interface Serializer<T> {
    byte[] serialize(T value) throws Exception;
  }

  /** Turns bytes into a value. */
  @FunctionalInterface
  public interface Deserializer<T> {
    T deserialize(byte[] bytes) throws Exception;
  }

  private record CustomType<T>(
      TypeName typeName, Serializer<T> serializer, Deserializer<T> deserializer)
      implements Type<T> {
    CustomType {
      Objects.requireNonNull(typeName, "typeName");
      Objects.requireNonNull(serializer, "serializer");
      Objects.requireNonNull(deserializer, "deserializer");
    }

    @Override
    public byte[] serialize(T value) {
      try {
        return serializer.serialize(value);
      } catch (RuntimeException e) {
        throw e;
      } catch (Exception e) {
        throw new IllegalArgumentException("Cannot serialize a value of type " + typeName, e);
      }
    }

    @Override
    public T deserialize(byte[] bytes) {
      try {
        return deserializer.deserialize(bytes);
      } catch (RuntimeException e) {
        throw e;
      } catch (Exception e) {
        throw new IllegalArgumentException("Cannot deserialize a value of type " + typeName, e);
      }
    }

    @Override
    public String toString() {
      return "Type{" + typeName + "}";
    }
  }

  /** The built-in type named {@code typeName}, or null for any other name. */
  public static @Nullable Type<?> builtIn(TypeName typeName) {
    return BUILT_IN_BY_NAME.get(typeName);
  }

  /** Whether {@code type} is one of the built-in types above (whose objects are immutable). */
  public static boolean isBuiltIn(Type<?> type) {
    return type == LONG
        || type == STRING
        || type == INT
        || type == BOOL
        || type == DOUBLE
        || type == FLOAT;
  }

  // --- the builders' withValue of a primitive: encoded when its bytes are first needed --------

  static TypedValue valueOf(boolean value) {
    return TypedValue.of(BOOL, value);
  }

  static TypedValue valueOf(int value) {
    return TypedValue.of(INT, value);
  }

  static TypedValue valueOf(long value) {
    return TypedValue.of(LONG, value);
  }

  static TypedValue valueOf(float value) {
    return TypedValue.of(FLOAT, value);
  }

  static TypedValue valueOf(double value) {
    return TypedValue.of(DOUBLE, value);
  }

  // --- protobuf wrapper encodings -------------------------------------------------------------

  private static byte[] encodeBool(boolean value) {
    return value ? new byte[] {TAG_VARINT, 1} : EMPTY;
  }

  private static Boolean decodeBool(byte[] bytes) {
    if (bytes.length == 0) {
      return false;
    }
    expect(bytes, TAG_VARINT, 2, "bool");
    return bytes[1] != 0;
  }

  private static byte[] encodeInt(int value) {
    if (value == 0) {
      return EMPTY;
    }
    byte[] out = new byte[5];
    out[0] = TAG_FIXED32;
    writeLittleEndian(out, 1, value, 4);
    return out;
  }

  private static Integer decodeInt(byte[] bytes) {
    if (bytes.length == 0) {
      return 0;
    }
    expect(bytes, TAG_FIXED32, 5, "int");
    return (int) readLittleEndian(bytes, 1, 4);
  }

  private static byte[] encodeLong(long value) {
    if (value == 0L) {
      return EMPTY;
    }
    byte[] out = new byte[9];
    out[0] = TAG_FIXED64;
    writeLittleEndian(out, 1, value, 8);
    return out;
  }

  private static Long decodeLong(byte[] bytes) {
    if (bytes.length == 0) {
      return 0L;
    }
    expect(bytes, TAG_FIXED64, 9, "long");
    return readLittleEndian(bytes, 1, 8);
  }

  private static byte[] encodeFloat(float value) {
    int bits = Float.floatToRawIntBits(value);
    if (bits == 0) {
      return EMPTY;
    }
    byte[] out = new byte[5];
    out[0] = TAG_FIXED32;
    writeLittleEndian(out, 1, bits, 4);
    return out;
  }

  private static Float decodeFloat(byte[] bytes) {
    if (bytes.length == 0) {
      return 0f;
    }
    expect(bytes, TAG_FIXED32, 5, "float");
    return Float.intBitsToFloat((int) readLittleEndian(bytes, 1, 4));
  }

  private static byte[] encodeDouble(double value) {
    long bits = Double.doubleToRawLongBits(value);
    if (bits == 0L) {
      return EMPTY;
    }
    byte[] out = new byte[9];
    out[0] = TAG_FIXED64;
    writeLittleEndian(out, 1, bits, 8);
    return out;
  }

  private static Double decodeDouble(byte[] bytes) {
    if (bytes.length == 0) {
      return 0d;
    }
    expect(bytes, TAG_FIXED64, 9, "double");
    return Double.longBitsToDouble(readLittleEndian(bytes, 1, 8));
  }

  private static byte[] encodeString(String value) {
    if (value.isEmpty()) {
      return EMPTY;
    }
    byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
    int lengthSize = varintSize(utf8.length);
    byte[] out = new byte[1 + lengthSize + utf8.length];
    out[0] = TAG_LENGTH_DELIMITED;
    int pos = 1;
    int length = utf8.length;
    while ((length & ~0x7F) != 0) {
      out[pos++] = (byte) ((length & 0x7F) | 0x80);
      length >>>= 7;
    }
    out[pos++] = (byte) length;
    System.arraycopy(utf8, 0, out, pos, utf8.length);
    return out;
  }

  private static String decodeString(byte[] bytes) {
    if (bytes.length == 0) {
      return "";
    }
    if (bytes[0] != TAG_LENGTH_DELIMITED) {
      throw notA("string", bytes);
    }
    int pos = 1;
    int length = 0;
    int shift = 0;
    while (true) {
      if (pos >= bytes.length || shift > 28) {
        throw notA("string", bytes);
      }
      byte b = bytes[pos++];
      length |= (b & 0x7F) << shift;
      if ((b & 0x80) == 0) {
        break;
      }
      shift += 7;
    }
    if (pos + length != bytes.length) {
      throw notA("string", bytes);
    }
    return new String(bytes, pos, length, StandardCharsets.UTF_8);
  }

  private static int varintSize(int value) {
    int size = 1;
    while ((value & ~0x7F) != 0) {
      size++;
      value >>>= 7;
    }
    return size;
  }

  private static void writeLittleEndian(byte[] out, int offset, long value, int width) {
    for (int i = 0; i < width; i++) {
      out[offset + i] = (byte) (value >>> (8 * i));
    }
  }

  private static long readLittleEndian(byte[] in, int offset, int width) {
    long value = 0;
    for (int i = 0; i < width; i++) {
      value |= (in[offset + i] & 0xFFL) << (8 * i);
    }
    if (width == 4) {
      return (int) value;
    }
    return value;
  }

  private static void expect(byte[] bytes, int tag, int length, String type) {
    if (bytes.length != length || bytes[0] != tag) {
      throw notA(type, bytes);
    }
  }

  private static IllegalArgumentException notA(String type, byte[] bytes) {
    return new IllegalArgumentException(
        "Not an encoded " + BUILT_IN_NAMESPACE + "/" + type + " (" + bytes.length + " bytes)");
  }
}
