package io.statefun.sdk;

import java.io.Serializable;
import java.util.Arrays;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A value as it travels and rests: the name of its type and its serialized bytes. The runtime never
 * needs to understand the bytes; functions turn them into objects with a {@link Type}.
 *
 * <p>The byte array is shared, not copied: whoever builds a {@code TypedValue} hands the array over
 * and must not change it afterwards.
 *
 * <p>A value of a built-in type ({@link Types}; its objects are immutable) made in this JVM keeps
 * its object and is encoded only when its bytes are first asked for: one read back as that type in
 * the same JVM (an egress record, a message to a function of the same process) is never encoded.
 */
public final class TypedValue implements Serializable {
  private static final long serialVersionUID = 1L;

  private final TypeName typeName;

  /** Null until first asked for when the value was made from a built-in type's object. */
  private volatile byte @Nullable [] value;

  /** The built-in type and object the value was made from, or null. */
  private final transient @Nullable Type<?> builtIn;

  private final transient @Nullable Object object;

  public TypedValue(TypeName typeName, byte[] value) {
    this.typeName = Objects.requireNonNull(typeName, "typeName");
    this.value = Objects.requireNonNull(value, "value");
    this.builtIn = null;
    this.object = null;
  }

  private <T> TypedValue(Type<T> builtIn, T object) {
    this.typeName = builtIn.typeName();
    this.builtIn = builtIn;
    this.object = Objects.requireNonNull(object, "object");
  }

  /** Serializes {@code object} with {@code type} (a built-in type's object: when first needed). */
  public static <T> TypedValue of(Type<T> type, T object) {
    if (Types.isBuiltIn(type)) {
      return new TypedValue(type, object);
    }
    return new TypedValue(type.typeName(), type.serialize(object));
  }

  public TypeName typeName() {
    return typeName;
  }

  /** The serialized value; do not modify the returned array. */
  @SuppressWarnings({"unchecked", "rawtypes"})
  public byte[] value() {
    byte[] bytes = value;
    if (bytes == null) { // threads racing here encode equal bytes
      bytes = ((Type) builtIn).serialize(object);
      value = bytes;
    }
    return bytes;
  }

  /** Deserializes the value with {@code type}, checking that the type names match. */
  @SuppressWarnings("unchecked")
  public <T> T as(Type<T> type) {
    if (!type.typeName().equals(typeName)) {
      throw new IllegalStateException(
          "A value of type " + typeName + " cannot be read as " + type.typeName());
    }
    if (type == builtIn) {
      return (T) object;
    }
    return type.deserialize(value());
  }

  public boolean is(Type<?> type) {
    return type.typeName().equals(typeName);
  }

  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    return o instanceof TypedValue other
        && typeName.equals(other.typeName)
        && Arrays.equals(value(), other.value());
  }

  @Override
  public int hashCode() {
    return 31 * typeName.hashCode() + Arrays.hashCode(value());
  }

  @Override
  public String toString() {
    return "TypedValue{" + typeName + ", " + value().length + " bytes}";
  }

  /** Java serialization writes the name and the bytes. */
  private Object writeReplace() {
    return builtIn == null ? this : new TypedValue(typeName, value());
  }
}
