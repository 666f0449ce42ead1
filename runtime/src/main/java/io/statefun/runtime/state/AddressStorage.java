package io.statefun.runtime.state;

import io.statefun.sdk.AddressScopedStorage;
import io.statefun.sdk.ValueSpec;
import java.util.Objects;
import java.util.Optional;
import org.apache.flink.annotation.Internal;

/**
 * The values of one address during one invocation. Every declared value is read from Flink state
 * when the storage is made (on the task thread, with the address as the current key); changes stay
 * here until {@link #flush()} writes them back when the invocation completes. So a function may use
 * the storage from any thread while its future is pending: nothing here touches Flink state except
 * the constructor and {@link #flush()}.
 */
@Internal
public final class AddressStorage implements AddressScopedStorage {
  private final FunctionState state;
  private final Object[] values;
  private final boolean[] changed;

  /** Reads every value of the current key. Task thread only. */
  public AddressStorage(FunctionState state) {
    this.state = state;
    int size = state.size();
    this.values = new Object[size];
    this.changed = new boolean[size];
    reload();
  }

  /** Reads every value of the current key again, forgetting unwritten changes. Task thread only. */
  public void reload() {
    for (int i = 0; i < values.length; i++) {
      values[i] = state.read(i);
      changed[i] = false;
    }
  }

  @Override
  @SuppressWarnings("unchecked")
  public <T> Optional<T> get(ValueSpec<T> spec) {
    return Optional.ofNullable((T) values[indexOf(spec)]);
  }

  @Override
  public <T> void set(ValueSpec<T> spec, T value) {
    Objects.requireNonNull(value, "value; use remove() to clear a value");
    int index = indexOf(spec);
    values[index] = value;
    changed[index] = true;
  }

  @Override
  public void remove(ValueSpec<?> spec) {
    int index = indexOf(spec);
    values[index] = null;
    changed[index] = true;
  }

  /** Writes changed values to Flink state under the current key. Task thread only. */
  public void flush() {
    for (int i = 0; i < changed.length; i++) {
      if (changed[i]) {
        state.write(i, values[i]);
        changed[i] = false;
      }
    }
  }

  private int indexOf(ValueSpec<?> spec) {
    int index = state.indexOf(spec);
    if (index < 0
        || index >= values.length
        || !state.spec(index).typeName().equals(spec.typeName())) {
      throw new IllegalArgumentException(
          "Function "
              + state.functionType()
              + " does not declare "
              + spec
              + "; add it to the function's StatefulFunctionSpec");
    }
    return index;
  }
}
