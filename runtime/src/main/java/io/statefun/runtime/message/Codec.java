package io.statefun.runtime.message;

import io.statefun.sdk.Address;
import io.statefun.sdk.TypeName;
import io.statefun.sdk.TypedValue;
import io.statefun.sdk.Types;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.apache.flink.core.memory.DataOutputView;
import org.jspecify.annotations.Nullable;

/**
 * The binary layout of the runtime's values: strings as a length and UTF-8 bytes, type names as
 * their canonical {@code namespace/name} string, except that a value of a built-in type carries a
 * one-byte code instead of its type name, and that a codec made with the application's function
 * types writes an address's function type shorter:
 *
 * <ul>
 *   <li>{@link #byPosition}, for state keys: a zero length and the type's position in the list (a
 *       key of ~8 bytes instead of ~20; the list is kept in the key serializer's snapshot);
 *   <li>{@link #byContentCode}, for messages on the network: a length of one and the type's {@link
 *       ContentCodes content code}, 8 bytes that mean the same type in every version of the
 *       application, since an unaligned checkpoint keeps in-flight bytes without a serializer
 *       snapshot.
 * </ul>
 *
 * No type name is shorter than 3 bytes, so the two markers never start a name. Types outside the
 * list are written by name.
 *
 * <p>Type names are few and repeat on every message, so reading looks a name's bytes up in a table
 * instead of decoding them, which also hands out one {@link TypeName} instance per name (so
 * comparing names is mostly an identity check). Names and ids are read through a reused buffer and
 * the encoding of the last type name written is kept, so a codec serves one thread: each serializer
 * instance has its own ({@code duplicate()}).
 */
final class Codec {
  private static final int MAX_CACHED_NAMES = 4096;

  private static final int POSITION = 0;
  private static final int CONTENT_CODE = 1;

  private final Map<TypeName, Integer> positionOfFunctionType = new HashMap<>();
  private final TypeName[] functionTypeAtPosition;
  private final @Nullable ContentCodes contentCodes;
  private NameTable names = new NameTable(64);
  private byte[] buffer = new byte[64]; // at least Address.SHORT_ID_MAX

  // functions send to one type again and again: the encoding of the last one is kept
  private @Nullable TypeName lastFunctionType;
  private byte[] lastFunctionTypeEncoding = new byte[0];
  private @Nullable TypeName lastValueType;
  private byte[] lastValueTypeEncoding = new byte[0];

  /** A codec that writes every type name in full. */
  Codec() {
    this(List.of(), null);
  }

  private Codec(List<TypeName> positions, @Nullable ContentCodes contentCodes) {
    functionTypeAtPosition = positions.toArray(TypeName[]::new);
    for (int position = 0; position < functionTypeAtPosition.length; position++) {
      positionOfFunctionType.put(functionTypeAtPosition[position], position);
    }
    this.contentCodes = contentCodes;
  }

  /** Writes the function types in {@code functionTypes} as their position in it. */
  static Codec byPosition(List<TypeName> functionTypes) {
    return new Codec(functionTypes, null);
  }

  /** Writes the function types in {@code functionTypes} as their content code. */
  static Codec byContentCode(List<TypeName> functionTypes) {
    return new Codec(List.of(), new ContentCodes(functionTypes));
  }

  private void writeValueTypeNameInFull(TypeName typeName, DataOutputView out) throws IOException {
    if (typeName != lastValueType) {
      lastValueTypeEncoding = encode(typeName);
      lastValueType = typeName;
    }
    out.write(lastValueTypeEncoding);
  }

  private void writeFunctionType(TypeName typeName, DataOutputView out) throws IOException {
    if (typeName != lastFunctionType) {
      lastFunctionTypeEncoding = encodeFunctionType(typeName);
      lastFunctionType = typeName;
    }
    out.write(lastFunctionTypeEncoding);
  }

  private byte[] encodeFunctionType(TypeName typeName) throws IOException {
    Integer position = positionOfFunctionType.get(typeName);
    Long contentCode = contentCodes == null ? null : contentCodes.codeOf(typeName);
    if (position == null && contentCode == null) {
      return encode(typeName);
    }
    DataOutputSerializer encoded = new DataOutputSerializer(16);
    if (position != null) {
      encoded.writeByte(POSITION);
      writeLength(position, encoded);
    } else {
      encoded.writeByte(CONTENT_CODE);
      encoded.writeLong(contentCode);
    }
    return encoded.getCopyOfBuffer();
  }

  /** A name as its length and UTF-8 bytes. */
  private static byte[] encode(TypeName typeName) throws IOException {
    byte[] name = typeName.canonical().getBytes(StandardCharsets.UTF_8);
    DataOutputSerializer encoded = new DataOutputSerializer(name.length + 2);
    writeLength(name.length, encoded);
    encoded.write(name);
    return encoded.getCopyOfBuffer();
  }

  private TypeName readFunctionType(DataInputView in) throws IOException {
    int length = readLength(in);
    if (length == POSITION) {
      int position = readLength(in);
      if (position >= functionTypeAtPosition.length) {
        throw new IOException(
            "An address names function type number "
                + position
                + ", but this serializer knows "
                + functionTypeAtPosition.length
                + ": "
                + Arrays.toString(functionTypeAtPosition));
      }
      return functionTypeAtPosition[position];
    }
    if (length == CONTENT_CODE) {
      long code = in.readLong();
      TypeName type = contentCodes == null ? null : contentCodes.typeOf(code);
      if (type == null) {
        throw new IOException(
            String.format(
                "A message names function type code %016x, which is none of this application's"
                    + " function types: it was in flight in an unaligned checkpoint of an"
                    + " application that had that type. Restore from a savepoint (savepoints"
                    + " keep no messages in flight) or bind the type again",
                code));
      }
      return type;
    }
    return readTypeName(in, length);
  }

  /** Built-in value types travel as a one-byte code; others as their name. */
  private static final TypeName[] BUILT_IN = {
    null,
    Types.BOOL.typeName(),
    Types.INT.typeName(),
    Types.LONG.typeName(),
    Types.FLOAT.typeName(),
    Types.DOUBLE.typeName(),
    Types.STRING.typeName()
  };

  void writeValueTypeName(TypeName typeName, DataOutputView out) throws IOException {
    for (int code = 1; code < BUILT_IN.length; code++) {
      if (BUILT_IN[code].equals(typeName)) {
        out.writeByte(code);
        return;
      }
    }
    out.writeByte(0);
    writeValueTypeNameInFull(typeName, out);
  }

  TypeName readValueTypeName(DataInputView in) throws IOException {
    int code = in.readByte();
    if (code > 0 && code < BUILT_IN.length) {
      return BUILT_IN[code];
    }
    if (code != 0) {
      throw new IOException("Unknown value type code " + code);
    }
    return readTypeName(in);
  }

  private TypeName readTypeName(DataInputView in) throws IOException {
    return readTypeName(in, readLength(in));
  }

  private TypeName readTypeName(DataInputView in, int length) throws IOException {
    byte[] bytes = read(in, length);
    int hash = 1;
    for (int i = 0; i < length; i++) {
      hash = 31 * hash + bytes[i];
    }
    NameTable table = names;
    TypeName known = table.get(bytes, length, hash);
    if (known != null) {
      return known;
    }
    byte[] key = Arrays.copyOf(bytes, length);
    TypeName parsed = TypeName.parse(new String(key, StandardCharsets.UTF_8));
    names = table.size >= MAX_CACHED_NAMES ? new NameTable(64) : table.with(key, hash, parsed);
    return parsed;
  }

  /** Reads {@code length} bytes into the reused buffer, which it returns. */
  private byte[] read(DataInputView in, int length) throws IOException {
    if (buffer.length < length) {
      buffer = new byte[Math.max(length, buffer.length * 2)];
    }
    in.readFully(buffer, 0, length);
    return buffer;
  }

  /** A list of type names in a serializer snapshot: a count, then each canonical name. */
  static void writeTypeNames(List<TypeName> types, DataOutputView out) throws IOException {
    out.writeInt(types.size());
    for (TypeName type : types) {
      out.writeUTF(type.canonical());
    }
  }

  static List<TypeName> readTypeNames(DataInputView in) throws IOException {
    int size = in.readInt();
    List<TypeName> types = new ArrayList<>(size);
    for (int i = 0; i < size; i++) {
      types.add(TypeName.parse(in.readUTF()));
    }
    return List.copyOf(types);
  }

  static void writeString(String value, DataOutputView out) throws IOException {
    int length = value.length();
    boolean ascii = true;
    for (int i = 0; i < length && ascii; i++) {
      ascii = value.charAt(i) < 0x80;
    }
    if (ascii) {
      // ASCII is its own UTF-8: write the chars without an intermediate array. Not with
      // writeBytes(String): Flink 2.2's DataOutputSerializer advances its position twice there.
      writeLength(length, out);
      for (int i = 0; i < length; i++) {
        out.writeByte(value.charAt(i));
      }
      return;
    }
    byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
    writeLength(bytes.length, out);
    out.write(bytes);
  }

  void writeAddress(Address address, DataOutputView out) throws IOException {
    writeFunctionType(address.type(), out);
    int shortId = address.copyShortId(buffer); // without making the string of one read earlier
    if (shortId >= 0) {
      writeLength(shortId, out);
      out.write(buffer, 0, shortId);
    } else {
      writeString(address.id(), out);
    }
  }

  Address readAddress(DataInputView in) throws IOException {
    TypeName type = readFunctionType(in);
    int length = readLength(in);
    return Address.fromUtf8(type, read(in, length), 0, length);
  }

  void writeTypedValue(TypedValue value, DataOutputView out) throws IOException {
    writeValueTypeName(value.typeName(), out);
    byte[] bytes = value.value();
    writeLength(bytes.length, out);
    out.write(bytes);
  }

  TypedValue readTypedValue(DataInputView in) throws IOException {
    TypeName typeName = readValueTypeName(in);
    byte[] bytes = new byte[readLength(in)];
    in.readFully(bytes);
    return new TypedValue(typeName, bytes);
  }

  static void copyBytes(DataInputView in, DataOutputView out) throws IOException {
    int length = readLength(in);
    writeLength(length, out);
    copyBytes(in, out, length);
  }

  private static void copyBytes(DataInputView in, DataOutputView out, int length)
      throws IOException {
    // not out.write(in, length): Flink 2.2's DataOutputSerializer does not grow for that one
    byte[] bytes = new byte[length];
    in.readFully(bytes);
    out.write(bytes);
  }

  /** A length as an unsigned varint: one byte below 128 (ids, names and small values). */
  static void writeLength(int length, DataOutputView out) throws IOException {
    int rest = length;
    while ((rest & ~0x7F) != 0) {
      out.writeByte((rest & 0x7F) | 0x80);
      rest >>>= 7;
    }
    out.writeByte(rest);
  }

  static int readLength(DataInputView in) throws IOException {
    int length = 0;
    for (int shift = 0; shift < 32; shift += 7) {
      int b = in.readUnsignedByte();
      length |= (b & 0x7F) << shift;
      if ((b & 0x80) == 0) {
        if (length < 0) {
          break;
        }
        return length;
      }
    }
    throw new IOException("Malformed length in a serialized message");
  }

  static void copyAddress(DataInputView in, DataOutputView out) throws IOException {
    int length = readLength(in);
    writeLength(length, out);
    if (length == POSITION) {
      writeLength(readLength(in), out);
    } else if (length == CONTENT_CODE) {
      out.writeLong(in.readLong());
    } else {
      copyBytes(in, out, length); // type name
    }
    copyBytes(in, out); // id
  }

  static void copyTypedValue(DataInputView in, DataOutputView out) throws IOException {
    byte code = in.readByte();
    out.writeByte(code);
    if (code == 0) {
      copyBytes(in, out); // type name
    }
    copyBytes(in, out); // value
  }

  /** An immutable open-addressing table from a name's UTF-8 bytes to its {@link TypeName}. */
  private static final class NameTable {
    private final byte[][] keys;
    private final int[] hashes;
    private final TypeName[] values;
    private int size;

    NameTable(int capacity) {
      keys = new byte[capacity][];
      hashes = new int[capacity];
      values = new TypeName[capacity];
    }

    /** The name whose bytes are {@code bytes[0, length)}, or null. */
    @Nullable TypeName get(byte[] bytes, int length, int hash) {
      int mask = keys.length - 1;
      for (int i = hash & mask; keys[i] != null; i = (i + 1) & mask) {
        if (hashes[i] == hash && Arrays.equals(keys[i], 0, keys[i].length, bytes, 0, length)) {
          return values[i];
        }
      }
      return null;
    }

    /** A copy with one more entry, twice as large when this one is half full. */
    NameTable with(byte[] key, int hash, TypeName value) {
      NameTable table = new NameTable((size + 1) * 2 > keys.length ? keys.length * 2 : keys.length);
      for (int i = 0; i < keys.length; i++) {
        if (keys[i] != null) {
          table.put(keys[i], hashes[i], values[i]);
        }
      }
      table.put(key, hash, value);
      return table;
    }

    private void put(byte[] key, int hash, TypeName value) {
      int mask = keys.length - 1;
      int i = hash & mask;
      while (keys[i] != null) {
        i = (i + 1) & mask;
      }
      keys[i] = key;
      hashes[i] = hash;
      values[i] = value;
      size++;
    }
  }
}
