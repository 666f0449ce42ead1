package io.statefun.sdk;

import java.io.Serializable;
import java.util.Objects;

/**
 * A message to a function: its target address and a typed value. Built with {@link MessageBuilder};
 * read with the typed accessors.
 *
 * <pre>{@code
 * if (message.isString()) {
 *   String name = message.asString();
 * }
 * }</pre>
 */
public final class Message implements Serializable {
  private static final long serialVersionUID = 1L;

  private final Address target;
  private final TypedValue payload;

  public Message(Address target, TypedValue payload) {
    this.target = Objects.requireNonNull(target, "target");
    this.payload = Objects.requireNonNull(payload, "payload");
  }

  public Address target() {
    return target;
  }

  public TypedValue payload() {
    return payload;
  }

  public TypeName valueTypeName() {
    return payload.typeName();
  }

  public boolean is(Type<?> type) {
    return payload.is(type);
  }

  public <T> T as(Type<T> type) {
    return payload.as(type);
  }

  public boolean isBool() {
    return is(Types.BOOL);
  }

  public boolean asBool() {
    return as(Types.BOOL);
  }

  public boolean isInt() {
    return is(Types.INT);
  }

  public int asInt() {
    return as(Types.INT);
  }

  public boolean isLong() {
    return is(Types.LONG);
  }

  public long asLong() {
    return as(Types.LONG);
  }

  public boolean isFloat() {
    return is(Types.FLOAT);
  }

  public float asFloat() {
    return as(Types.FLOAT);
  }

  public boolean isDouble() {
    return is(Types.DOUBLE);
  }

  public double asDouble() {
    return as(Types.DOUBLE);
  }

  public boolean isString() {
    return is(Types.STRING);
  }

  public String asString() {
    return as(Types.STRING);
  }

  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    return o instanceof Message other
        && target.equals(other.target)
        && payload.equals(other.payload);
  }

  @Override
  public int hashCode() {
    return 31 * target.hashCode() + payload.hashCode();
  }

  @Override
  public String toString() {
    return "Message{to " + target + ", " + payload + "}";
  }
}
