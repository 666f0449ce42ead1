package io.statefun.sdk;

/**
 * How values of a Java type {@code T} are named and turned into bytes. Built-in types are in {@link
 * Types}; a custom type is usually made with {@link Types#custom}.
 *
 * <pre>{@code
 * Type<User> USER = Types.custom(TypeName.parse("example/User"),
 *     user -> mapper.writeValueAsBytes(user), bytes -> mapper.readValue(bytes, User.class));
 * }</pre>
 */
public interface Type<T> {

  /** The name every SDK and the runtime know this type by. */
  TypeName typeName();

  byte[] serialize(T value);

  T deserialize(byte[] bytes);
}
