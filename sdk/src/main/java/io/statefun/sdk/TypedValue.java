package io.statefun.sdk;

import java.io.Serializable;
import java.util.Arrays;
import java.util.Objects;

/**
 * A value as it travels and rests: the name of its type and its serialized bytes. The runtime never
 * needs to understand the bytes; functions turn them into objects with a {@link Type}.
 *
 * <p>The byte array is shared, not copied: whoever builds a {@code TypedValue} hands the array over
 * and must not change it afterwards.
 */
public final class TypedValue implements Serializable {
  private static final long serialVersionUID = 1L;

  private final TypeName typeName;
  private final byte[] value;

  public TypedValue(TypeName typeName, byte[] value) {
    this.typeName = Objects.requireNonNull(typeName, "typeName");
    this.value = Objects.requireNonNull(value, "value");
  }

  /** Serializes {@code object} with {@code type}. */
  public static <T> TypedValue of(Type<T> type, T object) {
    return new TypedValue(type.typeName(), type.serialize(object));
  }

  public TypeName typeName() {
    return typeName;
  }

  /** The serialized value; do not modify the returned array. */
  public byte[] value() {
    return value;
  }

  /** Deserializes the value with {@code type}, checking that the type names match. */
  public <T> T as(Type<T> type) {
    if (!type.typeName().equals(typeName)) {
      throw new IllegalStateException(
          "A value of type " + typeName + " cannot be read as " + type.typeName());
    }
    return type.deserialize(value);
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
        && Arrays.equals(value, other.value);
  }

  @Override
  public int hashCode() {
    return 31 * typeName.hashCode() + Arrays.hashCode(value);
  }

  @Override
  public String toString() {
    return "TypedValue{" + typeName + ", " + value.length + " bytes}";
  }
}
