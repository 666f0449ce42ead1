package io.statefun.runtime.state;

import io.statefun.sdk.Type;
import io.statefun.sdk.TypeName;
import io.statefun.sdk.Types;

/**
 * How a function value is kept in Flink state: values of the immutable built-in types as objects
 * (heap state then neither encodes nor decodes them), all others as their encoded bytes (so a
 * function changing an object it read cannot change the stored value behind the runtime's back).
 */
final class StoredValues {
  private StoredValues() {}

  /** The built-in type kept as objects that is named {@code typeName}, or null. */
  static Type<?> keptAsObjects(TypeName typeName) {
    return Types.builtIn(typeName);
  }

  /** Whether values of {@code type} are stored as themselves (by identity of the type). */
  static boolean keepsObjects(Type<?> type) {
    return Types.isBuiltIn(type);
  }

  /**
   * What to store for {@code value} of {@code type}; {@code asObject} is {@link #keepsObjects} of
   * the type, decided once when the value is registered.
   */
  @SuppressWarnings({"unchecked", "rawtypes"})
  static Object toStored(Type type, boolean asObject, Object value) {
    return asObject ? value : type.serialize(value);
  }

  /** The value a stored object or byte array holds. */
  static Object toValue(Type<?> type, Object stored) {
    return stored instanceof byte[] bytes ? type.deserialize(bytes) : stored;
  }
}
