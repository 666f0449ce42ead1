package io.statefun.sdk;

import java.io.Serializable;
import java.util.Objects;

/**
 * The address of one virtual function instance: its function type and its id. Every id of a type
 * exists logically and owns private state.
 *
 * <pre>{@code
 * Address alice = new Address(TypeName.parse("example/greeter"), "alice");
 * }</pre>
 */
public final class Address implements Serializable {
  private static final long serialVersionUID = 1L;

  private final TypeName type;
  private final String id;
  private final int hash;

  public Address(TypeName type, String id) {
    this.type = Objects.requireNonNull(type, "type");
    this.id = Objects.requireNonNull(id, "id");
    // a stable hash (String hashes are specified), so every JVM partitions addresses alike
    this.hash = 31 * type.hashCode() + id.hashCode();
  }

  public TypeName type() {
    return type;
  }

  public String id() {
    return id;
  }

  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    return o instanceof Address other
        && hash == other.hash
        && id.equals(other.id)
        && type.equals(other.type);
  }

  @Override
  public int hashCode() {
    return hash;
  }

  @Override
  public String toString() {
    return type.canonical() + "/" + id;
  }
}
