package io.statefun.sdk;

import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The address of one virtual function instance: its function type and its id. Every id of a type
 * exists logically and owns private state.
 *
 * <pre>{@code
 * Address alice = new Address(TypeName.parse("example/greeter"), "alice");
 * }</pre>
 *
 * <p>An id of at most {@value #SHORT_ID_MAX} ASCII characters (numbers, names, most keys) is also
 * held as bytes in two longs of the address itself: looking an address up in a table of stored ones
 * then compares within one object instead of loading the stored id's string and its bytes, and an
 * address read off the wire needs no string until {@link #id()} is asked for.
 */
public final class Address implements Serializable {
  private static final long serialVersionUID = 1L;

  /** The longest id kept in the address's own fields. */
  public static final int SHORT_ID_MAX = 16;

  private final TypeName type;
  private final int hash;

  /** The id's length when it is short ASCII (its bytes are then in the two longs), else -1. */
  private final int shortIdLength;

  private final long idBytes0to7;
  private final long idBytes8to15;

  /** The id as given; null for a short id read off the wire. */
  private final @Nullable String id;

  /** A short id read off the wire, as a string: made on first use. */
  private transient @Nullable String decodedId;

  public Address(TypeName type, String id) {
    this.type = Objects.requireNonNull(type, "type");
    this.id = Objects.requireNonNull(id, "id");
    int length = id.length();
    boolean shortAscii = length <= SHORT_ID_MAX;
    long low = 0;
    long high = 0;
    for (int i = 0; i < length && shortAscii; i++) {
      char c = id.charAt(i);
      shortAscii = c < 0x80;
      if (i < 8) {
        low |= (long) c << (8 * i);
      } else {
        high |= (long) c << (8 * (i - 8));
      }
    }
    this.shortIdLength = shortAscii ? length : -1;
    this.idBytes0to7 = shortAscii ? low : 0;
    this.idBytes8to15 = shortAscii ? high : 0;
    // a stable hash (String hashes are specified), so every JVM partitions addresses alike
    this.hash = 31 * type.hashCode() + id.hashCode();
  }

  private Address(TypeName type, int length, long low, long high, int idHash) {
    this.type = type;
    this.id = null;
    this.shortIdLength = length;
    this.idBytes0to7 = low;
    this.idBytes8to15 = high;
    this.hash = 31 * type.hashCode() + idHash;
  }

  /**
   * For runtimes reading addresses: the address of {@code type} whose id is the UTF-8 {@code
   * bytes[offset, offset + length)}; equal to {@code new Address(type, <those bytes decoded>)}. A
   * short ASCII id is not decoded into a string until {@link #id()} is called.
   */
  public static Address fromUtf8(TypeName type, byte[] bytes, int offset, int length) {
    Objects.requireNonNull(type, "type");
    if (length > SHORT_ID_MAX) {
      return new Address(type, new String(bytes, offset, length, StandardCharsets.UTF_8));
    }
    long low = 0;
    long high = 0;
    int idHash = 0;
    for (int i = 0; i < length; i++) {
      byte b = bytes[offset + i];
      if (b < 0) { // not ASCII
        return new Address(type, new String(bytes, offset, length, StandardCharsets.UTF_8));
      }
      idHash = 31 * idHash + b; // String.hashCode() of ASCII text
      if (i < 8) {
        low |= (long) b << (8 * i);
      } else {
        high |= (long) b << (8 * (i - 8));
      }
    }
    return new Address(type, length, low, high, idHash);
  }

  /**
   * For runtimes writing addresses: copies the id's bytes into {@code target} (at least {@value
   * #SHORT_ID_MAX} long) and returns their number if the id is short ASCII; otherwise returns -1
   * and copies nothing (write {@link #id()} then).
   */
  public int copyShortId(byte[] target) {
    int length = shortIdLength;
    for (int i = 0; i < length; i++) {
      target[i] = (byte) ((i < 8 ? idBytes0to7 >>> (8 * i) : idBytes8to15 >>> (8 * (i - 8))));
    }
    return length;
  }

  public TypeName type() {
    return type;
  }

  public String id() {
    if (id != null) {
      return id;
    }
    String decoded = decodedId;
    if (decoded == null) { // threads racing here make equal strings
      byte[] bytes = new byte[shortIdLength];
      copyShortId(bytes);
      decoded = new String(bytes, StandardCharsets.US_ASCII);
      decodedId = decoded;
    }
    return decoded;
  }

  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    return o instanceof Address other
        && hash == other.hash
        && shortIdLength == other.shortIdLength
        && (shortIdLength >= 0
            ? idBytes0to7 == other.idBytes0to7 && idBytes8to15 == other.idBytes8to15
            : id.equals(other.id))
        && type.equals(other.type);
  }

  @Override
  public int hashCode() {
    return hash;
  }

  @Override
  public String toString() {
    return type.canonical() + "/" + id();
  }

  /** Java serialization writes the type and the id; the rest is derived from them. */
  private Object writeReplace() {
    return new SerializedAddress(type, id());
  }

  private record SerializedAddress(TypeName type, String id) implements Serializable {
    private Object readResolve() {
      return new Address(type, id);
    }
  }
}
