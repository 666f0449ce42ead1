package io.statefun.runtime.state;

import io.statefun.sdk.AddressScopedStorage;
import io.statefun.sdk.ValueSpec;
import java.util.Objects;
import java.util.Optional;

/**
 * The values of one address during one invocation. Values are read from Flink state on first use
 * (on the task thread), changes stay here until {@link #flush()} writes them back when the
 * invocation completes. Before a function's future completes elsewhere, {@link #loadAll()} reads
 * every value, so the function may use the storage from any thread.
 */
public final class AddressStorage implements AddressScopedStorage {
  private static final byte NOT_LOADED = 0;
  private static final byte LOADED = 1;
  private static final byte CHANGED = 2;

  private final FunctionState state;
  private final Object[] values;
  private final byte[] status;
  private volatile boolean detached;

  public AddressStorage(FunctionState state) {
    this.state = state;
    this.values = new Object[state.size()];
    this.status = new byte[state.size()];
  }

  @Override
  @SuppressWarnings("unchecked")
  public <T> Optional<T> get(ValueSpec<T> spec) {
    int index = indexOf(spec);
    if (status[index] == NOT_LOADED) {
      load(index);
    }
    return Optional.ofNullable((T) values[index]);
  }

  @Override
  public <T> void set(ValueSpec<T> spec, T value) {
    Objects.requireNonNull(value, "value; use remove() to clear a value");
    int index = indexOf(spec);
    values[index] = value;
    status[index] = CHANGED;
  }

  @Override
  public void remove(ValueSpec<?> spec) {
    int index = indexOf(spec);
    values[index] = null;
    status[index] = CHANGED;
  }

  /** Reads every value not read yet; afterwards the storage no longer touches Flink state. */
  public void loadAll() {
    for (int i = 0; i < status.length; i++) {
      if (status[i] == NOT_LOADED) {
        load(i);
      }
    }
    detached = true;
  }

  /** Writes changed values to Flink state under the current key (task thread). */
  @SuppressWarnings({"unchecked", "rawtypes"})
  public void flush() {
    for (int i = 0; i < status.length; i++) {
      if (status[i] == CHANGED) {
        Object value = values[i];
        ValueSpec spec = state.spec(i);
        state.write(i, value == null ? null : spec.type().serialize(value));
        status[i] = LOADED;
      }
    }
  }

  private void load(int index) {
    if (detached) {
      throw new IllegalStateException("storage detached but value " + index + " not loaded");
    }
    byte[] bytes = state.read(index);
    values[index] = bytes == null ? null : state.spec(index).type().deserialize(bytes);
    status[index] = LOADED;
  }

  private int indexOf(ValueSpec<?> spec) {
    int index = state.indexOf(spec.name());
    if (index < 0 || !state.spec(index).typeName().equals(spec.typeName())) {
      throw new IllegalArgumentException(
          "Function " + state.functionType() + " does not declare " + spec
              + "; add it to the function's StatefulFunctionSpec");
    }
    return index;
  }
}
