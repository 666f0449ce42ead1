package io.statefun.sdk.remote;

import com.google.protobuf.ByteString;
import io.statefun.sdk.Address;
import io.statefun.sdk.AddressScopedStorage;
import io.statefun.sdk.ValueSpec;
import io.statefun.sdk.reqreply.generated.FromFunction.PersistedValueMutation;
import io.statefun.sdk.reqreply.generated.FromFunction.PersistedValueMutation.MutationType;
import io.statefun.sdk.reqreply.generated.ToFunction.PersistedValue;
import io.statefun.sdk.reqreply.generated.TypedValue;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * The values of one address during one request: read from the request's state, changed by the
 * invocations of the batch (each sees the changes of those before it), and turned into mutations at
 * the end. Thread-safe, as a function may use it from any thread until its future completes.
 */
final class RemoteStorage implements AddressScopedStorage {
  private final Address self;
  private final Map<String, Cell> cells;

  private RemoteStorage(Address self, Map<String, Cell> cells) {
    this.self = self;
    this.cells = cells;
  }

  /**
   * Pairs the declared values with the values of the request, or returns null when the request
   * lacks some of them; {@code missing} then receives those, in declaration order.
   */
  static @Nullable RemoteStorage resolve(
      Address self,
      Map<String, ValueSpec<?>> declared,
      List<PersistedValue> provided,
      Consumer<ValueSpec<?>> missing) {
    Map<String, PersistedValue> byName = new LinkedHashMap<>();
    for (PersistedValue value : provided) {
      byName.put(value.getStateName(), value);
    }
    Map<String, Cell> cells = new LinkedHashMap<>();
    boolean complete = true;
    for (ValueSpec<?> spec : declared.values()) {
      PersistedValue value = byName.get(spec.name());
      if (value == null) {
        missing.accept(spec);
        complete = false;
        continue;
      }
      TypedValue stored = value.getStateValue();
      if (stored.getHasValue()
          && !stored.getTypename().isEmpty()
          && !stored.getTypename().equals(spec.typeName().canonical())) {
        throw new IllegalStateException(
            "Value '"
                + spec.name()
                + "' of "
                + self
                + " arrived as type "
                + stored.getTypename()
                + ", but the function declares it as "
                + spec.typeName());
      }
      cells.put(spec.name(), new Cell(spec, stored.getHasValue() ? stored.getValue() : null));
    }
    return complete ? new RemoteStorage(self, cells) : null;
  }

  @Override
  @SuppressWarnings("unchecked")
  public <T> Optional<T> get(ValueSpec<T> spec) {
    Cell cell = cellOf(spec);
    synchronized (cell) {
      if (cell.object == null && cell.bytes != null) {
        cell.object = spec.type().deserialize(cell.bytes.toByteArray());
      }
      return Optional.ofNullable((T) cell.object);
    }
  }

  @Override
  public <T> void set(ValueSpec<T> spec, T value) {
    Objects.requireNonNull(value, "value; use remove() to clear a value");
    Cell cell = cellOf(spec);
    synchronized (cell) {
      cell.object = value;
      cell.bytes = null;
      cell.status = Status.MODIFIED;
    }
  }

  @Override
  public void remove(ValueSpec<?> spec) {
    Cell cell = cellOf(spec);
    synchronized (cell) {
      cell.object = null;
      cell.bytes = null;
      cell.status = Status.DELETED;
    }
  }

  /** Hands every change to {@code mutations}, in declaration order. */
  @SuppressWarnings({"unchecked", "rawtypes"})
  void mutations(Consumer<PersistedValueMutation> mutations) {
    for (Cell cell : cells.values()) {
      synchronized (cell) {
        switch (cell.status) {
          case UNCHANGED -> {}
          case DELETED ->
              mutations.accept(
                  PersistedValueMutation.newBuilder()
                      .setMutationType(MutationType.DELETE)
                      .setStateName(cell.spec.name())
                      .build());
          case MODIFIED -> {
            ValueSpec spec = cell.spec;
            byte[] bytes = spec.type().serialize(cell.object);
            mutations.accept(
                PersistedValueMutation.newBuilder()
                    .setMutationType(MutationType.MODIFY)
                    .setStateName(spec.name())
                    .setStateValue(
                        TypedValue.newBuilder()
                            .setTypename(spec.typeName().canonical())
                            .setHasValue(true)
                            .setValue(ByteString.copyFrom(bytes)))
                    .build());
          }
        }
      }
    }
  }

  private Cell cellOf(ValueSpec<?> spec) {
    Cell cell = cells.get(spec.name());
    if (cell == null || !cell.spec.typeName().equals(spec.typeName())) {
      throw new IllegalArgumentException(
          "Function "
              + self.type()
              + " does not declare "
              + spec
              + "; add it to the function's StatefulFunctionSpec");
    }
    return cell;
  }

  private enum Status {
    UNCHANGED,
    MODIFIED,
    DELETED
  }

  /** One declared value: its bytes as received, its object once read or written. */
  private static final class Cell {
    final ValueSpec<?> spec;
    @Nullable ByteString bytes;
    @Nullable Object object;
    Status status = Status.UNCHANGED;

    Cell(ValueSpec<?> spec, @Nullable ByteString bytes) {
      this.spec = spec;
      this.bytes = bytes;
    }
  }
}
