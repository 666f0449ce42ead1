package io.statefun.savepoint;

import io.statefun.sdk.Address;
import io.statefun.sdk.TypeName;
import java.io.Serializable;

/** Which addresses to read: all, those of one function type, or one address. */
public final class AddressFilter implements Serializable {
  private static final long serialVersionUID = 1L;

  /** Every address. */
  public static final AddressFilter ALL = new AddressFilter(null, null);

  /** The function type's canonical name, or null for any. */
  private final String function;

  /** The id, or null for any. */
  private final String id;

  private AddressFilter(TypeName function, String id) {
    this.function = function == null ? null : function.canonical();
    this.id = id;
  }

  /** Addresses of {@code function} (any when null) with {@code id} (any when null). */
  public static AddressFilter of(TypeName function, String id) {
    return new AddressFilter(function, id);
  }

  public boolean test(Address address) {
    return (function == null || function.equals(address.type().canonical()))
        && (id == null || id.equals(address.id()));
  }
}
