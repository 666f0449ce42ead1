package io.statefun.savepoint;

import io.statefun.sdk.TypeName;
import java.util.Map;
import java.util.Optional;

/** What the modules declare, to check bootstrap input against. */
public interface FunctionCatalog {
  /** Accepts every function and value: nothing to check against. */
  FunctionCatalog ANY = function -> Optional.of(Map.of());

  /**
   * The values {@code function} declares with their types (empty for a remote function, whose
   * values are declared at run time), or empty when no module binds the function.
   */
  Optional<Map<String, TypeName>> declaredValues(TypeName function);
}
