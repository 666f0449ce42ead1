package io.statefun.sdk;

import java.time.Duration;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Declares one value an address keeps: its name, its type and when it expires.
 *
 * <pre>{@code
 * ValueSpec<Integer> SEEN = ValueSpec.named("seen").withIntType();
 * ValueSpec<String> LAST = ValueSpec.named("last").thatExpireAfterWrite(Duration.ofHours(1)).withStringType();
 * }</pre>
 */
public final class ValueSpec<T> {
  private static final Pattern VALID_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

  private final String name;
  private final Type<T> type;
  private final Expiration expiration;

  private ValueSpec(String name, Type<T> type, Expiration expiration) {
    this.name = name;
    this.type = type;
    this.expiration = expiration;
  }

  /** Starts a spec; the name is a letter or underscore followed by letters, digits, underscores. */
  public static Untyped named(String name) {
    Objects.requireNonNull(name, "name");
    if (!VALID_NAME.matcher(name).matches()) {
      throw new IllegalArgumentException(
          "A value name must match " + VALID_NAME.pattern() + ", got '" + name + "'");
    }
    return new Untyped(name, Expiration.none());
  }

  public String name() {
    return name;
  }

  public Type<T> type() {
    return type;
  }

  public TypeName typeName() {
    return type.typeName();
  }

  public Expiration expiration() {
    return expiration;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ValueSpec<?> other
        && name.equals(other.name)
        && type.typeName().equals(other.type.typeName())
        && expiration.equals(other.expiration);
  }

  @Override
  public int hashCode() {
    return name.hashCode();
  }

  @Override
  public String toString() {
    return "ValueSpec{" + name + ": " + type.typeName() + ", expires " + expiration + "}";
  }

  /** A spec with a name but no type yet. */
  public static final class Untyped {
    private final String name;
    private final Expiration expiration;

    private Untyped(String name, Expiration expiration) {
      this.name = name;
      this.expiration = expiration;
    }

    public Untyped thatExpireAfterWrite(Duration duration) {
      return new Untyped(name, Expiration.expireAfterWrite(duration));
    }

    public Untyped thatExpireAfterCall(Duration duration) {
      return new Untyped(name, Expiration.expireAfterCall(duration));
    }

    public ValueSpec<Boolean> withBooleanType() {
      return withCustomType(Types.BOOL);
    }

    public ValueSpec<Integer> withIntType() {
      return withCustomType(Types.INT);
    }

    public ValueSpec<Long> withLongType() {
      return withCustomType(Types.LONG);
    }

    public ValueSpec<Float> withFloatType() {
      return withCustomType(Types.FLOAT);
    }

    public ValueSpec<Double> withDoubleType() {
      return withCustomType(Types.DOUBLE);
    }

    public ValueSpec<String> withStringType() {
      return withCustomType(Types.STRING);
    }

    public <T> ValueSpec<T> withCustomType(Type<T> type) {
      return new ValueSpec<>(name, Objects.requireNonNull(type, "type"), expiration);
    }
  }
}
