package io.statefun.sdk;

import java.util.Optional;

/**
 * The values an address keeps, each declared by a {@link ValueSpec} in the function's {@link
 * StatefulFunctionSpec}. Writes become durable when the invocation completes.
 */
public interface AddressScopedStorage {

  <T> Optional<T> get(ValueSpec<T> spec);

  <T> void set(ValueSpec<T> spec, T value);

  void remove(ValueSpec<?> spec);
}
