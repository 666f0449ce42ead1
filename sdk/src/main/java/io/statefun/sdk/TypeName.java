package io.statefun.sdk;

import java.io.Serializable;
import java.util.Objects;

/**
 * A namespaced name, {@code namespace/name}, naming a function type, a value type, an ingress or an
 * egress.
 *
 * <pre>{@code
 * TypeName greeter = TypeName.parse("example/greeter");
 * }</pre>
 */
public final class TypeName implements Serializable {
  private static final long serialVersionUID = 1L;

  private final String namespace;
  private final String name;
  private final String canonical;
  private final int hash;

  private TypeName(String namespace, String name) {
    this.namespace = namespace;
    this.name = name;
    this.canonical = namespace + "/" + name;
    this.hash = canonical.hashCode();
  }

  /**
   * A type name from its two parts; both must be non-empty and the name must not contain {@code /}.
   */
  public static TypeName of(String namespace, String name) {
    Objects.requireNonNull(namespace, "namespace");
    Objects.requireNonNull(name, "name");
    if (namespace.isEmpty()) {
      throw new IllegalArgumentException(
          "A type name needs a namespace, got an empty one for name '" + name + "'");
    }
    if (name.isEmpty() || name.indexOf('/') >= 0) {
      throw new IllegalArgumentException(
          "The name part of a type name must be non-empty and without '/', got '" + name + "'");
    }
    return new TypeName(namespace, name);
  }

  /**
   * Parses {@code namespace/name}, splitting at the last {@code /} as the StateFun SDKs do (so
   * {@code type.googleapis.com/foo.Bar} works).
   */
  public static TypeName parse(String typeName) {
    Objects.requireNonNull(typeName, "typeName");
    int slash = typeName.lastIndexOf('/');
    if (slash <= 0 || slash == typeName.length() - 1) {
      throw new IllegalArgumentException(
          "A type name has the form 'namespace/name', got '" + typeName + "'");
    }
    return new TypeName(typeName.substring(0, slash), typeName.substring(slash + 1));
  }

  public String namespace() {
    return namespace;
  }

  public String name() {
    return name;
  }

  /** The {@code namespace/name} form. */
  public String canonical() {
    return canonical;
  }

  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    return o instanceof TypeName other && hash == other.hash && canonical.equals(other.canonical);
  }

  @Override
  public int hashCode() {
    return hash;
  }

  @Override
  public String toString() {
    return canonical;
  }
}
